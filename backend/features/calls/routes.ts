import { Hono } from 'hono'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { createCall, getCall, listCalls, updateCall } from './calls.ts'
import { CallBody, CallPatch, CallsQuery } from './schemas.ts'

/** The call (bando), CONTRACT §8. */
export function callsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/calls', async (c) => {
    const q = readQuery(c, CallsQuery)
    const { calls, total } = await listCalls(db, c.get('user'), q)
    return paginated(c, calls, { ...q, total })
  })
  app.post('/calls', async (c) => {
    const admin = requireRole(c, 'admin')
    return c.json(await createCall(db, admin, await readBody(c, CallBody)), 201)
  })
  app.get('/calls/:id', async (c) => c.json(await getCall(db, c.get('user'), readId(c, 'id', 'call'))))
  app.patch('/calls/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'call')
    return c.json(await updateCall(db, admin, id, await readBody(c, CallPatch)))
  })

  return app
}
