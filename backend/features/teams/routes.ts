import { Hono } from 'hono'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { MemberBody, TeamBody, TeamPatch, TeamsQuery } from './schemas.ts'
import { addMember, createTeam, getTeam, listMembers, listVisibleTeams, removeMember, updateTeam } from './service.ts'

/** Project teams and their members. Grants live in the grants feature (`/teams/:id/grants`). */
export function teamsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/teams', async (c) => {
    const user = requireUser(c)
    const q = readQuery(c, TeamsQuery)
    const { teams, total } = await listVisibleTeams(db, user, q)
    return paginated(c, teams, { ...q, total })
  })

  app.post('/teams', async (c) => {
    const user = requireRole(c, 'admin')
    const body = await readBody(c, TeamBody)
    return c.json(await createTeam(db, user, body), 201)
  })

  app.get('/teams/:id', async (c) => {
    const user = requireUser(c)
    return c.json(await getTeam(db, user, readId(c, 'id', 'team')))
  })

  app.patch('/teams/:id', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'team')
    const body = await readBody(c, TeamPatch)
    return c.json(await updateTeam(db, user, id, body))
  })

  app.get('/teams/:id/members', async (c) => {
    const user = requireUser(c)
    return c.json(await listMembers(db, user, readId(c, 'id', 'team')))
  })

  app.post('/teams/:id/members', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'team')
    const body = await readBody(c, MemberBody)
    const { member, created } = await addMember(db, user, id, body)
    return c.json(member, created ? 201 : 200)
  })

  app.delete('/teams/:id/members/:userId', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'team')
    const userId = readId(c, 'userId', 'teamMember')
    await removeMember(db, user, id, userId)
    return c.body(null, 204)
  })

  return app
}
