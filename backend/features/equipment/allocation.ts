import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { type Interval, tstzrange } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'

export interface EquipmentRequest {
  typeId: string
  quantity: number
}

export interface EquipmentAllocation {
  typeId: string
  assetIds: string[]
}

export interface PlanRequest {
  labId: string
  /** Null for staff's internal use (no training gate). */
  teamId: string | null
  requests: EquipmentRequest[]
  occurrences: Interval[]
  /** Bookings being replaced (a move): their allocations do not count as taken. */
  excludeBookingIds?: string[]
}

/**
 * For each occurrence, picks `quantity` distinct free assets of each type in the lab (least-used
 * first), or explains why not (`equipment_unavailable`, `maintenance`, `training_required`). Reads only.
 * STUB until the equipment feature lands: nothing allocated, no conflicts.
 */
export async function planEquipment(
  _trx: Transaction<Database>,
  req: PlanRequest,
): Promise<Array<{ allocations: EquipmentAllocation[]; conflicts: Conflict[] }>> {
  return req.occurrences.map(() => ({ allocations: [], conflicts: [] }))
}

/** Stores the allocations of one booking; the exclusion constraint is the referee. */
export async function saveAllocations(
  trx: Transaction<Database>,
  bookingId: string,
  during: Interval,
  allocations: EquipmentAllocation[],
): Promise<void> {
  const rows = allocations.flatMap((a) => a.assetIds.map((assetId) => ({ assetId, typeId: a.typeId })))
  if (rows.length === 0) return
  await trx
    .insertInto('equipment_allocations')
    .values(rows.map((r) => ({ asset_id: r.assetId, booking_id: bookingId, during: tstzrange(during.start, during.end) })))
    .execute()
}

/** Frees the assets of bookings that are cancelled, rejected or moved. */
export async function releaseAllocations(trx: Transaction<Database>, bookingIds: string[]): Promise<void> {
  if (bookingIds.length === 0) return
  await trx
    .updateTable('equipment_allocations')
    .set({ released_at: new Date() })
    .where('booking_id', 'in', bookingIds)
    .where('released_at', 'is', null)
    .execute()
}

/** The live allocations of bookings, for responses: bookingId → [{typeId, assetIds}]. */
export async function equipmentOfBookings(db: Kysely<Database>, bookingIds: string[]): Promise<Map<string, EquipmentAllocation[]>> {
  const result = new Map<string, EquipmentAllocation[]>()
  if (bookingIds.length === 0) return result
  const rows = await db
    .selectFrom('equipment_allocations')
    .innerJoin('equipment_assets', 'equipment_assets.id', 'equipment_allocations.asset_id')
    .select(['equipment_allocations.booking_id', 'equipment_assets.type_id', 'equipment_assets.id as asset_id'])
    .where('equipment_allocations.booking_id', 'in', bookingIds)
    .where('equipment_allocations.released_at', 'is', null)
    .orderBy('equipment_assets.asset_tag')
    .execute()
  for (const row of rows) {
    const list = result.get(row.booking_id) ?? []
    let entry = list.find((e) => e.typeId === row.type_id)
    if (!entry) {
      entry = { typeId: row.type_id, assetIds: [] }
      list.push(entry)
    }
    entry.assetIds.push(row.asset_id)
    result.set(row.booking_id, list)
  }
  return result
}
