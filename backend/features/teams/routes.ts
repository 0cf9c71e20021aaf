import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { MemberBody, TeamBody, TeamMemberView, TeamPatch, TeamsQuery, TeamView } from './schemas.ts'
import { addMember, createTeam, getTeam, listMembers, listVisibleTeams, removeMember, updateTeam } from './service.ts'

/** Project teams and their members. Grants live in the grants feature (`/teams/:id/grants`). */
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

  app.get(
    '/teams/:id/members',
    doc({
      tag: 'Teams',
      summary: 'A team’s members',
      responses: { 200: z.array(TeamMemberView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listMembers(db, user, readId(c, 'id', 'team')))
    },
  )

  app.post(
    '/teams/:id/members',
    doc({
      tag: 'Teams',
      summary: 'Add a member by email (an account is created when none exists: 201; an existing one: 200)',
      body: MemberBody,
      responses: { 200: TeamMemberView, 201: TeamMemberView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const body = await readBody(c, MemberBody)
      const { member, created } = await addMember(db, user, id, body)
      return c.json(member, created ? 201 : 200)
    },
  )

  app.delete(
    '/teams/:id/members/:userId',
    doc({
      tag: 'Teams',
      summary: 'Remove a member from a team',
      responses: { 204: { description: 'Removed' } },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const userId = readId(c, 'userId', 'teamMember')
      await removeMember(db, user, id, userId)
      return c.body(null, 204)
    },
  )

  return app
}
