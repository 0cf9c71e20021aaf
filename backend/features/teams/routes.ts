import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { TeamBody, TeamPatch, TeamsQuery, TeamView } from './schemas.ts'
import { createTeam, getTeam, listVisibleTeams, updateTeam } from './service.ts'

/**
 * Project teams: list, register, read, change. Their members are in member-routes.ts, invitations in
 * invitation-routes.ts; grants live in the grants feature (`/teams/:id/grants`).
 */
export function teamsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams',
    doc({
      tag: 'Teams',
      summary: 'The teams one may see (admin: all; staff: those booking their hubs; members: their own)',
      query: TeamsQuery,
      responses: { 200: z.array(TeamView) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const user = requireUser(c)
      const q = readQuery(c, TeamsQuery)
      const { teams, total } = await listVisibleTeams(db, user, q)
      return paginated(c, teams, { ...q, total })
    },
  )

  app.post(
    '/teams',
    doc({
      tag: 'Teams',
      summary: 'Register a team (admin)',
      body: TeamBody,
      responses: { 201: TeamView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin')
      const body = await readBody(c, TeamBody)
      return c.json(await createTeam(db, user, body), 201)
    },
  )

  app.get(
    '/teams/:id',
    doc({ tag: 'Teams', summary: 'A team one may see', responses: { 200: TeamView }, problems: ['unauthorized', 'not_found'] }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await getTeam(db, user, readId(c, 'id', 'team')))
    },
  )

  app.patch(
    '/teams/:id',
    doc({
      tag: 'Teams',
      summary: 'Change a team (admin, or its members)',
      body: TeamPatch,
      responses: { 200: TeamView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const body = await readBody(c, TeamPatch)
      return c.json(await updateTeam(db, user, id, body))
    },
  )

  return app
}
