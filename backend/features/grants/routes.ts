import { Hono } from 'hono'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import { createGrant, GrantBody, GrantPatch, GrantsQuery, getGrant, listGrants, listTeamGrants, updateGrant } from './grants.ts'

/** Hour grants awarded to teams by the call, with their usage. */
export function grantsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/teams/:id/grants', async (c) => {
    const user = requireUser(c)
    return c.json(await listTeamGrants(db, user, readId(c, 'id', 'team')))
  })
  app.post('/teams/:id/grants', async (c) => {
    const admin = requireRole(c, 'admin')
    const teamId = readId(c, 'id', 'team')
    return c.json(await createGrant(db, admin, teamId, await readBody(c, GrantBody)), 201)
  })

  app.get('/grants', async (c) => {
    requireRole(c, 'admin')
    const q = readQuery(c, GrantsQuery.extend(paginationQuery))
    const { items, total } = await listGrants(db, q)
    return paginated(c, items, { ...q, total })
  })
  app.get('/grants/:id', async (c) => {
    const user = requireUser(c)
    return c.json(await getGrant(db, user, readId(c, 'id', 'grant')))
  })
  app.patch('/grants/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'grant')
    return c.json(await updateGrant(db, admin, id, await readBody(c, GrantPatch)))
  })

  return app
}
