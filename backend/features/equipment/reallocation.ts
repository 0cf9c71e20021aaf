import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { Interval } from '../../time.ts'
import { candidateAssets, occupationsAt } from './allocation.ts'
import { pickAssets } from './asset-picking.ts'

export interface AffectedAllocation {
  allocationId: string
  bookingId: string
  start: Date
  end: Date
}

export interface Reallocation {
  moved: Array<{ allocationId: string; bookingId: string; fromAssetId: string; toAssetId: string; start: Date; end: Date }>
  stuck: AffectedAllocation[]
}

/**
 * Live bookings' allocations of the asset that overlap `window` (or, with none, that have not ended),
 * and for each a free asset of the same type in the same lab that could take its place.
 * Nothing is written: `applyReallocation` does, once the caller accepts the outcome.
 */
export async function planReallocationAway(
  trx: Transaction<Database>,
  asset: { id: string; type_id: string; lab_id: string },
  window: Interval | null,
): Promise<Reallocation> {
  let query = trx
    .selectFrom('equipment_allocations as x')
    .innerJoin('bookings as b', 'b.id', 'x.booking_id')
    .select(['x.id', 'x.booking_id', sql<Date>`lower(x.during)`.as('start'), sql<Date>`upper(x.during)`.as('end')])
    .where('x.asset_id', '=', asset.id)
    .where('x.released_at', 'is', null)
    .where('b.status', 'in', ['pending', 'confirmed'])
    .where(sql<boolean>`upper(x.during) > now()`)
  if (window) {
    query = query.where(
      sql<boolean>`x.during && tstzrange(${window.start.toISOString()}::timestamptz, ${window.end.toISOString()}::timestamptz, '[)')`,
    )
  }
  const rows = await query.orderBy(sql`lower(x.during)`).execute()
  const affected = rows.map((r) => ({ allocationId: r.id, bookingId: r.booking_id, start: r.start, end: r.end }))
  if (affected.length === 0) return { moved: [], stuck: [] }

  const others = (await candidateAssets(trx, asset.lab_id, [asset.type_id])).filter((a) => a.id !== asset.id)
  const occurrences = affected.map((a) => ({ start: a.start, end: a.end }))
  const occupations = await occupationsAt(
    trx,
    others.map((a) => a.id),
    occurrences,
  )
  const picks = pickAssets({ requests: [{ typeId: asset.type_id, quantity: 1 }], occurrences, assets: others, occupations })
  const plan: Reallocation = { moved: [], stuck: [] }
  affected.forEach((a, i) => {
    const to = picks[i].allocations[0]?.assetIds[0]
    if (to)
      plan.moved.push({
        allocationId: a.allocationId,
        bookingId: a.bookingId,
        fromAssetId: asset.id,
        toAssetId: to,
        start: a.start,
        end: a.end,
      })
    else plan.stuck.push(a)
  })
  return plan
}

/** Moves the allocations to their new assets (the exclusion constraint referees each move). */
export async function applyReallocation(trx: Transaction<Database>, plan: Reallocation): Promise<void> {
  for (const move of plan.moved) {
    await trx.updateTable('equipment_allocations').set({ asset_id: move.toAssetId }).where('id', '=', move.allocationId).execute()
  }
}

/** Locks the asset against concurrent allocation (saveAllocations takes the shared lock). */
export async function lockAsset(trx: Transaction<Database>, assetId: string) {
  return trx.selectFrom('equipment_assets').selectAll().where('id', '=', assetId).forUpdate().executeTakeFirstOrThrow()
}
