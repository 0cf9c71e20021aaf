import { type Kysely, sql, type Transaction } from 'kysely'
import type { BookingStatus, Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { managesHub, seesBooking, type Viewer, viewerOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { http } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { releaseAllocations } from '../equipment/allocation.ts'
import { m } from './messages.ts'
import { type BookingRow, findBooking, seriesBookingsForUpdate, touched } from './queries.ts'
import type { AttendanceInput, Scope } from './schemas.ts'
import { bookingViews } from './service.ts'
import { LIVE_STATUSES } from './statuses.ts'
import type { BookingView } from './views.ts'
import { promoteFreedTime } from './waitlist.ts'

/** Status changes after creation: cancel, approve, reject, attendance, no-show. */

async function visibleBooking(db: Kysely<Database>, actor: SessionUser, id: string): Promise<{ row: BookingRow; viewer: Viewer }> {
  const viewer = await viewerOf(db, actor)
  const row = await findBooking(db, id)
  if (!row || !seesBooking(viewer, row)) throw problems.notFound('booking')
  return { row, viewer }
}

function assertStaff(viewer: Viewer, row: BookingRow): void {
  if (!managesHub(viewer, row.hub_id)) throw problems.forbidden(http.onlyHubManager())
}

/** The bookings a scope reaches (locked): the occurrence, it and the later ones of its series, or the series. */
async function bookingsInScope(trx: Transaction<Database>, row: BookingRow, scope: Scope): Promise<string[]> {
  if (scope === 'occurrence' || !row.series_id) {
    await trx.selectFrom('bookings').select('id').where('id', '=', row.id).forUpdate().execute()
    return [row.id]
  }
  const rows = await seriesBookingsForUpdate(trx, row.series_id, scope === 'following' ? row.start : undefined)
  return rows.map((r) => r.id)
}

interface Changed {
  id: string
  lab_id: string
  start: Date
  end: Date
}

/** Moves the bookings in `from` statuses to `to`; returns those that changed (others are left alone). */
async function transition(
  trx: Transaction<Database>,
  ids: string[],
  from: readonly BookingStatus[],
  to: BookingStatus,
  reason: string | null,
  options: { notStartedBefore?: Date } = {},
): Promise<Changed[]> {
  if (ids.length === 0) return []
  let q = trx
    .updateTable('bookings')
    .set({ status: to, status_reason: reason, ...touched() })
    .where('id', 'in', ids)
    .where('status', 'in', from)
  if (options.notStartedBefore) q = q.where(sql<boolean>`lower(during) >= ${options.notStartedBefore.toISOString()}::timestamptz`)
  const rows = await q.returning(['id', 'lab_id', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')]).execute()
  return rows.sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** How long the author of a cancellation may take it back (POST /bookings/:id/restore). */
export const RESTORE_WINDOW_SECONDS = 60

/**
 * POST /bookings/:id/cancel. Members cancel their teams' bookings that have not started yet; staff
 * any live booking of their hubs. Only live (pending, confirmed) bookings are cancelled. The audit entry keeps
 * each booking's status before, so that its author may restore them within RESTORE_WINDOW_SECONDS.
 */
export async function cancelBookings(
  db: Kysely<Database>,
  actor: SessionUser,
  id: string,
  input: { scope: Scope; reason?: string | null },
): Promise<{ cancelled: string[]; restorableUntil: string | null }> {
  const { row, viewer } = await visibleBooking(db, actor, id)
  const staff = managesHub(viewer, row.hub_id)
  const now = new Date()
  if (input.scope === 'occurrence') {
    if (!LIVE_STATUSES.includes(row.status)) throw problems.conflict(m.notLive())
    if (!staff && row.start < now) throw problems.conflict(m.startedOnlyStaffCancel())
  }
  const reason = input.reason ?? null
  const cancelled = await db.transaction().execute(async (trx) => {
    const ids = await bookingsInScope(trx, row, input.scope)
    const before = await trx.selectFrom('bookings').select(['id', 'status']).where('id', 'in', ids).execute()
    const changed = await transition(trx, ids, LIVE_STATUSES, 'cancelled', reason, staff ? {} : { notStartedBefore: now })
    if (changed.length === 0) return []
    const changedIds = changed.map((c) => c.id)
    const previous = Object.fromEntries(before.filter((b) => changedIds.includes(b.id)).map((b) => [b.id, b.status]))
    await releaseAllocations(trx, changedIds)
    await notify(trx, {
      type: 'booking.cancelled',
      bookingIds: changedIds,
      reason,
      scope: input.scope,
      cause: 'user',
      actorUserId: actor.id,
    })
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'booking.cancelled',
      entity: 'booking',
      entityId: row.id,
      details: { scope: input.scope, reason, bookingIds: changedIds, previous },
    })
    await promoteFreedTime(trx, changed)
    return changedIds
  })
  const restorableUntil = cancelled.length > 0 ? new Date(now.getTime() + RESTORE_WINDOW_SECONDS * 1000).toISOString() : null
  return { cancelled, restorableUntil }
}

/** The cancellation a restore takes back: the last one made through this booking, if still fresh and the actor's. */
async function restorableCancellation(db: Kysely<Database>, actor: SessionUser, id: string) {
  const entry = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_user_id', 'details'])
    .where('entity', '=', 'booking')
    .where('entity_id', '=', id)
    .where('action', '=', 'booking.cancelled')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst()
  const previous = (entry?.details.previous ?? null) as Record<string, BookingStatus> | null
  const fresh = entry && Date.now() - entry.at.getTime() <= RESTORE_WINDOW_SECONDS * 1000
  if (!entry || !fresh || entry.actor_user_id !== actor.id || !previous) {
    throw problems.conflict(m.notRestorable({ seconds: RESTORE_WINDOW_SECONDS }), { reason: 'not_restorable' })
  }
  return { at: entry.at, previous }
}

/**
 * POST /bookings/:id/restore: the author of a cancellation takes it back within RESTORE_WINDOW_SECONDS. Each
 * booking it cancelled returns to its status before (pending or confirmed) with its equipment, unless someone
 * took the time or an asset meanwhile (the exclusion constraints say so: 409, nothing restored). The people
 * who had the cancellation email get a «ripristinata» one with the calendar invitation again; the outbox worker
 * writes the confirmed ones' reminders again when they fall due (outbox/reminders.ts).
 */
export async function restoreBookings(db: Kysely<Database>, actor: SessionUser, id: string): Promise<{ restored: string[] }> {
  const { row } = await visibleBooking(db, actor, id)
  if (row.status !== 'cancelled' || row.cancel_cause === 'closure') {
    throw problems.conflict(m.notRestorable({ seconds: RESTORE_WINDOW_SECONDS }), { reason: 'not_restorable' })
  }
  const cancellation = await restorableCancellation(db, actor, id)
  try {
    const restored = await db.transaction().execute(async (trx) => {
      const ids = Object.keys(cancellation.previous)
      const locked = await trx
        .selectFrom('bookings')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'cancelled')
        .forUpdate()
        .execute()
      const restoredIds: string[] = []
      for (const status of ['confirmed', 'pending'] as const) {
        const these = locked.map((r) => r.id).filter((b) => cancellation.previous[b] === status)
        if (these.length === 0) continue
        await trx
          .updateTable('bookings')
          .set({ status, status_reason: null, ...touched() })
          .where('id', 'in', these)
          .execute()
        restoredIds.push(...these)
      }
      if (restoredIds.length === 0)
        throw problems.conflict(m.notRestorable({ seconds: RESTORE_WINDOW_SECONDS }), { reason: 'not_restorable' })
      // the equipment released by that cancellation (released at or after it) comes back with its bookings
      await trx
        .updateTable('equipment_allocations')
        .set({ released_at: null })
        .where('booking_id', 'in', restoredIds)
        .where('released_at', '>=', new Date(cancellation.at.getTime() - 1000))
        .execute()
      await notify(trx, { type: 'booking.restored', bookingIds: restoredIds, actorUserId: actor.id })
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: 'booking.restored',
        entity: 'booking',
        entityId: id,
        details: { bookingIds: restoredIds },
      })
      return restoredIds
    })
    return { restored }
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') throw problems.conflict(m.restoreTaken(), { reason: 'taken' })
    throw err
  }
}

export async function approveBookings(db: Kysely<Database>, actor: SessionUser, id: string, input: { scope: Scope }) {
  const { row, viewer } = await visibleBooking(db, actor, id)
  assertStaff(viewer, row)
  if (input.scope === 'occurrence' && row.status !== 'pending') throw problems.conflict(m.onlyPendingApproved())
  const approved = await db.transaction().execute(async (trx) => {
    const ids = await bookingsInScope(trx, row, input.scope)
    const changed = await transition(trx, ids, ['pending'], 'confirmed', null)
    if (changed.length === 0) throw problems.conflict(m.nonePendingToApprove())
    const changedIds = changed.map((c) => c.id)
    await notify(trx, { type: 'booking.approved', bookingIds: changedIds, actorUserId: actor.id })
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'booking.approved',
      entity: 'booking',
      entityId: row.id,
      details: { scope: input.scope, bookingIds: changedIds },
    })
    return changedIds
  })
  return { approved }
}

export async function rejectBookings(db: Kysely<Database>, actor: SessionUser, id: string, input: { scope: Scope; reason: string }) {
  const { row, viewer } = await visibleBooking(db, actor, id)
  assertStaff(viewer, row)
  if (input.scope === 'occurrence' && row.status !== 'pending') throw problems.conflict(m.onlyPendingRejected())
  const rejected = await db.transaction().execute(async (trx) => {
    const ids = await bookingsInScope(trx, row, input.scope)
    const changed = await transition(trx, ids, ['pending'], 'rejected', input.reason)
    if (changed.length === 0) throw problems.conflict(m.nonePendingToReject())
    const changedIds = changed.map((c) => c.id)
    await releaseAllocations(trx, changedIds)
    await notify(trx, { type: 'booking.rejected', bookingIds: changedIds, reason: input.reason, actorUserId: actor.id })
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'booking.rejected',
      entity: 'booking',
      entityId: row.id,
      details: { scope: input.scope, reason: input.reason, bookingIds: changedIds },
    })
    await promoteFreedTime(trx, changed)
    return changedIds
  })
  return { rejected }
}

const ATTENDED_FROM: BookingStatus[] = ['confirmed', 'completed', 'no_show']

async function recordOutcome(
  db: Kysely<Database>,
  actor: SessionUser,
  id: string,
  outcome: { status: 'completed' | 'no_show'; participants: number | null; categories: Record<string, number> | null },
): Promise<BookingView> {
  const { row, viewer } = await visibleBooking(db, actor, id)
  assertStaff(viewer, row)
  if (row.start > new Date()) throw problems.conflict(m.notStarted())
  if (!ATTENDED_FROM.includes(row.status)) {
    throw problems.conflict(row.status === 'pending' ? m.stillPending() : m.cancelledOrRejected())
  }
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('bookings')
      .set({
        status: outcome.status,
        participants: outcome.participants,
        participant_categories: outcome.categories ? JSON.stringify(outcome.categories) : null,
        ...touched(),
      })
      .where('id', '=', id)
      .where('status', 'in', ATTENDED_FROM)
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw problems.conflict(m.changedMeanwhile())
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: outcome.status === 'completed' ? 'booking.attendance' : 'booking.no_show',
      entity: 'booking',
      entityId: id,
      details: { participants: outcome.participants, categories: outcome.categories },
    })
  })
  const [view] = await bookingViews(db, [id])
  return view
}

/** POST /bookings/:id/attendance: staff record who came, after the start. */
export function recordAttendance(db: Kysely<Database>, actor: SessionUser, id: string, input: AttendanceInput) {
  const categories = input.categories ?? null
  if (categories) {
    const over = Object.entries(categories).find(([, n]) => n > input.participants)
    if (over) {
      throw problems.validation([{ path: `categories.${over[0]}`, message: m.overParticipants() }])
    }
  }
  return recordOutcome(db, actor, id, { status: 'completed', participants: input.participants, categories })
}

/** POST /bookings/:id/no-show: nobody came. */
export function recordNoShow(db: Kysely<Database>, actor: SessionUser, id: string) {
  return recordOutcome(db, actor, id, { status: 'no_show', participants: 0, categories: null })
}
