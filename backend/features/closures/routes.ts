import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { ClosureBody, ClosureCreated, ClosuresQuery, ClosureView } from './schemas.ts'
import { createClosure, deleteClosure, listClosures } from './service.ts'

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
      responses: { 201: ClosureCreated },
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
