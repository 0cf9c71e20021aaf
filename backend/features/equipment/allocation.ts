import { type Expression, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../../db/schema.ts'
import { AppError } from '../../http/problem.ts'
import { isUuid } from '../../http/validation.ts'
import { DEFAULT_ZONE, formatInstant, type Interval, tstzrange } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'
import { zoneOf } from '../catalogue/queries.ts'
import { type CandidateAsset, mergeRequests, type Occupation, pickAssets } from './asset-picking.ts'
import { m } from './messages.ts'

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

const NO_IDS = ['00000000-0000-0000-0000-000000000000']

/** The lab's assets of the given types (retired ones aside), with how often each was allocated. */
export async function candidateAssets(db: Kysely<Database>, labId: string, typeIds: string[]): Promise<CandidateAsset[]> {
  if (typeIds.length === 0) return []
  const rows = await db
    .selectFrom('equipment_assets as a')
    .select(['a.id', 'a.type_id', 'a.asset_tag', 'a.status'])
    .select((eb) =>
      eb
        .selectFrom('equipment_allocations as x')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('x.asset_id', '=', 'a.id')
        .where('x.released_at', 'is', null)
        .as('usage'),
    )
    .where('a.lab_id', '=', labId)
    .where('a.type_id', 'in', typeIds)
    .where('a.status', '<>', 'retired')
    .execute()
  return rows.map((r) => ({ id: r.id, typeId: r.type_id, assetTag: r.asset_tag, status: r.status, usage: Number(r.usage ?? 0) }))
}

/**
 * Which of the assets are taken at which occurrence — by a live allocation (other than of the
 * excluded bookings) or by a maintenance window — in one query for all occurrences.
 */
export async function occupationsAt(
  db: Kysely<Database>,
  assetIds: string[],
  occurrences: Interval[],
  excludeBookingIds: string[] = [],
): Promise<Occupation[]> {
  if (assetIds.length === 0 || occurrences.length === 0) return []
  const starts = occurrences.map((o) => o.start.toISOString())
  const ends = occurrences.map((o) => o.end.toISOString())
  const excluded = excludeBookingIds.length ? excludeBookingIds : NO_IDS
  const { rows } = await sql<{ idx: number; asset_id: string; kind: 'allocation' | 'maintenance'; booking_id: string | null }>`
    with o as (
      select (ord - 1)::int as idx, tstzrange(s, e, '[)') as during
      from unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) with ordinality as t(s, e, ord)
    )
    select o.idx, x.asset_id, 'allocation' as kind, x.booking_id
      from o join equipment_allocations x
        on x.asset_id = any(${assetIds}::uuid[]) and x.released_at is null and x.during && o.during
       and x.booking_id <> all(${excluded}::uuid[])
    union all
    select o.idx, w.asset_id, 'maintenance' as kind, null
      from o join maintenance_windows w on w.asset_id = any(${assetIds}::uuid[]) and w.during && o.during
  `.execute(db)
  return rows.map((r) => ({ occurrence: r.idx, assetId: r.asset_id, kind: r.kind, ...(r.booking_id && { bookingId: r.booking_id }) }))
}

/**
 * For each occurrence, picks `quantity` distinct free assets of each type in the lab (least-used
 * first), or explains why not (`equipment_unavailable`, `maintenance`, `training_required`). Reads only;
 * a handful of queries whatever the number of occurrences.
 */
export async function planEquipment(
  trx: Transaction<Database>,
  req: PlanRequest,
): Promise<Array<{ allocations: EquipmentAllocation[]; conflicts: Conflict[] }>> {
  const requests = mergeRequests(req.requests.filter((r) => r.quantity > 0))
  if (requests.length === 0) return req.occurrences.map(() => ({ allocations: [], conflicts: [] }))
  // An id that is not even a UUID names no type: that request is simply unavailable.
  const typeIds = requests.map((r) => r.typeId).filter(isUuid)
  const types = typeIds.length
    ? await trx.selectFrom('equipment_types').select(['id', 'name', 'requires_training']).where('id', 'in', typeIds).execute()
    : []
  const assets = await candidateAssets(trx, req.labId, typeIds)
  const occupations = await occupationsAt(
    trx,
    assets.map((a) => a.id),
    req.occurrences,
    req.excludeBookingIds,
  )
  const plans = pickAssets({
    requests,
    occurrences: req.occurrences,
    assets,
    occupations,
    typeNames: new Map(types.map((t) => [t.id, t.name])),
  })

  // Training gate: a team may use a type that requires training from the day one of its people was trained.
  const gated = types.filter((t) => t.requires_training)
  if (req.teamId && gated.length > 0) {
    const trained = await trx
      .selectFrom('trainings')
      .select(['type_id', (eb) => eb.fn.min('trained_on').as('since')])
      .where('team_id', '=', req.teamId)
      .where(
        'type_id',
        'in',
        gated.map((t) => t.id),
      )
      .groupBy('type_id')
      .execute()
    const since = new Map(trained.map((t) => [t.type_id, String(t.since)]))
    const timezone = (await zoneOf(trx, { labId: req.labId })) ?? DEFAULT_ZONE
    req.occurrences.forEach((occurrence, i) => {
      const day = DateTime.fromJSDate(occurrence.start).setZone(timezone).toISODate()!
      const missing = gated.filter((t) => !since.has(t.id) || since.get(t.id)! > day)
      if (missing.length === 0) return
      plans[i] = {
        allocations: [],
        conflicts: [
          ...missing.map(
            (t): Conflict => ({
              start: occurrence.start,
              end: occurrence.end,
              reason: 'training_required',
              detail: m.trainingRequired({ type: t.name }),
            }),
          ),
          ...plans[i].conflicts,
        ],
      }
    })
  }
  return plans
}

/**
 * Stores the allocations of one booking. The assets are locked (shared) and re-checked against
 * maintenance recorded meanwhile; the exclusion constraint is the referee of double allocation.
 */
export async function saveAllocations(
  trx: Transaction<Database>,
  bookingId: string,
  during: Interval,
  allocations: EquipmentAllocation[],
): Promise<void> {
  const rows = allocations.flatMap((a) => a.assetIds.map((assetId) => ({ assetId, typeId: a.typeId })))
  if (rows.length === 0) return
  const assetIds = [...new Set(rows.map((r) => r.assetId))].sort()
  // Maintenance takes these locks exclusively: whichever commits first, the other sees it.
  const locked = await trx
    .selectFrom('equipment_assets')
    .select(['id', 'status'])
    .where('id', 'in', assetIds)
    .orderBy('id')
    .forShare()
    .execute()
  const windows = await occupationsAt(trx, assetIds, [during], [bookingId])
  const outOfService = locked.filter((a) => a.status !== 'active').length > 0 || windows.some((w) => w.kind === 'maintenance')
  const taken = windows.some((w) => w.kind === 'allocation')
  const refuse = async (reason: 'maintenance' | 'equipment_unavailable') => {
    const { timezone } = await trx
      .selectFrom('equipment_assets')
      .innerJoin('labs', 'labs.id', 'equipment_assets.lab_id')
      .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
      .select('hubs.timezone')
      .where('equipment_assets.id', '=', assetIds[0])
      .executeTakeFirstOrThrow()
    return new AppError('conflict', m.noLongerAvailable(), {
      conflicts: [{ start: formatInstant(during.start, timezone), end: formatInstant(during.end, timezone), reason }],
    })
  }
  if (outOfService || taken) throw await refuse(outOfService ? 'maintenance' : 'equipment_unavailable')
  try {
    await trx
      .insertInto('equipment_allocations')
      .values(rows.map((r) => ({ asset_id: r.assetId, booking_id: bookingId, during: tstzrange(during.start, during.end) })))
      .execute()
  } catch (err) {
    // A concurrent booking took an asset after our check: the exclusion constraint refused this one.
    if ((err as { code?: string }).code !== '23P01') throw err
    throw new AppError('conflict', m.takenMeanwhile(), {
      conflicts: [{ start: formatInstant(during.start), end: formatInstant(during.end), reason: 'equipment_unavailable' }],
    })
  }
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

/**
 * The same as equipmentOfBookings for one booking, as a scalar subquery of another statement (a json array of
 * `{ typeId, assetIds }`): types in the order of their first asset tag, each type's assets by tag. A list reads
 * its page's equipment in its own statement, without a round trip and an `in` list of every id (issue 18).
 */
export function equipmentOfBookingColumn(bookingId: Expression<string>): RawBuilder<EquipmentAllocation[]> {
  return sql<EquipmentAllocation[]>`(
    select coalesce(json_agg(json_build_object('typeId', x.type_id, 'assetIds', x.asset_ids) order by x.first_tag), '[]'::json)
    from (
      select e.type_id, array_agg(e.id order by e.asset_tag) as asset_ids, min(e.asset_tag) as first_tag
      from equipment_allocations a join equipment_assets e on e.id = a.asset_id
      where a.booking_id = ${bookingId} and a.released_at is null
      group by e.type_id
    ) x
  )`
}

/** Labs holding at least `quantity` assets of the type that are not retired (for availability search). */
export async function labsWithEquipment(db: Kysely<Database>, typeId: string, quantity: number): Promise<string[]> {
  return labsWithAllEquipment(db, [{ typeId, quantity }])
}

/** Labs holding every requested type in at least the requested quantity (not retired). */
export async function labsWithAllEquipment(db: Kysely<Database>, requests: EquipmentRequest[]): Promise<string[]> {
  const merged = mergeRequests(requests.filter((r) => r.quantity > 0))
  if (merged.length === 0) {
    const labs = await db.selectFrom('labs').select('id').execute()
    return labs.map((l) => l.id)
  }
  if (merged.some((r) => !isUuid(r.typeId))) return []
  const counts = await db
    .selectFrom('equipment_assets')
    .select(['lab_id', 'type_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'type_id',
      'in',
      merged.map((r) => r.typeId),
    )
    .where('status', '<>', 'retired')
    .groupBy(['lab_id', 'type_id'])
    .execute()
  const enough = new Map<string, number>()
  for (const c of counts) {
    const wanted = merged.find((r) => r.typeId === c.type_id)!
    if (Number(c.n) >= wanted.quantity) enough.set(c.lab_id, (enough.get(c.lab_id) ?? 0) + 1)
  }
  return [...enough].filter(([, n]) => n === merged.length).map(([labId]) => labId)
}
