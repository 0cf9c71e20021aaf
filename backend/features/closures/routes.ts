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
  cancelAffected: z.boolean().optional(),
})

const ClosuresQuery = z.object({
  hubId: z.uuid().optional(),
  labId: z.uuid().optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  ...paginationQuery,
})

/** A closure as the API answers it: instants in the hub's time zone. */
const ClosureView = z.object({
  id: z.string(),
  hubId: z.string().nullable(),
  labId: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
})

/** Closures: public to read; written by the Comune, or by a hub's operator for its hub and labs. */
export function closuresRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/closures',
    doc({
      tag: 'Closures',
      summary: 'Closures of a hub or lab, by period (public)',
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
      summary: 'Close a hub, a lab or every hub for a period (admin, or the hub’s operator)',
      description: 'Live bookings in the way are a 409 listing them, unless `cancelAffected`, which cancels them (`cancelled`: their ids).',
      body: ClosureBody,
      responses: { 201: ClosureView.extend({ cancelled: z.array(z.string()) }) },
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
      summary: 'Remove a closure (with the rights to write it)',
      responses: { 204: { description: 'Removed' } },
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
