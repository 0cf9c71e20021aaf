import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, LabType } from '../../../db/schema.ts'
import type { HubRow, LabRow } from './mappers.ts'
import type { OpeningInterval } from './opening-hours.ts'
import { toHhmm } from './opening-hours.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The time zone of a lab's hub, or of a hub; undefined when there is no such lab or hub. */
export async function zoneOf(db: Db, place: { labId: string } | { hubId: string }): Promise<string | undefined> {
  const row =
    'labId' in place
      ? await db
          .selectFrom('labs')
          .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
          .select('hubs.timezone')
          .where('labs.id', '=', place.labId)
          .executeTakeFirst()
      : await db.selectFrom('hubs').select('timezone').where('id', '=', place.hubId).executeTakeFirst()
  return row?.timezone
}

export interface Page {
  limit: number
  offset: number
}

export async function listAreas(db: Db, filter: { municipio?: number; isTarget?: boolean }, page: Page) {
  let query = db.selectFrom('areas')
  if (filter.municipio !== undefined) query = query.where('municipio', '=', filter.municipio)
  if (filter.isTarget !== undefined) query = query.where('is_target', '=', filter.isTarget)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await query.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute()
  return { rows, total: Number(total) }
}

export function findArea(db: Db, id: string) {
  return db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst()
}

function hubsWithArea(db: Db) {
  return db.selectFrom('hubs').innerJoin('areas', 'areas.id', 'hubs.area_id')
}

const HUB_COLUMNS = [
  'hubs.id',
  'hubs.name',
  'hubs.kind',
  'hubs.address',
  'hubs.area_id',
  'hubs.timezone',
  'hubs.phone',
  'hubs.email',
  'hubs.description',
  'areas.name as area_name',
  'areas.nil_id as area_nil_id',
  'areas.municipio as area_municipio',
  'areas.is_target as area_is_target',
] as const

export async function findHub(db: Db, id: string): Promise<HubRow | undefined> {
  return hubsWithArea(db).select(HUB_COLUMNS).where('hubs.id', '=', id).executeTakeFirst()
}

export async function listHubs(db: Db, filter: { areaId?: string; kind?: 'cfl' | 'community_hub'; municipio?: number }, page: Page) {
  let query = hubsWithArea(db)
  if (filter.areaId) query = query.where('hubs.area_id', '=', filter.areaId)
  if (filter.kind) query = query.where('hubs.kind', '=', filter.kind)
  if (filter.municipio !== undefined) query = query.where('areas.municipio', '=', filter.municipio)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows: HubRow[] = await query
    .select(HUB_COLUMNS)
    .orderBy('hubs.name')
    .orderBy('hubs.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return { rows, total: Number(total) }
}

export async function openingHoursOf(db: Db, hubId: string): Promise<OpeningInterval[]> {
  const rows = await db
    .selectFrom('opening_hours')
    .select(['weekday', 'opens', 'closes'])
    .where('hub_id', '=', hubId)
    .orderBy('weekday')
    .orderBy('opens')
    .execute()
  return rows.map((r) => ({ weekday: r.weekday, open: toHhmm(r.opens), close: toHhmm(r.closes) }))
}

export async function replaceOpeningHours(trx: Transaction<Database>, hubId: string, week: OpeningInterval[]): Promise<void> {
  await trx.deleteFrom('opening_hours').where('hub_id', '=', hubId).execute()
  if (week.length === 0) return
  await trx
    .insertInto('opening_hours')
    .values(week.map((i) => ({ hub_id: hubId, weekday: i.weekday, opens: i.open, closes: i.close })))
    .execute()
}

/** Labs joined to their hub: the one way labs are loaded (catalogue, availability, bookings). */
export function labsWithHub(db: Db) {
  return db.selectFrom('labs').innerJoin('hubs', 'hubs.id', 'labs.hub_id')
}

/** The columns of a LabRow (toLab), over labsWithHub. */
export const LAB_COLUMNS = [
  'labs.id',
  'labs.hub_id',
  'labs.name',
  'labs.type',
  'labs.capacity',
  'labs.approval_required',
  'labs.requires_grant',
  'labs.min_duration_minutes',
  'labs.max_duration_minutes',
  'labs.description',
  'labs.check_in_required',
  'labs.check_in_before_minutes',
  'labs.check_in_after_minutes',
  'hubs.name as hub_name',
  'hubs.area_id as hub_area_id',
  'hubs.timezone as hub_timezone',
] as const

export async function findLab(db: Db, id: string): Promise<LabRow | undefined> {
  return labsWithHub(db).select(LAB_COLUMNS).where('labs.id', '=', id).executeTakeFirst()
}

export interface LabFilter {
  hubId?: string
  type?: LabType
  areaId?: string
  minCapacity?: number
  /** Only these labs (already chosen by another rule, e.g. the equipment they hold). */
  labIds?: string[]
}

/** Labs (with their hub) matching the catalogue's filters; callers add columns, order and paging. */
export function filteredLabs(db: Db, filter: LabFilter) {
  let query = labsWithHub(db)
  if (filter.hubId) query = query.where('labs.hub_id', '=', filter.hubId)
  if (filter.type) query = query.where('labs.type', '=', filter.type)
  if (filter.areaId) query = query.where('hubs.area_id', '=', filter.areaId)
  if (filter.minCapacity !== undefined) query = query.where('labs.capacity', '>=', filter.minCapacity)
  if (filter.labIds) query = query.where('labs.id', '=', sql<string>`any(${filter.labIds}::uuid[])`)
  return query
}

export async function listLabs(db: Db, filter: LabFilter, page: Page) {
  const query = filteredLabs(db, filter)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows: LabRow[] = await query
    .select(LAB_COLUMNS)
    .orderBy('hubs.name')
    .orderBy('labs.name')
    .orderBy('labs.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return { rows, total: Number(total) }
}
