import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { approveBookings, cancelBookings, recordAttendance, recordNoShow, rejectBookings, restoreBookings } from './lifecycle.ts'
import { ApproveBody, AttendanceBody, BookingView, CancelBody, CancelledView, RejectBody, RestoredView } from './schemas.ts'

/** A booking's lifecycle: cancel (and undo), approve, reject, attendance, no-show. */
export function bookingLifecycleRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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

  return app
}
