import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { AppError } from '../../http/problem.ts'
import { paginationQuery, readBody, readId, readQuery, text } from '../../http/validation.ts'
import { DEFAULT_ZONE, instantString } from '../../time.ts'
import { checkInMessages } from '../certifications/messages.ts'
import { equipmentOfBookings } from '../equipment/allocation.ts'
import { labAvailability, searchAvailability } from './availability.ts'
import { bookingOverview } from './booking-page.ts'
import { checkIn, checkInByCode, checkInPage, labCheckInCode, reinstateBooking, rotateCheckInCode } from './check-in.ts'
import { idempotencyKeyOf } from './idempotency.ts'
import { approveBookings, cancelBookings, recordAttendance, recordNoShow, rejectBookings } from './lifecycle.ts'
import { findBooking, listBookings } from './queries.ts'
import { boundIn } from './request-time.ts'
import {
  ApproveBody,
  AttendanceBody,
  BookingsQuery,
  CancelBody,
  CreateBookingBody,
  CreateQuery,
  dateOrInstant,
  PatchBookingBody,
  RejectBody,
} from './schemas.ts'
import { bookingViews, createBookings, updateBooking } from './service.ts'
import { notFound, seesBooking, viewerOf } from './viewer.ts'
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

  app.post('/bookings', async (c) => {
    const actor = requireUser(c)
    const body = await readBody(c, CreateBookingBody)
    const { dryRun = false } = readQuery(c, CreateQuery)
    const idempotencyKey = idempotencyKeyOf(c.req.header('idempotency-key'))
    const answer = await createBookings(db, actor, body, { dryRun, idempotencyKey })
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json'
    return c.body(JSON.stringify(answer.body), answer.status as 200, { 'Content-Type': type })
  })

  app.get('/bookings', async (c) => {
    const actor = requireUser(c)
    const q = readQuery(c, BookingsQuery)
    const viewer = await viewerOf(db, actor)
    let zone = DEFAULT_ZONE
    if ((q.from || q.to) && (q.labId || q.hubId)) {
      const hub = q.labId
        ? await db
            .selectFrom('labs')
            .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
            .select('hubs.timezone')
            .where('labs.id', '=', q.labId)
            .executeTakeFirst()
        : await db
            .selectFrom('hubs')
            .select('timezone')
            .where('id', '=', q.hubId ?? '')
            .executeTakeFirst()
      zone = hub?.timezone ?? DEFAULT_ZONE
    }
    const { rows, total } = await listBookings(
      db,
      {
        labId: q.labId,
        hubId: q.hubId,
        teamId: q.teamId,
        status: q.status,
        from: q.from ? boundIn(q.from, zone, 'from') : undefined,
        to: q.to ? boundIn(q.to, zone, 'to') : undefined,
        visibleHubIds: viewer.hubs === 'all' ? null : viewer.hubs,
        visibleTeamIds: viewer.hubs === 'all' ? null : viewer.teams,
      },
      q,
    )
    const equipment = await equipmentOfBookings(
      db,
      rows.map((r) => r.id),
    )
    const views = rows.map((r) => toBookingView(r, equipment.get(r.id) ?? []))
    return paginated(c, views, { limit: q.limit, offset: q.offset, total })
  })

  app.get('/bookings/:id', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    const viewer = await viewerOf(db, actor)
    const row = await findBooking(db, id)
    if (!row || !seesBooking(viewer, row)) throw notFound('booking')
    const [view] = await bookingViews(db, [id])
    return c.json(view)
  })

  app.get('/bookings/:id/overview', async (c) => {
    const actor = requireUser(c)
    return c.json(await bookingOverview(db, actor, readId(c, 'id', 'booking')))
  })

  app.patch('/bookings/:id', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    const body = await readBody(c, PatchBookingBody)
    return c.json(await updateBooking(db, actor, id, body))
  })

  app.post('/bookings/:id/cancel', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    return c.json(await cancelBookings(db, actor, id, await readBody(c, CancelBody)))
  })

  app.post('/bookings/:id/approve', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    return c.json(await approveBookings(db, actor, id, await readBody(c, ApproveBody)))
  })

  app.post('/bookings/:id/reject', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    return c.json(await rejectBookings(db, actor, id, await readBody(c, RejectBody)))
  })

  app.post('/bookings/:id/attendance', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    return c.json(await recordAttendance(db, actor, id, await readBody(c, AttendanceBody)))
  })

  app.post('/bookings/:id/no-show', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'booking')
    return c.json(await recordNoShow(db, actor, id))
  })

  app.post('/bookings/:id/check-in', async (c) => {
    const actor = requireUser(c)
    return c.json(await checkIn(db, actor, readId(c, 'id', 'booking')))
  })

  app.post('/bookings/:id/reinstate', async (c) => {
    const actor = requireUser(c)
    return c.json(await reinstateBooking(db, actor, readId(c, 'id', 'booking')))
  })

  app.get('/labs/:id/check-in-code', async (c) => {
    const actor = requireUser(c)
    return c.json(await labCheckInCode(db, actor, readId(c, 'id', 'lab'), deps.config.publicUrl))
  })

  app.post('/labs/:id/check-in-code', async (c) => {
    const actor = requireUser(c)
    return c.json(await rotateCheckInCode(db, actor, readId(c, 'id', 'lab'), deps.config.publicUrl))
  })

  app.get('/check-in/:code', async (c) => {
    const actor = requireUser(c)
    return c.json(await checkInPage(db, actor, readCode(c)))
  })

  app.post('/check-in/:code', async (c) => {
    const actor = requireUser(c)
    const code = readCode(c)
    const body = await readBody(c, CheckInByCodeBody)
    return c.json(await checkInByCode(db, actor, code, body.bookingId))
  })

  app.get('/labs/:id/availability', async (c) => {
    const q = readQuery(c, AvailabilityQuery)
    return c.json(await labAvailability(db, c.req.param('id'), q))
  })

  app.get('/availability', async (c) => {
    const q = readQuery(c, SearchQuery)
    const results = await searchAvailability(db, c.get('user'), q)
    return paginated(c, results.slice(q.offset, q.offset + q.limit), { limit: q.limit, offset: q.offset, total: results.length })
  })

  app.post('/waitlist', async (c) => {
    const actor = requireUser(c)
    const body = await readBody(c, WaitlistBody)
    return c.json(await joinWaitlist(db, actor, body), 201)
  })

  app.get('/waitlist', async (c) => {
    const actor = requireUser(c)
    const q = readQuery(c, WaitlistQuery)
    const { rows, total } = await listWaitlist(db, actor, q)
    return paginated(c, rows, { limit: q.limit, offset: q.offset, total })
  })

  app.delete('/waitlist/:id', async (c) => {
    const actor = requireUser(c)
    await leaveWaitlist(db, actor, readId(c, 'id', 'waitlist'))
    return c.body(null, 204)
  })

  return app
}
