import { type Kysely, sql, type Transaction } from 'kysely'
import type { BookingStatus, Database } from '../../db/schema.ts'
import type { CalendarBooking, CalendarOccurrence } from '../../emails/ics.ts'
import type { BookingEmail, Locale } from '../../emails/templates.ts'
import { cooperative } from '../cooperative.ts'
import { addressOf, outboxSettings } from './settings.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A series (all its occurrences) or a single booking, with what emails and calendars say about it. */
export interface BookingGroup extends CalendarBooking {
  /** The series id, or the booking id of a single booking. */
  key: string
  labId: string
  hubId: string
  title: string
  team: { id: string; name: string; contactEmail: string } | null
  createdBy: string | null
  organizer: { name: string; email: string }
  /** The equipment booked (by type, with how many), filled by withEquipment. */
  equipment?: Array<{ name: string; quantity: number }>
}

const teamOfBooking = sql<{ name: string; contact_email: string } | null>`(
  select jsonb_build_object('name', t.name, 'contact_email', t.contact_email) from teams t where t.id = b.team_id
)`

const seriesOfBooking = sql<SeriesColumns | null>`(
  select jsonb_build_object('rrule', s.rrule, 'dtstart', s.dtstart, 'duration_minutes', s.duration_minutes,
                            'title', s.title, 'created_by', s.created_by)
  from booking_series s where s.id = b.series_id
)`

export interface SeriesColumns {
  rrule: string
  dtstart: Date | string
  duration_minutes: number
  title: string
  created_by: string | null
}

/** How many bookings one read of loadBookingGroups asks for: a feed of thousands is read a slice at a time. */
const IDS_PER_READ = 500

/**
 * The groups of the given bookings: each series comes whole (every occurrence, any status), because an
 * invitation or a feed always describes a series entirely. Thousands of ids (a busy team's feed) are read
 * IDS_PER_READ at a time, with a turn for other requests in between; a series met again in a later slice
 * was already read whole and is not repeated.
 */
export async function loadBookingGroups(db: Db, bookingIds: string[]): Promise<BookingGroup[]> {
  const groups = new Map<string, BookingGroup>()
  const pause = cooperative()
  for (let i = 0; i < bookingIds.length; i += IDS_PER_READ) {
    const slice = await readGroupRows(db, bookingIds.slice(i, i + IDS_PER_READ))
    for (const group of groupsOf(slice)) if (!groups.has(group.key)) groups.set(group.key, group)
    await pause()
  }
  return [...groups.values()]
}

async function readGroupRows(db: Db, bookingIds: string[]): Promise<GroupRow[]> {
  return (
    db
      .selectFrom('bookings as b')
      .innerJoin('labs as l', 'l.id', 'b.lab_id')
      .innerJoin('hubs as h', 'h.id', 'l.hub_id')
      // Team and series by primary key, per row: as joins, the planner (which cannot know how many rows the
      // series condition brings) hashed the whole teams and booking_series tables for each notification.
      .select([teamOfBooking.as('team'), seriesOfBooking.as('series')])
      .select([
        'b.id',
        'b.series_id',
        'b.lab_id',
        'b.title',
        'b.status',
        'b.sequence',
        'b.created_by',
        sql<Date>`b.updated_at`.as('updated_at'),
        sql<Date>`coalesce(b.recurrence_start, lower(b.during))`.as('recurrence_start'),
        sql<Date>`lower(b.during)`.as('start'),
        sql<Date>`upper(b.during)`.as('end'),
        'l.name as lab_name',
        'h.id as hub_id',
        'h.name as hub_name',
        'h.address as hub_address',
        'h.phone as hub_phone',
        'h.email as hub_email',
        'h.timezone as hub_zone',
        'b.team_id',
      ])
      .where((eb) =>
        eb.or([
          eb('b.id', '=', sql<string>`any(${bookingIds}::uuid[])`),
          // = any(array(…)) lets the planner use the series index (an IN subquery under OR scanned every booking).
          eb(
            'b.series_id',
            '=',
            sql<string>`any(array(select series_id from bookings where id = any(${bookingIds}::uuid[]) and series_id is not null))`,
          ),
        ]),
      )
      .orderBy(sql`lower(b.during)`)
      .execute()
  )
}

/** A booking with what its group needs, as loadBookingGroups reads it (or a caller that just wrote it knows it). */
export interface GroupRow {
  id: string
  series_id: string | null
  lab_id: string
  title: string
  status: BookingStatus
  sequence: number
  created_by: string | null
  updated_at: Date
  recurrence_start: Date
  start: Date
  end: Date
  lab_name: string
  hub_id: string
  hub_name: string
  hub_address: string
  hub_phone: string | null
  hub_email: string | null
  hub_zone: string
  team_id: string | null
  team: { name: string; contact_email: string } | null
  series: SeriesColumns | null
}

/** The rows (ordered by start) gathered into their groups. */
export function groupsOf(rows: GroupRow[]): BookingGroup[] {
  const { publicUrl, mailFrom } = outboxSettings()
  const groups = new Map<string, BookingGroup>()
  for (const r of rows) {
    const key = r.series_id ?? r.id
    let group = groups.get(key)
    if (!group) {
      const zone = r.hub_zone
      const s = r.series
      group = {
        key,
        seriesId: r.series_id,
        series: s ? { rrule: s.rrule, dtstart: new Date(s.dtstart), durationMinutes: s.duration_minutes, title: s.title } : null,
        occurrences: [],
        teamName: r.team?.name ?? null,
        place: { labName: r.lab_name, hubName: r.hub_name, address: r.hub_address, phone: r.hub_phone, email: r.hub_email, zone },
        linkFor: (id) => `${publicUrl}/bookings/${id}`,
        labId: r.lab_id,
        hubId: r.hub_id,
        title: s ? s.title : r.title,
        team: r.team_id && r.team ? { id: r.team_id, name: r.team.name, contactEmail: r.team.contact_email } : null,
        createdBy: s?.created_by ?? r.created_by,
        organizer: { name: r.hub_name, email: r.hub_email ?? addressOf(mailFrom) },
      }
      groups.set(key, group)
    }
    group.occurrences.push(toOccurrence(r))
  }
  return [...groups.values()]
}

function toOccurrence(r: GroupRow): CalendarOccurrence {
  const start = new Date(r.start)
  return {
    bookingId: r.id,
    start,
    end: new Date(r.end),
    recurrenceStart: r.recurrence_start ? new Date(r.recurrence_start) : start,
    status: r.status,
    title: r.title,
    sequence: r.sequence,
    updatedAt: new Date(r.updated_at),
  }
}

/**
 * The equipment booked by each group, read in one query over all their occurrences: a series books the same
 * equipment for every occurrence, so the first occurrence that holds any says it. Released allocations (a
 * cancelled booking gives its equipment back) do not count.
 */
export async function withEquipment(db: Db, groups: BookingGroup[]): Promise<void> {
  const ids = groups.flatMap((g) => g.occurrences.map((o) => o.bookingId))
  if (ids.length === 0) return
  const rows = await db
    .selectFrom('equipment_allocations as a')
    .innerJoin('equipment_assets as e', 'e.id', 'a.asset_id')
    .innerJoin('equipment_types as et', 'et.id', 'e.type_id')
    .select(['a.booking_id', 'et.name', sql<number>`count(*)::int`.as('quantity')])
    .where('a.booking_id', '=', sql<string>`any(${ids}::uuid[])`)
    .where('a.released_at', 'is', null)
    .groupBy(['a.booking_id', 'et.name'])
    .execute()
  const byBooking = new Map<string, Array<{ name: string; quantity: number }>>()
  for (const r of rows) {
    if (!byBooking.has(r.booking_id)) byBooking.set(r.booking_id, [])
    byBooking.get(r.booking_id)?.push({ name: r.name, quantity: Number(r.quantity) })
  }
  for (const g of groups) {
    const held = g.occurrences.map((o) => byBooking.get(o.bookingId)).find((e) => e && e.length > 0) ?? []
    g.equipment = [...held].sort((a, b) => a.name.localeCompare(b.name))
  }
}

/**
 * Every change that calendar clients must apply bumps SEQUENCE past the series' highest, so the next
 * REQUEST or CANCEL always outranks anything sent before (RFC 5546 §2.1.4).
 */
export async function bumpSequences(trx: Transaction<Database>, bookingIds: string[]): Promise<void> {
  if (bookingIds.length === 0) return
  await trx
    .updateTable('bookings as b')
    .set({
      sequence: sql<number>`coalesce((select max(s.sequence) from bookings s where s.series_id = b.series_id), b.sequence) + 1`,
    })
    .where('b.id', '=', sql<string>`any(${bookingIds}::uuid[])`)
    .execute()
}

/** What a booking email about these occurrences of the group says, in the recipient's language. */
export function bookingEmailOf(
  group: BookingGroup,
  affected: CalendarOccurrence[],
  about: Pick<BookingEmail, 'kind' | 'reason' | 'scope' | 'previous'>,
  locale: Locale,
): BookingEmail {
  const sorted = [...affected].sort((a, b) => a.start.getTime() - b.start.getTime())
  return {
    kind: about.kind,
    locale,
    title: sorted.length === 1 ? sorted[0].title : group.title,
    teamName: group.team?.name ?? null,
    place: group.place,
    slots: sorted.map((o) => ({ start: o.start, end: o.end })),
    link: group.linkFor(sorted[0].bookingId),
    reason: about.reason ?? null,
    scope: about.scope,
    previous: about.previous,
    equipment: group.equipment ?? [],
  }
}
