import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { precompiledShapes } from '../../../db/precompiled.ts'
import type { BookingStatus, Database, LabType } from '../../../db/schema.ts'
import { seesBookingSql } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { boundInSql, boundKind, boundText, DEFAULT_ZONE, type Interval, type PeriodBound } from '../../time.ts'
import type { OpeningInterval } from '../catalogue/opening-hours.ts'
import { LAB_COLUMNS, labsWithHub } from '../catalogue/queries.ts'
import type { HeldCertificate, KindRule } from '../certifications/certification-gate.ts'
import type { GrantScope } from '../grants/accounting.ts'
import { bookingListItemSql } from './views.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The columns a change to a booking sets: its last change, when it alters nothing a calendar shows. */
export function touched() {
  return { updated_at: sql<Date>`now()` }
}

/** A change that no notification accompanies bumps the iCalendar SEQUENCE here (notify bumps it otherwise). */
export function bumped() {
  return { sequence: sql<number>`sequence + 1`, updated_at: sql<Date>`now()` }
}

/** A PostgreSQL range literal, for arrays of ranges passed as one parameter. */
export function rangeLiteral(i: Interval): string {
  return `[${i.start.toISOString()},${i.end.toISOString()})`
}

export interface LabForBooking {
  id: string
  hub_id: string
  name: string
  type: LabType
  capacity: number
  approval_required: boolean
  requires_grant: boolean
  min_duration_minutes: number
  max_duration_minutes: number
  check_in_required: boolean
  check_in_before_minutes: number
  check_in_after_minutes: number
  timezone: string
  /** The hub, as the booking's emails and invitations name it. */
  hub_name: string
  hub_address: string
  hub_phone: string | null
  hub_email: string | null
}

export const LAB_FOR_BOOKING = [
  ...LAB_COLUMNS,
  'hubs.timezone',
  'hubs.name as hub_name',
  'hubs.address as hub_address',
  'hubs.phone as hub_phone',
  'hubs.email as hub_email',
] as const

export function findLab(db: Db, labId: string): Promise<LabForBooking | undefined> {
  return labsWithHub(db).select(LAB_FOR_BOOKING).where('labs.id', '=', labId).executeTakeFirst()
}

/** Weekly hours of each hub (hubs without hours map to []). */
export async function weeklyHoursOfHubs(db: Db, hubIds: string[]): Promise<Map<string, OpeningInterval[]>> {
  const result = new Map<string, OpeningInterval[]>(hubIds.map((id) => [id, []]))
  if (hubIds.length === 0) return result
  const rows = await db
    .selectFrom('opening_hours')
    .select(['hub_id', 'weekday', 'opens', 'closes'])
    .where('hub_id', 'in', [...new Set(hubIds)])
    .execute()
  for (const r of rows) result.get(r.hub_id)?.push({ weekday: r.weekday, open: r.opens, close: r.closes })
  return result
}

export interface ClosureRow {
  id: string
  hub_id: string | null
  lab_id: string | null
  start: Date
  end: Date
  reason: string
}

/** Closures overlapping the window that apply to any of the labs: global ones, their hubs', their own. */
export function closuresForLabs(db: Db, labs: Array<{ id: string; hub_id: string }>, window: Interval): Promise<ClosureRow[]> {
  return closuresApplying(db, [...new Set(labs.map((l) => l.id))], [...new Set(labs.map((l) => l.hub_id))], isoWindow(window)).execute()
}

/** A window as ISO 8601 instants: the parameters of a statement built once (db/precompiled.ts). */
export interface IsoWindow {
  start: string
  end: string
}

export function isoWindow(i: Interval): IsoWindow {
  return { start: i.start.toISOString(), end: i.end.toISOString() }
}

function closuresApplying(
  db: Db,
  labIds: string[],
  hubIds: string[] | SelectQueryBuilder<Database, 'labs', { hub_id: string }>,
  window: IsoWindow,
) {
  return db
    .selectFrom('closures')
    .select(['id', 'hub_id', 'lab_id', 'reason', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
    .where(sql<boolean>`during && tstzrange(${window.start}::timestamptz, ${window.end}::timestamptz, '[)')`)
    .where((eb) =>
      eb.or([
        eb.and([eb('hub_id', 'is', null), eb('lab_id', 'is', null)]),
        ...(Array.isArray(hubIds) ? (hubIds.length ? [eb('hub_id', 'in', hubIds)] : []) : [eb('hub_id', 'in', hubIds)]),
        ...(labIds.length ? [eb('lab_id', 'in', labIds)] : []),
      ]),
    )
    .orderBy(sql`lower(during)`)
}

/** A lab's calendar for a window: its hub's weekly hours and the closures that apply to it then. */
export interface LabCalendar {
  hours: OpeningInterval[]
  closures: ClosureRow[]
}

/** A lab's calendar for a window as two JSON columns of a statement, by the lab's id alone (its hub found in SQL). */
export function calendarColumns(db: Db, labId: string, window: IsoWindow) {
  const hubOfLab = db.selectFrom('labs').select('hub_id').where('id', '=', labId)
  return [
    jsonArrayFrom(
      db.selectFrom('opening_hours').select(['weekday', 'opens as open', 'closes as close']).where('hub_id', 'in', hubOfLab),
    ).as('hours'),
    jsonArrayFrom(closuresApplying(db, [labId], hubOfLab, window)).as('closures'),
  ] as const
}

export function toCalendar(row: {
  hours: OpeningInterval[]
  closures: Array<Omit<ClosureRow, 'start' | 'end'> & { start: string | Date; end: string | Date }>
}) {
  // JSON carries instants as text
  return { hours: row.hours, closures: row.closures.map((c) => ({ ...c, start: new Date(c.start), end: new Date(c.end) })) }
}

/**
 * Reads a lab's calendar for a window in one statement. No lock guards these rows: a booking reads them before
 * its transaction (inside it they would say nothing more, and cost round trips while the grant lock is held).
 */
export async function labCalendar(db: Db, labId: string, window: Interval): Promise<LabCalendar> {
  return toCalendar(await db.selectNoFrom(calendarColumns(db, labId, isoWindow(window))).executeTakeFirstOrThrow())
}

/** What a team's booking is checked against besides the lab: the scopes of its grants, every certification kind and its certificates. */
export interface TeamRules {
  grants: GrantScope[]
  kinds: KindRule[]
  held: HeldCertificate[]
}

/**
 * A team's rules in one statement, read before the booking's transaction like the lab's calendar: no lock
 * guards certificates or kinds (read inside, they would say nothing more), and the grants are read again under
 * their lock whenever one of them can cover the booking (checkGrantQuota).
 */
export async function teamRules(db: Db, teamId: string): Promise<TeamRules> {
  return db.selectNoFrom(teamRulesColumns(db, teamId)).executeTakeFirstOrThrow()
}

/** A team's rules as three JSON columns of a statement (see teamRules). */
export function teamRulesColumns(db: Db, teamId: string) {
  return [
    jsonArrayFrom(
      db
        .selectFrom('grants')
        .select(['from_date as from', 'to_date as to', 'hub_id as hubId', 'lab_type as labType'])
        .where('team_id', '=', teamId),
    ).as('grants'),
    jsonArrayFrom(
      db
        .selectFrom('certification_kinds')
        .select(['id', 'name', 'equipment_type_ids as equipmentTypeIds', 'lab_types as labTypes'])
        .orderBy('name'),
    ).as('kinds'),
    jsonArrayFrom(
      db
        .selectFrom('certifications')
        .select(['kind_id as kindId', 'obtained_on as obtainedOn', 'expires_on as expiresOn'])
        .where('team_id', '=', teamId),
    ).as('held'),
  ] as const
}

/** The span of the slots. */
export function windowOf(slots: Interval[]): Interval {
  return {
    start: new Date(Math.min(...slots.map((s) => s.start.getTime()))),
    end: new Date(Math.max(...slots.map((s) => s.end.getTime()))),
  }
}

/** Does the closure apply to this lab? */
export function closureAppliesTo(c: Pick<ClosureRow, 'hub_id' | 'lab_id'>, lab: { id: string; hub_id: string }): boolean {
  return (c.hub_id === null && c.lab_id === null) || c.hub_id === lab.hub_id || c.lab_id === lab.id
}

export interface BusyBooking {
  id: string
  lab_id: string
  team_id: string | null
  start: Date
  end: Date
}

/**
 * Live bookings of the labs that overlap any of the slots: one probe of the (lab_id, during) gist index
 * per lab and slot, so a year-long series or a search over many labs reads only what is in the way.
 */
export async function liveBookingsOverlapping(
  db: Db,
  labIds: string[],
  slots: Interval[],
  excludeBookingIds: string[] = [],
): Promise<BusyBooking[]> {
  if (labIds.length === 0 || slots.length === 0) return []
  const result = await sql<BusyBooking>`
    select distinct b.id, b.lab_id, b.team_id, lower(b.during) as "start", upper(b.during) as "end"
    from unnest(${[...new Set(labIds)]}::uuid[]) as l(id)
    cross join unnest(${slots.map(rangeLiteral)}::tstzrange[]) as s(r)
    join bookings b on b.lab_id = l.id and b.during && s.r
    where b.status in ('pending', 'confirmed')
      and not (b.id = any(${excludeBookingIds}::uuid[]))
    order by "start"
  `.execute(db)
  return result.rows
}

export interface BookingRow {
  id: string
  series_id: string | null
  lab_id: string
  hub_id: string
  team_id: string | null
  title: string
  start: Date
  end: Date
  status: BookingStatus
  expected_participants: number | null
  participants: number | null
  participant_categories: Record<string, number> | null
  status_reason: string | null
  /** 'closure' when a closure cancelled it (0520). */
  cancel_cause: 'closure' | null
  sequence: number
  timezone: string
  lab_name: string
  /** null for bookings without a team (staff's internal use). */
  team_name: string | null
  checked_in_at: Date | null
  released_at: Date | null
  check_in_required: boolean
  check_in_before_minutes: number
  check_in_after_minutes: number
}

function bookingsWithZone(db: Db) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('labs as l', 'l.id', 'b.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .leftJoin('teams as t', 't.id', 'b.team_id')
    .select([
      'b.id',
      'b.series_id',
      'b.lab_id',
      'l.hub_id',
      'b.team_id',
      'b.title',
      sql<Date>`lower(b.during)`.as('start'),
      sql<Date>`upper(b.during)`.as('end'),
      'b.status',
      'b.expected_participants',
      'b.participants',
      'b.participant_categories',
      'b.status_reason',
      'b.cancel_cause',
      'b.sequence',
      'h.timezone',
      'l.name as lab_name',
      't.name as team_name',
      'b.checked_in_at',
      'b.released_at',
      'l.check_in_required',
      'l.check_in_before_minutes',
      'l.check_in_after_minutes',
    ])
}

export function findBooking(db: Db, id: string): Promise<BookingRow | undefined> {
  return bookingsWithZone(db).where('b.id', '=', id).executeTakeFirst()
}

export function bookingsByIds(db: Db, ids: string[]): Promise<BookingRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return bookingsWithZone(db).where('b.id', 'in', ids).orderBy(sql`lower(b.during)`).orderBy('b.id').execute()
}

/** Every occurrence of a series, in time order. */
export function bookingsOfSeries(db: Db, seriesId: string): Promise<BookingRow[]> {
  return bookingsWithZone(db).where('b.series_id', '=', seriesId).orderBy(sql`lower(b.during)`).orderBy('b.id').execute()
}

/** The bookings of a series (locked), from a given start on when `from` is set. */
export function seriesBookingsForUpdate(trx: Transaction<Database>, seriesId: string, from?: Date) {
  let q = trx
    .selectFrom('bookings')
    .select(['id', 'status', sql<Date>`lower(during)`.as('start')])
    .where('series_id', '=', seriesId)
  if (from) q = q.where(sql<boolean>`lower(during) >= ${from.toISOString()}::timestamptz`)
  return q.orderBy(sql`lower(during)`).forUpdate().execute()
}

export interface BookingFilter {
  labId?: string
  hubId?: string
  teamId?: string
  /** Read in the zone of the lab's or hub's hub (Europe/Rome without either). */
  from?: PeriodBound
  to?: PeriodBound
  status?: BookingStatus[]
  /** Who asks: the list holds only what they may see (`seesBookingSql`). */
  viewer: SessionUser
}

/** A page of a list as the API answers it: the JSON array, how many it holds, and the total. */
export interface BookingListPage {
  json: string
  count: number
  total: number
  /** A bound whose wall time the zone skips (the spring-forward gap): a 400 for it, as `boundIn` gives. */
  skipped?: 'from' | 'to'
}

/**
 * A page of bookings ordered by start, and the total, in one statement (issue 18: a hub's week is the session
 * and this). The place's zone, in which date bounds are midnights, and the viewer's hubs and teams are read
 * inside it; the page is chosen first (a CTE with its limit; range filters use the gist (lab_id, during) index),
 * then each of its bookings is written as the answer's JSON (`bookingListItemSql`) with its equipment and series.
 * Built and compiled once per shape (`listShape`: which filters, the kinds of the bounds, the viewer's kind).
 */
export async function listBookings(
  db: Kysely<Database>,
  f: BookingFilter,
  page: { limit: number; offset: number },
): Promise<BookingListPage> {
  // `in` with a status twice is `in` with it once: at most one shape per number of statuses
  const statuses = f.status?.length ? [...new Set(f.status)] : []
  const viewer: ListShape['viewer'] =
    f.viewer.role === 'admin' ? 'all' : f.viewer.role === 'operator' && f.viewer.operatorId ? 'operator' : 'teams'
  const shape: ListShape = {
    lab: !!f.labId,
    hub: !!f.hubId,
    team: !!f.teamId,
    statuses: statuses.length,
    from: f.from ? boundKind(f.from) : undefined,
    to: f.to ? boundKind(f.to) : undefined,
    countApart: page.offset > 0,
    viewer,
  }
  const args: Partial<ListArgs> = { limit: page.limit, offset: page.offset }
  if (f.labId) args.labId = f.labId
  if (f.hubId) args.hubId = f.hubId
  if (f.teamId) args.teamId = f.teamId
  statuses.forEach((s, i) => {
    args[`status${i}`] = s
  })
  if (f.from) args.from = boundText(f.from)
  if (f.to) args.to = boundText(f.to)
  if (viewer !== 'all') args.userId = f.viewer.id
  if (viewer === 'operator' && f.viewer.operatorId) args.operatorId = f.viewer.operatorId
  const [row] = await listStatement(db, shape, args)
  return {
    json: row.json ?? '[]',
    count: row.count,
    total: Number(row.total),
    skipped: row.from_skipped ? 'from' : row.to_skipped ? 'to' : undefined,
  }
}

/** What the text of a list's statement depends on (never a value). */
interface ListShape {
  lab: boolean
  hub: boolean
  team: boolean
  /** How many distinct statuses are asked for (0: any). */
  statuses: number
  from?: 'instant' | 'wall'
  to?: 'instant' | 'wall'
  /** Past the first page: the total is counted apart when the page is empty. */
  countApart: boolean
  /** What the viewer sees (`seesBookingSql`): everything, their operator's hubs and their teams, their teams. */
  viewer: 'all' | 'operator' | 'teams'
}

type ListArgs = {
  labId: string
  hubId: string
  teamId: string
  from: string
  to: string
  limit: number
  offset: number
  userId: string
  operatorId: string
} & Record<`status${number}`, string>

const listStatement = precompiledShapes(
  (s: ListShape) => `${+s.lab}${+s.hub}${+s.team}${s.statuses}${s.from ?? '-'}${s.to ?? '-'}${+s.countApart}${s.viewer}`,
  (db, s, a: ListArgs) => {
    const zone = s.lab
      ? sql<string>`coalesce((select h.timezone from labs l join hubs h on h.id = l.hub_id where l.id = ${a.labId}), ${DEFAULT_ZONE})`
      : s.hub
        ? sql<string>`coalesce((select timezone from hubs where id = ${a.hubId}), ${DEFAULT_ZONE})`
        : sql<string>`${DEFAULT_ZONE}::text`
    const from = s.from ? boundInSql(s.from, a.from, zone) : undefined
    const to = s.to ? boundInSql(s.to, a.to, zone) : undefined
    // stand-ins for the viewer (db/precompiled.ts): its kind is the shape's, its ids the arguments
    const viewer: SessionUser = {
      id: a.userId,
      email: '',
      name: '',
      role: s.viewer === 'all' ? 'admin' : s.viewer === 'operator' ? 'operator' : 'member',
      operatorId: s.viewer === 'operator' ? a.operatorId : null,
      locale: 'it',
    }
    let q = bookingsWithZone(db).where(seesBookingSql(db, viewer, { hubId: sql.ref('l.hub_id'), teamId: sql.ref('b.team_id') }))
    if (s.lab) q = q.where('b.lab_id', '=', a.labId)
    if (s.hub) q = q.where('l.hub_id', '=', a.hubId)
    if (s.team) q = q.where('b.team_id', '=', a.teamId)
    if (s.statuses)
      q = q.where(
        'b.status',
        'in',
        Array.from({ length: s.statuses }, (_, i) => a[`status${i}`] as BookingStatus),
      )
    if (from || to) q = q.where(sql<boolean>`b.during && tstzrange(${from ?? sql`null`}, ${to ?? sql`null`}, '[)')`)
    const skipped = (bound: typeof from) => (bound ? sql<boolean>`${bound} is null` : sql<boolean>`false`)
    const pageRows = q
      .select(sql<number>`count(*) over ()`.as('total'))
      .orderBy(sql`lower(b.during)`)
      .orderBy('b.id')
      .limit(a.limit)
      .offset(a.offset)
    // Past the last page the window count is gone: count apart.
    const countApart = s.countApart ? sql`(select count(*) from (${q.clearSelect().select(sql`1`.as('one'))}) c)` : sql`0`
    const statement = sql<{ json: string | null; count: number; total: string; from_skipped: boolean; to_skipped: boolean }>`
      with p as (${pageRows})
      select
        (select '[' || string_agg(row_to_json(item)::text, ',' order by p.start, p.id) || ']'
          from p left join booking_series s on s.id = p.series_id
            left join labs sl on sl.id = s.lab_id left join hubs sh on sh.id = sl.hub_id
            cross join lateral (${bookingListItemSql()}) item) as json,
        (select count(*)::int from p) as count,
        coalesce((select total from p limit 1), ${countApart}) as total,
        ${skipped(from)} as from_skipped, ${skipped(to)} as to_skipped
    `
    return { compile: () => statement.compile(db) }
  },
)

/** Equipment requested by a booking, rebuilt from its live allocations (a move keeps the same needs). */
export async function equipmentRequestsOf(db: Db, bookingId: string): Promise<Array<{ typeId: string; quantity: number }>> {
  const rows = await db
    .selectFrom('equipment_allocations as a')
    .innerJoin('equipment_assets as e', 'e.id', 'a.asset_id')
    .select(['e.type_id', sql<number>`count(*)::int`.as('quantity')])
    .where('a.booking_id', '=', bookingId)
    .where('a.released_at', 'is', null)
    .groupBy('e.type_id')
    .execute()
  return rows.map((r) => ({ typeId: r.type_id, quantity: Number(r.quantity) }))
}
