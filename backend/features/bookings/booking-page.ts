import { type Kysely, sql } from 'kysely'
import type { BookingStatus, Database } from '../../../db/schema.ts'
import { inTeam, managesHub, seesBooking, type Viewer, viewerOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { formatInstant } from '../../time.ts'
import { insideCheckInWindow } from './check-in-window.ts'
import { bookingsOfSeries, findBooking } from './queries.ts'
import { bookingViews } from './service.ts'
import { LIVE_STATUSES } from './statuses.ts'
import type { BookingView } from './views.ts'

/**
 * GET /bookings/:id/overview: everything the booking's page shows in one answer (the page every email links
 * to): the booking, its series with every occurrence, the lab, the hub and its address, the equipment by
 * name, the history of its status with the reasons given, and what the viewer may do with it now.
 */

/** What the viewer may do with the booking now. New kinds of action add a key here and a button on the page. */
export interface BookingActions {
  /** Cancel scopes allowed (empty: cannot cancel). */
  cancel: Array<'occurrence' | 'following' | 'series'>
  move: boolean
  approve: boolean
  reject: boolean
  /** Record (or correct) the attendance: staff, after the session ended. */
  attendance: boolean
  noShow: boolean
  /** Check in now: the team inside the window, staff any time before the end (labs that require check-in). */
  checkIn: boolean
  /** Undo a release for a missed check-in: staff, while the slot is free (the server re-checks). */
  reinstate: boolean
}

export interface HistoryEntry {
  at: string
  action: string
  actorName: string | null
  reason: string | null
  /** For a move: where the booking was and where it went. */
  from?: { start: string; end: string }
  to?: { start: string; end: string }
  /** How many bookings the change touched (a whole series at once, say). */
  count?: number
}

export interface EquipmentLine {
  typeId: string
  name: string
  quantity: number
  assetTags: string[]
}

const ENDED_OR_LIVE: BookingStatus[] = ['confirmed', 'completed', 'no_show']

export function actionsFor(
  viewer: Viewer,
  b: {
    hub_id: string
    team_id?: string | null
    series_id: string | null
    status: BookingStatus
    start: Date
    end: Date
    check_in_required?: boolean
    check_in_before_minutes?: number
    check_in_after_minutes?: number
    checked_in_at?: Date | null
    released_at?: Date | null
  },
  now = new Date(),
): BookingActions {
  const staff = managesHub(viewer, b.hub_id)
  const live = LIVE_STATUSES.includes(b.status)
  const notStarted = b.start > now
  const cancellable = live && (staff || notStarted)
  return {
    cancel: cancellable ? (b.series_id ? ['occurrence', 'following', 'series'] : ['occurrence']) : [],
    move: live && (staff || notStarted),
    approve: staff && b.status === 'pending',
    reject: staff && b.status === 'pending',
    attendance: staff && b.end <= now && ENDED_OR_LIVE.includes(b.status),
    noShow: staff && b.start <= now && b.status === 'confirmed' && !b.checked_in_at,
    checkIn:
      !!b.check_in_required &&
      b.status === 'confirmed' &&
      !b.checked_in_at &&
      b.end > now &&
      (staff ||
        (inTeam(viewer, b.team_id) &&
          insideCheckInWindow(
            b.start,
            { beforeMinutes: b.check_in_before_minutes ?? 15, afterMinutes: b.check_in_after_minutes ?? 15 },
            now,
          ))),
    reinstate: staff && b.status === 'no_show' && !!b.released_at && b.end > now,
  }
}

export async function bookingOverview(db: Kysely<Database>, actor: SessionUser, id: string, now = new Date()) {
  const viewer = await viewerOf(db, actor)
  const row = await findBooking(db, id)
  if (!row || !seesBooking(viewer, row)) throw problems.notFound('booking')
  const zone = row.timezone

  const [[booking], place, series, equipment, history] = await Promise.all([
    bookingViews(db, [id]),
    db
      .selectFrom('labs as l')
      .innerJoin('hubs as h', 'h.id', 'l.hub_id')
      .select([
        'l.id as labId',
        'l.name as labName',
        'l.type as labType',
        'l.capacity',
        'l.approval_required',
        'h.id as hubId',
        'h.name as hubName',
        'h.address',
        'h.phone',
        'h.email',
        'h.timezone',
      ])
      .where('l.id', '=', row.lab_id)
      .executeTakeFirstOrThrow(),
    row.series_id ? seriesOf(db, row.series_id, zone) : Promise.resolve(null),
    equipmentLines(db, id),
    historyOf(db, id, row.series_id, zone),
  ])
  const occurrenceActions = series ? Object.fromEntries(series.rows.map((o) => [o.id, actionsFor(viewer, o, now)])) : null
  return {
    booking: booking as BookingView,
    lab: {
      id: place.labId,
      name: place.labName,
      type: place.labType,
      capacity: place.capacity,
      approvalRequired: place.approval_required,
    },
    hub: { id: place.hubId, name: place.hubName, address: place.address, phone: place.phone, email: place.email, timezone: place.timezone },
    series: series ? { id: series.id, rrule: series.rrule, occurrences: series.occurrences } : null,
    equipment,
    history,
    actions: actionsFor(viewer, row, now),
    /** The actions on each occurrence of the series (the page offers them occurrence by occurrence). */
    occurrenceActions,
    viewerIsStaff: managesHub(viewer, row.hub_id),
  }
}
export type BookingOverview = Awaited<ReturnType<typeof bookingOverview>>

async function seriesOf(db: Kysely<Database>, seriesId: string, zone: string) {
  const head = await db.selectFrom('booking_series').select(['id', 'rrule']).where('id', '=', seriesId).executeTakeFirst()
  const rows = await bookingsOfSeries(db, seriesId)
  return {
    id: seriesId,
    rrule: head?.rrule ?? '',
    rows,
    occurrences: rows.map((r) => ({
      id: r.id,
      start: formatInstant(r.start, zone),
      end: formatInstant(r.end, zone),
      status: r.status,
      statusReason: r.status_reason,
      cancelCause: r.cancel_cause,
    })),
  }
}

/** The equipment the booking holds, by type name; once released (cancelled), what it had held. */
async function equipmentLines(db: Kysely<Database>, bookingId: string): Promise<EquipmentLine[]> {
  const rows = await db
    .selectFrom('equipment_allocations as a')
    .innerJoin('equipment_assets as e', 'e.id', 'a.asset_id')
    .innerJoin('equipment_types as t', 't.id', 'e.type_id')
    .select(['t.id as typeId', 't.name', 'e.asset_tag', 'a.released_at'])
    .where('a.booking_id', '=', bookingId)
    .orderBy('t.name')
    .orderBy('e.asset_tag')
    .execute()
  const live = rows.filter((r) => r.released_at === null)
  const shown = live.length > 0 ? live : rows
  const lines = new Map<string, EquipmentLine>()
  for (const r of shown) {
    const line = lines.get(r.typeId) ?? { typeId: r.typeId, name: r.name, quantity: 0, assetTags: [] }
    if (!line.assetTags.includes(r.asset_tag)) {
      line.assetTags.push(r.asset_tag)
      line.quantity++
    }
    lines.set(r.typeId, line)
  }
  return [...lines.values()]
}

const BOOKING_ACTIONS = [
  'booking.created',
  'booking.updated',
  'booking.moved',
  'booking.cancelled',
  'booking.approved',
  'booking.rejected',
  'booking.attendance',
  'booking.no_show',
  'waitlist.promoted',
  'closure.created',
]

/**
 * The audit trail of the booking: changes made to it alone (entity_id) and those that reached it with
 * others (a series approved at once, a closure that cancelled it: their ids are in the details, found
 * through the GIN index of migration 0480). A booking seeded without a trail still shows its creation.
 */
async function historyOf(db: Kysely<Database>, id: string, seriesId: string | null, zone: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.at', 'a.action', 'a.details', 'u.name as actorName'])
    .where('a.action', 'in', BOOKING_ACTIONS)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', 'booking'), eb('a.entity_id', '=', id)]),
        ...(seriesId ? [eb.and([eb('a.entity', '=', 'booking_series'), eb('a.entity_id', '=', seriesId)])] : []),
        sql<boolean>`a.details @> ${JSON.stringify({ bookingIds: [id] })}::jsonb`,
        sql<boolean>`a.details @> ${JSON.stringify({ cancelled: [id] })}::jsonb`,
      ]),
    )
    .orderBy('a.at')
    .orderBy('a.id')
    .limit(200)
    .execute()
  const entries: HistoryEntry[] = []
  for (const r of rows) {
    const d = r.details as Record<string, unknown>
    const ids = Array.isArray(d.bookingIds) ? d.bookingIds : Array.isArray(d.cancelled) ? d.cancelled : null
    const entry: HistoryEntry = {
      at: formatInstant(r.at, zone),
      action: r.action === 'closure.created' ? 'booking.closure_cancelled' : r.action,
      actorName: r.actorName ?? null,
      reason: typeof d.reason === 'string' && d.reason ? d.reason : null,
    }
    if (ids && ids.length > 1) entry.count = ids.length
    const from = d.from as { start?: string; end?: string } | undefined
    const to = d.to as { start?: string; end?: string } | undefined
    if (r.action === 'booking.moved' && from?.start && from.end && to?.start && to.end) {
      entry.from = { start: from.start, end: from.end }
      entry.to = { start: to.start, end: to.end }
    }
    entries.push(entry)
  }
  if (!entries.some((e) => e.action === 'booking.created' || e.action === 'waitlist.promoted')) {
    const created = await db
      .selectFrom('bookings as b')
      .leftJoin('users as u', 'u.id', 'b.created_by')
      .select(['b.created_at', 'u.name'])
      .where('b.id', '=', id)
      .executeTakeFirst()
    if (created)
      entries.unshift({ at: formatInstant(created.created_at, zone), action: 'booking.created', actorName: created.name, reason: null })
  }
  return entries
}
