import { type Context, Hono } from 'hono'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { AppError } from '../../http/problem.ts'
import { readBody, readId } from '../../http/validation.ts'
import { checkInMessages } from '../certifications/messages.ts'
import { checkIn, checkInByCode, checkInPage, labCheckInCode, reinstateBooking, rotateCheckInCode } from './check-in.ts'
import { BookingView, CheckedInView, CheckInByCodeBody, CheckInCodeView, CheckInPageView } from './schemas.ts'

/** A QR code's secret: base64url; anything else names no lab. */
function readCode(c: Context): string {
  const code = c.req.param('code') ?? ''
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) throw new AppError('not_found', checkInMessages.unknownCode())
  return code
}

/** Check-in: by the booking's page or the lab's QR code, its rotation, and reinstating a released booking. */
export function checkInRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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

  return app
}
