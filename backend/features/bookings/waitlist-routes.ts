import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery, text } from '../../http/validation.ts'
import { instantString } from '../../time.ts'
import { WaitlistView } from './schemas.ts'
import { joinWaitlist, leaveWaitlist, listWaitlist } from './waitlist.ts'

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
/** The waitlist of a lab's taken times. */
export function waitlistRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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
