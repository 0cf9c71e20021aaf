import { randomBytes } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import QRCode from 'qrcode'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { inTeam, managesHub, seesBooking, type Viewer, viewerOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { AppError, problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { formatInstant } from '../../time.ts'
import { checkInMessages } from '../certifications/messages.ts'
import { checkInWindow, insideCheckInWindow } from './check-in-window.ts'
import { type BookingRow, findBooking } from './queries.ts'
import { bookingViews } from './service.ts'
import { toBookingView } from './views.ts'

/**
 * Check-in: the team says it is there (from the booking's page or by scanning the lab's QR code), within the
 * window around the start; staff may do it any time, and undo a release while the slot is still free.
 */

const M = checkInMessages

function policyOf(row: BookingRow) {
  return { beforeMinutes: row.check_in_before_minutes, afterMinutes: row.check_in_after_minutes }
}

function windowProblem(row: BookingRow): AppError {
  const w = checkInWindow(row.start, policyOf(row))
  const time = (d: Date) => formatInstant(d, row.timezone).slice(11, 16)
  return problems.conflict(M.window({ from: time(w.opensAt), to: time(w.closesAt) }), {
    reason: 'check_in_window',
    opensAt: formatInstant(w.opensAt, row.timezone),
    closesAt: formatInstant(w.closesAt, row.timezone),
  })
}

/** Puts a released booking back (confirmed, slot taken again) — or 409 when someone else has the slot now. */
async function reinstateIn(trx: Transaction<Database>, row: BookingRow, actorId: string): Promise<void> {
  const back = await trx
    .updateTable('bookings')
    .set({ status: 'confirmed', released_at: null, status_reason: null, participants: null, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .where('status', '=', 'no_show')
    .where('released_at', 'is not', null)
    .returning('id')
    .executeTakeFirst()
  if (!back) throw problems.conflict(M.notReleased(), { reason: 'not_released' })
  // its equipment comes back too, unless another booking took it meanwhile (the exclusion constraint says so)
  await trx
    .updateTable('equipment_allocations')
    .set({ released_at: null })
    .where('booking_id', '=', row.id)
    .where('released_at', '=', row.released_at ?? row.start)
    .execute()
  await notify(trx, { type: 'booking.reinstated', bookingId: row.id, actorUserId: actorId })
  await recordAudit(trx, { actorUserId: actorId, action: 'booking.reinstated', entity: 'booking', entityId: row.id })
}

/** The slot or the equipment of a released booking went to someone else: it cannot come back. */
function isTakenMeanwhile(err: unknown): boolean {
  return (err as { code?: string }).code === '23P01'
}

async function visible(db: Kysely<Database>, actor: SessionUser, id: string): Promise<{ row: BookingRow; viewer: Viewer }> {
  const viewer = await viewerOf(db, actor)
  const row = await findBooking(db, id)
  if (!row || !seesBooking(viewer, row)) throw problems.notFound('booking')
  return { row, viewer }
}

export interface CheckedIn {
  bookingId: string
  checkedInAt: string
}

/**
 * POST /bookings/:id/check-in. The team's members within the window; staff any time, and for a released booking
 * staff's check-in reinstates it first (the team arrived late and the slot is still free). Checking in twice
 * answers the first time.
 */
export async function checkIn(db: Kysely<Database>, actor: SessionUser, id: string, now = new Date()): Promise<CheckedIn> {
  const { row, viewer } = await visible(db, actor, id)
  return checkInRow(db, actor, viewer, row, now)
}

async function checkInRow(db: Kysely<Database>, actor: SessionUser, viewer: Viewer, row: BookingRow, now: Date): Promise<CheckedIn> {
  const staff = managesHub(viewer, row.hub_id)
  if (!staff && !inTeam(viewer, row.team_id)) throw problems.forbidden(M.staffOrTeam())
  if (row.checked_in_at) return { bookingId: row.id, checkedInAt: formatInstant(row.checked_in_at, row.timezone) }
  const released = row.status === 'no_show' && row.released_at !== null
  if (released && !staff) throw problems.conflict(M.released(), { reason: 'released' })
  if (!released && row.status !== 'confirmed') throw problems.conflict(M.notLive(), { reason: 'not_confirmed' })
  if (!staff && !insideCheckInWindow(row.start, policyOf(row), now)) throw windowProblem(row)
  try {
    return await db.transaction().execute(async (trx) => {
      if (released) await reinstateIn(trx, row, actor.id)
      const done = await trx
        .updateTable('bookings')
        .set({ checked_in_at: now, checked_in_by: actor.id, updated_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .where('status', '=', 'confirmed')
        .where('checked_in_at', 'is', null)
        .returning('checked_in_at')
        .executeTakeFirst()
      // the worker released it (or someone checked in) between our read and this update
      if (!done) throw problems.conflict(M.released(), { reason: 'released' })
      await recordAudit(trx, { actorUserId: actor.id, action: 'booking.checked_in', entity: 'booking', entityId: row.id })
      return { bookingId: row.id, checkedInAt: formatInstant(done.checked_in_at ?? now, row.timezone) }
    })
  } catch (err) {
    if (isTakenMeanwhile(err)) throw problems.conflict(M.slotTaken(), { reason: 'booking' })
    throw err
  }
}

/** POST /bookings/:id/reinstate: staff undo a release while the slot is still free. */
export async function reinstateBooking(db: Kysely<Database>, actor: SessionUser, id: string) {
  const { row, viewer } = await visible(db, actor, id)
  if (!managesHub(viewer, row.hub_id)) throw problems.forbidden(M.onlyStaffReinstate())
  try {
    await db.transaction().execute((trx) => reinstateIn(trx, row, actor.id))
  } catch (err) {
    if (isTakenMeanwhile(err)) throw problems.conflict(M.slotTaken(), { reason: 'booking' })
    throw err
  }
  const [view] = await bookingViews(db, [id])
  return view
}

// ——— The lab's QR code ———

function newCode(): string {
  return randomBytes(18).toString('base64url')
}

export function checkInUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/check-in/${code}`
}

async function managedLab(db: Kysely<Database>, actor: SessionUser, labId: string) {
  const viewer = await viewerOf(db, actor)
  const lab = await db
    .selectFrom('labs')
    .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
    .select(['labs.id', 'labs.name', 'labs.hub_id', 'labs.check_in_code', 'labs.check_in_required', 'hubs.name as hub_name'])
    .where('labs.id', '=', labId)
    .executeTakeFirst()
  if (!lab) throw problems.notFound('lab')
  if (!managesHub(viewer, lab.hub_id)) throw problems.forbidden(M.onlyStaffQr())
  return lab
}

async function codeView(publicUrl: string, lab: { id: string; name: string; hub_name: string; check_in_required: boolean }, code: string) {
  const url = checkInUrl(publicUrl, code)
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { labId: lab.id, labName: lab.name, hubName: lab.hub_name, checkInRequired: lab.check_in_required, code, url, svg }
}

/** GET /labs/:id/check-in-code: the lab's code (made on first use), its URL and the QR code as SVG, for the poster. */
export async function labCheckInCode(db: Kysely<Database>, actor: SessionUser, labId: string, publicUrl: string) {
  const lab = await managedLab(db, actor, labId)
  let code = lab.check_in_code
  if (!code) {
    const made = await db
      .updateTable('labs')
      .set({ check_in_code: sql<string>`coalesce(check_in_code, ${newCode()})` })
      .where('id', '=', labId)
      .returning('check_in_code')
      .executeTakeFirstOrThrow()
    code = made.check_in_code!
  }
  return codeView(publicUrl, lab, code)
}

/** POST /labs/:id/check-in-code: a new code; the old one stops working at once (posters must be reprinted). */
export async function rotateCheckInCode(db: Kysely<Database>, actor: SessionUser, labId: string, publicUrl: string) {
  const lab = await managedLab(db, actor, labId)
  const code = newCode()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('labs').set({ check_in_code: code }).where('id', '=', labId).execute()
    await recordAudit(trx, { actorUserId: actor.id, action: 'lab.check_in_code_rotated', entity: 'lab', entityId: labId })
  })
  return codeView(publicUrl, lab, code)
}

async function labOfCode(db: Kysely<Database>, code: string) {
  const lab = await db
    .selectFrom('labs')
    .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
    .select(['labs.id', 'labs.name', 'labs.hub_id', 'labs.check_in_required', 'hubs.name as hub_name', 'hubs.timezone'])
    .where('labs.check_in_code', '=', code)
    .executeTakeFirst()
  if (!lab) throw new AppError('not_found', M.unknownCode())
  return lab
}

/** Today's bookings of the lab that the viewer may check in (its teams'; every one for staff), still running. */
async function bookingsToCheckIn(db: Kysely<Database>, viewer: Viewer, lab: { id: string; hub_id: string }, now: Date) {
  const staff = managesHub(viewer, lab.hub_id)
  if (!staff && viewer.teams.length === 0) return []
  const ids = await db
    .selectFrom('bookings')
    .select('id')
    .where('lab_id', '=', lab.id)
    .where('status', 'in', ['confirmed', 'no_show'])
    .where(
      sql<boolean>`during && tstzrange(${new Date(now.getTime() - 12 * 3_600_000).toISOString()}::timestamptz, ${new Date(now.getTime() + 12 * 3_600_000).toISOString()}::timestamptz)`,
    )
    .where(sql<boolean>`upper(during) > ${now.toISOString()}::timestamptz`)
    .$if(!staff, (q) => q.where('team_id', 'in', viewer.teams))
    .orderBy(sql`lower(during)`)
    .execute()
  const rows = await Promise.all(ids.map((r) => findBooking(db, r.id)))
  return rows.filter((r): r is BookingRow => !!r && (r.status === 'confirmed' || r.released_at !== null))
}

/** GET /check-in/:code: the lab behind a scanned code and the caller's bookings there now. */
export async function checkInPage(db: Kysely<Database>, actor: SessionUser, code: string, now = new Date()) {
  const lab = await labOfCode(db, code)
  const viewer = await viewerOf(db, actor)
  const rows = await bookingsToCheckIn(db, viewer, lab, now)
  return {
    lab: { id: lab.id, name: lab.name, hubName: lab.hub_name, checkInRequired: lab.check_in_required },
    bookings: rows.map((r) => ({
      ...toBookingView(r),
      canCheckInNow: !r.checked_in_at && r.status === 'confirmed' && insideCheckInWindow(r.start, policyOf(r), now),
    })),
  }
}

/** POST /check-in/:code {bookingId?}: checks in the named booking of this lab, or the one the caller has now. */
export async function checkInByCode(
  db: Kysely<Database>,
  actor: SessionUser,
  code: string,
  bookingId: string | undefined,
  now = new Date(),
) {
  const lab = await labOfCode(db, code)
  const viewer = await viewerOf(db, actor)
  const rows = await bookingsToCheckIn(db, viewer, lab, now)
  const row = bookingId
    ? rows.find((r) => r.id === bookingId)
    : (rows.find((r) => !r.checked_in_at && r.status === 'confirmed' && insideCheckInWindow(r.start, policyOf(r), now)) ??
      (rows.length === 1 ? rows[0] : undefined))
  if (!row) throw problems.conflict(M.noBookingNow(), { reason: 'check_in_window' })
  return checkInRow(db, actor, viewer, row, now)
}
