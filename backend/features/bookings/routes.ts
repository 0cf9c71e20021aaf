import { Hono } from 'hono'
import { requireUser, seesBooking, viewerOf } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { bookingOverview } from './booking-page.ts'
import { idempotencyKeyOf } from './idempotency.ts'
import { findBooking } from './queries.ts'
import {
  BookingOverviewView,
  BookingView,
  CreateBookingBody,
  CreatedBookings,
  CreateQuery,
  DryRunBookings,
  PatchBookingBody,
} from './schemas.ts'
import { bookingViews, createBookings, updateBooking } from './service.ts'

/** Bookings: create, read, change; the list is in list-routes.ts. */
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

  return app
}
