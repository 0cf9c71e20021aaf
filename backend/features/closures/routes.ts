import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery, text } from '../../http/validation.ts'
import { dateOrInstant } from '../bookings/schemas.ts'
import { createClosure, deleteClosure, listClosures } from './service.ts'

const ClosureBody = z.object({
  hubId: z.string().trim().min(1).max(100).nullish(),
  labId: z.string().trim().min(1).max(100).nullish(),
  start: dateOrInstant,
  end: dateOrInstant,
  reason: text(500),
  cancelAffected: z.boolean().optional().describe('Cancel the live bookings the closure falls on, and tell their teams.'),
  onlyFreeLabs: z
    .boolean()
    .optional()
    .describe(
      'With hubId: close only the labs of the hub that have no live booking in the period (one lab closure each); ' +
        'the booked labs stay open and their bookings untouched.',
    ),
})

const ClosuresQuery = z.object({
  hubId: z.uuid().optional(),
  labId: z.uuid().optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  ...paginationQuery,
})

/** A closure as the API answers it. */
export const ClosureView = z.object({
  id: z.string(),
  hubId: z.string().nullable().describe('The hub closed; null for a lab closure or a closure of every hub.'),
  labId: z.string().nullable().describe('The lab closed; null for a hub closure or a closure of every hub.'),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
})

const Created = z.union([
  ClosureView.extend({ cancelled: z.array(z.string()).describe('The bookings it cancelled (cancelAffected).') }),
  z
    .object({
      closures: z.array(ClosureView),
      leftOpen: z.array(z.object({ labId: z.string(), labName: z.string(), bookingIds: z.array(z.string()) })),
    })
    .describe('onlyFreeLabs: the closures written (one per free lab, or the hub’s when nothing was booked) and the labs left open.'),
])

/** Closures: public to read; written by the Comune, or by a hub's operator for its hub and labs. */
export function closuresRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/closures',
    doc({
      tag: 'Closures',
      summary: 'Closures overlapping a period (public): of every hub, of the hub and of its labs',
      query: ClosuresQuery,
      responses: { 200: z.array(ClosureView) },
    }),
    async (c) => {
      const q = readQuery(c, ClosuresQuery)
      const { rows, total } = await listClosures(db, q)
      return paginated(c, rows, { limit: q.limit, offset: q.offset, total })
    },
  )

  app.post(
    '/closures',
    doc({
      tag: 'Closures',
      summary: 'Close every hub (admin), a hub or a lab (admin, the hub’s operator)',
      description:
        'A closure that falls on live bookings answers 409 with each of them in `conflicts` (time, `bookingId`, `labId`, ' +
        '`labName`, `teamId`, `teamName`, `title`), unless `cancelAffected: true` (they are cancelled, «Annullata per ' +
        'chiusura», and their teams told) or, for a hub, `onlyFreeLabs: true` (only the labs without bookings close).',
      body: ClosureBody,
      responses: { 201: Created },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin', 'operator')
      const body = await readBody(c, ClosureBody)
      return c.json(await createClosure(db, actor, body), 201)
    },
  )

  app.delete(
    '/closures/:id',
    doc({
      tag: 'Closures',
      summary: 'Remove a closure (whoever may write it); bookings it cancelled stay cancelled',
      responses: { 204: { description: 'Removed.' } },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin', 'operator')
      await deleteClosure(db, actor, readId(c, 'id', 'closure'))
      return c.body(null, 204)
    },
  )

  return app
}
