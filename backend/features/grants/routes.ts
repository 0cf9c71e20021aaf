import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import { createGrant, getGrant, listGrants, listTeamGrants, updateGrant } from './grants.ts'
import { GrantBody, GrantPatch, GrantsQuery, GrantView } from './schemas.ts'

const GrantsPage = GrantsQuery.extend(paginationQuery)

/** Hour grants awarded to teams by the call, with their usage. */
export function grantsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams/:id/grants',
    doc({
      tag: 'Grants',
      summary: 'A team’s grants with their usage (admin, staff, the team’s members)',
      responses: { 200: z.array(GrantView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listTeamGrants(db, user, readId(c, 'id', 'team')))
    },
  )
  app.post(
    '/teams/:id/grants',
    doc({
      tag: 'Grants',
      summary: 'Award hours to a team (admin)',
      body: GrantBody,
      responses: { 201: GrantView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const teamId = readId(c, 'id', 'team')
      return c.json(await createGrant(db, admin, teamId, await readBody(c, GrantBody)), 201)
    },
  )

  app.get(
    '/grants',
    doc({
      tag: 'Grants',
      summary: 'Every grant, with its usage (admin)',
      query: GrantsPage,
      responses: { 200: z.array(GrantView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      requireRole(c, 'admin')
      const q = readQuery(c, GrantsPage)
      const { items, total } = await listGrants(db, q)
      return paginated(c, items, { ...q, total })
    },
  )
  app.get(
    '/grants/:id',
    doc({
      tag: 'Grants',
      summary: 'A grant with its usage (admin, staff, the team’s members)',
      responses: { 200: GrantView },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await getGrant(db, user, readId(c, 'id', 'grant')))
    },
  )
  app.patch(
    '/grants/:id',
    doc({
      tag: 'Grants',
      summary: 'Change a grant (admin)',
      body: GrantPatch,
      responses: { 200: GrantView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'grant')
      return c.json(await updateGrant(db, admin, id, await readBody(c, GrantPatch)))
    },
  )

  return app
}
