import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import { listScope, requireUser, seesBooking, viewerOf } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { AppError, problems } from '../../http/problem.ts'
import { paginationQuery, readBody, readId, readQuery, text } from '../../http/validation.ts'
import { DEFAULT_ZONE, instantString } from '../../time.ts'
import { zoneOf } from '../catalogue/queries.ts'
import { LabView } from '../catalogue/schemas.ts'
import { checkInMessages } from '../certifications/messages.ts'
import { equipmentOfBookings } from '../equipment/allocation.ts'
import { labAvailability, searchAvailability } from './availability.ts'
import { bookingOverview } from './booking-page.ts'
import { checkIn, checkInByCode, checkInPage, labCheckInCode, reinstateBooking, rotateCheckInCode } from './check-in.ts'
import { idempotencyKeyOf } from './idempotency.ts'
import { approveBookings, cancelBookings, recordAttendance, recordNoShow, rejectBookings, restoreBookings } from './lifecycle.ts'
import { findBooking, listBookings, seriesRules } from './queries.ts'
import { boundIn } from './request-time.ts'
import {
  ApproveBody,
  AttendanceBody,
  BookingListItem,
  BookingOverviewView,
  BookingsQuery,
  BookingView,
  CancelBody,
  CancelledView,
  CheckedInView,
  CheckInCodeView,
  CheckInPageView,
  ConflictView,
  CreateBookingBody,
  CreatedBookings,
  CreateQuery,
  DryRunBookings,
  dateOrInstant,
  LabAvailabilityView,
  PatchBookingBody,
  RejectBody,
  RestoredView,
  WaitlistView,
} from './schemas.ts'
import { bookingViews, createBookings, updateBooking } from './service.ts'
import { toBookingView } from './views.ts'
import { joinWaitlist, leaveWaitlist, listWaitlist } from './waitlist.ts'

const CheckInByCodeBody = z.object({ bookingId: z.uuid().optional() }).strict()

/** A QR code's secret: base64url; anything else names no lab. */
function readCode(c: Context): string {
  const code = c.req.param('code') ?? ''
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) throw new AppError('not_found', checkInMessages.unknownCode())
  return code
}

const AvailabilityQuery = z.object({ from: dateOrInstant.optional(), to: dateOrInstant.optional() })

const SearchQuery = z.object({
  type: z.enum(LAB_TYPES).optional(),
  hubId: z.uuid().optional(),
  areaId: z.uuid().optional(),
  minCapacity: z.coerce.number().int().min(1).max(100_000).optional(),
  start: instantString,
  end: instantString,
  rrule: z.string().max(4000).optional(),
  equipmentTypeId: z.uuid().optional(),
  quantity: z.coerce.number().int().min(1).max(100).default(1),
  ...paginationQuery,
})

const SearchResult = z.object({
  lab: LabView,
  free: z.number().int().describe('How many occurrences are free.'),
  total: z.number().int(),
  conflicts: z.array(ConflictView).describe('What is in the way of the others (without booking ids).'),
})

const WaitlistBody = z.object({
  labId: z.string().trim().min(1).max(100),
  teamId: z.string().trim().min(1).max(100),
  start: instantString,
  end: instantString,
  title: text(200).nullish(),
})

const WaitlistQuery = z.object({
  teamId: z.uuid().optional(),
  labId: z.uuid().optional(),
  status: z.enum(['waiting', 'promoted', 'cancelled', 'expired']).optional(),
  ...paginationQuery,
})

/** Bookings, their lifecycle, availability and the waitlist. */
export function bookingsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/bookings',
    doc({
      tag: 'Bookings',
      summary: 'Book a lab: one slot or a series (all or nothing unless skipConflicts)',
      description:
        'A team member for the team, or staff of the hub. Pending when the lab requires approval and the caller is not staff. ' +
        'Every occurrence is checked (past, duration, opening hours, closures, bookings, equipment, trainings, grants); ' +
        'a 409 lists what is in the way in `conflicts`. `?dryRun=true` answers 200 with what would be written. ' +
        'An occurrence longer than the lab’s maximum (or 24 h) or outside 5 years around today is 400.',
      query: CreateQuery,
      body: CreateBookingBody,
      headers: { 'Idempotency-Key': 'Optional: the same key answers the first answer again for 24 hours.' },
      responses: { 201: CreatedBookings, 200: DryRunBookings },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const body = await readBody(c, CreateBookingBody)
      const { dryRun = false } = readQuery(c, CreateQuery)
      const idempotencyKey = idempotencyKeyOf(c.req.header('idempotency-key'))
      const answer = await createBookings(db, actor, body, { dryRun, idempotencyKey })
      const type = answer.status >= 400 ? 'application/problem+json' : 'application/json'
      return c.body(JSON.stringify(answer.body), answer.status as 200, { 'Content-Type': type })
    },
  )

  app.get(
    '/bookings',
    doc({
      tag: 'Bookings',
      summary: 'Bookings the caller may see (a team its own, staff their hubs’, the Comune all), paged, by start',
      query: BookingsQuery,
      responses: { 200: z.array(BookingListItem) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const q = readQuery(c, BookingsQuery)
      const viewer = await viewerOf(db, actor)
      const place = q.labId ? { labId: q.labId } : q.hubId ? { hubId: q.hubId } : undefined
      const zone = (place && (q.from || q.to) && (await zoneOf(db, place))) || DEFAULT_ZONE
      const { rows, total } = await listBookings(
        db,
        {
          labId: q.labId,
          hubId: q.hubId,
          teamId: q.teamId,
          status: q.status,
          from: q.from ? boundIn(q.from, zone, 'from') : undefined,
          to: q.to ? boundIn(q.to, zone, 'to') : undefined,
          visibleHubIds: listScope(viewer)?.hubIds ?? null,
          visibleTeamIds: listScope(viewer)?.teamIds ?? null,
        },
        q,
      )
      const equipment = await equipmentOfBookings(
        db,
        rows.map((r) => r.id),
      )
      const series = await seriesRules(
        db,
        rows.map((r) => r.series_id),
      )
      const views = rows.map((r) => ({
        ...toBookingView(r, equipment.get(r.id) ?? []),
        series: r.series_id ? (series.get(r.series_id) ?? null) : null,
      }))
      return paginated(c, views, { limit: q.limit, offset: q.offset, total })
    },
  )

  app.get(
    '/bookings/:id',
    doc({ tag: 'Bookings', summary: 'One booking', responses: { 200: BookingView }, problems: ['unauthorized', 'not_found'] }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      const viewer = await viewerOf(db, actor)
      const row = await findBooking(db, id)
      if (!row || !seesBooking(viewer, row)) throw problems.notFound('booking')
      const [view] = await bookingViews(db, [id])
      return c.json(view)
    },
  )

  app.get(
    '/bookings/:id/overview',
    doc({
      tag: 'Bookings',
      summary: 'Everything the booking’s page shows: booking, series, lab, hub, equipment, history and allowed actions',
      responses: { 200: BookingOverviewView },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await bookingOverview(db, actor, readId(c, 'id', 'booking')))
    },
  )

  app.patch(
    '/bookings/:id',
    doc({
      tag: 'Bookings',
      summary: 'Move or edit one occurrence (same checks as a new booking)',
      body: PatchBookingBody,
      responses: { 200: BookingView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      const body = await readBody(c, PatchBookingBody)
      return c.json(await updateBooking(db, actor, id, body))
    },
  )

  app.post(
    '/bookings/:id/cancel',
    doc({
      tag: 'Bookings',
      summary: 'Cancel a booking, the following occurrences or the whole series',
      description:
        'Members cancel their teams’ bookings that have not started; the hub’s staff any live booking of their hubs. The answer names the bookings cancelled and `restorableUntil`, until when the same person may take the cancellation back with `POST /bookings/{id}/restore` (null when nothing was cancelled).',
      body: CancelBody,
      responses: { 200: CancelledView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      return c.json(await cancelBookings(db, actor, id, await readBody(c, CancelBody)))
    },
  )

  app.post(
    '/bookings/:id/restore',
    doc({
      tag: 'Bookings',
      summary: 'Take back one’s own cancellation within 60 seconds (undo)',
      description:
        'Restores the bookings that the last cancellation made through this booking cancelled, to their status before, with their equipment. Only the person who cancelled, within 60 seconds (`restorableUntil` of the cancel answer); 409 `not_restorable` after that or for a closure, 409 `taken` when the time or an asset was booked meanwhile (nothing is restored). Sends a «ripristinata» email with the calendar invitation.',
      responses: { 200: RestoredView },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await restoreBookings(db, actor, readId(c, 'id', 'booking')))
    },
  )

  app.post(
    '/bookings/:id/approve',
    doc({
      tag: 'Bookings',
      summary: 'Approve a pending booking (staff of the hub)',
      body: ApproveBody,
      responses: { 200: z.object({ approved: z.array(z.string()) }) },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      return c.json(await approveBookings(db, actor, id, await readBody(c, ApproveBody)))
    },
  )

  app.post(
    '/bookings/:id/reject',
    doc({
      tag: 'Bookings',
      summary: 'Reject a pending booking with a reason (staff of the hub)',
      body: RejectBody,
      responses: { 200: z.object({ rejected: z.array(z.string()) }) },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      return c.json(await rejectBookings(db, actor, id, await readBody(c, RejectBody)))
    },
  )

  app.post(
    '/bookings/:id/attendance',
    doc({
      tag: 'Bookings',
      summary: 'Record the attendance of a session that has started (staff of the hub)',
      body: AttendanceBody,
      responses: { 200: BookingView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      return c.json(await recordAttendance(db, actor, id, await readBody(c, AttendanceBody)))
    },
  )

  app.post(
    '/bookings/:id/no-show',
    doc({
      tag: 'Bookings',
      summary: 'Record that nobody came (staff of the hub)',
      responses: { 200: BookingView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'booking')
      return c.json(await recordNoShow(db, actor, id))
    },
  )

  app.post(
    '/bookings/:id/check-in',
    doc({
      tag: 'Check-in',
      summary: 'Check in: the team inside the window, staff any time before the end',
      responses: { 200: CheckedInView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await checkIn(db, actor, readId(c, 'id', 'booking')))
    },
  )

  app.post(
    '/bookings/:id/reinstate',
    doc({
      tag: 'Check-in',
      summary: 'Undo the release of a booking whose check-in was missed, while the slot is free (staff)',
      responses: { 200: BookingView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await reinstateBooking(db, actor, readId(c, 'id', 'booking')))
    },
  )

  app.get(
    '/labs/:id/check-in-code',
    doc({
      tag: 'Check-in',
      summary: 'The lab’s check-in code, its URL and QR code (staff of the hub; made on first use)',
      responses: { 200: CheckInCodeView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await labCheckInCode(db, actor, readId(c, 'id', 'lab'), deps.config.publicUrl))
    },
  )

  app.post(
    '/labs/:id/check-in-code',
    doc({
      tag: 'Check-in',
      summary: 'Replace the lab’s check-in code (the old poster stops working)',
      responses: { 200: CheckInCodeView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await rotateCheckInCode(db, actor, readId(c, 'id', 'lab'), deps.config.publicUrl))
    },
  )

  app.get(
    '/check-in/:code',
    doc({
      tag: 'Check-in',
      summary: 'The lab behind a scanned code and the caller’s bookings there now',
      responses: { 200: CheckInPageView },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      return c.json(await checkInPage(db, actor, readCode(c)))
    },
  )

  app.post(
    '/check-in/:code',
    doc({
      tag: 'Check-in',
      summary: 'Check in by the lab’s code: the named booking, or the one the caller has now',
      body: CheckInByCodeBody,
      responses: { 200: CheckedInView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const code = readCode(c)
      const body = await readBody(c, CheckInByCodeBody)
      return c.json(await checkInByCode(db, actor, code, body.bookingId))
    },
  )

  app.get(
    '/labs/:id/availability',
    doc({
      tag: 'Availability',
      summary: 'A lab’s busy and free time in [from, to) (public; at most 93 days, default the next 7)',
      query: AvailabilityQuery,
      responses: { 200: LabAvailabilityView },
      problems: ['not_found'],
    }),
    async (c) => {
      const q = readQuery(c, AvailabilityQuery)
      return c.json(await labAvailability(db, c.req.param('id'), q))
    },
  )

  app.get(
    '/availability',
    doc({
      tag: 'Availability',
      summary: 'Labs ranked by how many occurrences of the wanted slot (or series) are free (public)',
      description:
        'An occurrence longer than the longest maximum duration of the matching labs (24 h where none) is 400, and so is ' +
        'a slot outside 5 years around today or a rule beyond 366 occurrences or 2 years. Other teams’ bookings stay anonymous.',
      query: SearchQuery,
      responses: { 200: z.array(SearchResult) },
    }),
    async (c) => {
      const q = readQuery(c, SearchQuery)
      const results = await searchAvailability(db, c.get('user'), q)
      return paginated(c, results.slice(q.offset, q.offset + q.limit), { limit: q.limit, offset: q.offset, total: results.length })
    },
  )

  app.post(
    '/waitlist',
    doc({
      tag: 'Waitlist',
      summary: 'Wait for a taken slot: the team is booked when it frees up',
      body: WaitlistBody,
      responses: { 201: WaitlistView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const body = await readBody(c, WaitlistBody)
      return c.json(await joinWaitlist(db, actor, body), 201)
    },
  )

  app.get(
    '/waitlist',
    doc({
      tag: 'Waitlist',
      summary: 'Waitlist entries the caller may see',
      query: WaitlistQuery,
      responses: { 200: z.array(WaitlistView) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const q = readQuery(c, WaitlistQuery)
      const { rows, total } = await listWaitlist(db, actor, q)
      return paginated(c, rows, { limit: q.limit, offset: q.offset, total })
    },
  )

  app.delete(
    '/waitlist/:id',
    doc({
      tag: 'Waitlist',
      summary: 'Leave the waitlist',
      responses: { 204: { description: 'Left.' } },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      await leaveWaitlist(db, actor, readId(c, 'id', 'waitlist'))
      return c.body(null, 204)
    },
  )

  return app
}
