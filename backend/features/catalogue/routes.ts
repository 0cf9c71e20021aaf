import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { toArea, toHub } from './mappers.ts'
import { listAreas, listHubs } from './queries.ts'
import { AreaBody, AreasQuery, AreaView, HubBody, HubPatch, HubsQuery, HubView } from './schemas.ts'
import { createArea, createHub, getHub, updateHub } from './service.ts'

/**
 * Areas and hubs: public to read; written by the Comune or the hub's operator. A hub's opening hours are in
 * opening-hours-routes.ts, the labs in lab-routes.ts.
 */
export function catalogueRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/areas',
    doc({ tag: 'Catalogue', summary: 'The neighbourhoods (public)', query: AreasQuery, responses: { 200: z.array(AreaView) } }),
    async (c) => {
      const q = readQuery(c, AreasQuery)
      const { rows, total } = await listAreas(db, q, q)
      return paginated(c, rows.map(toArea), { ...q, total })
    },
  )

  app.post(
    '/areas',
    doc({
      tag: 'Catalogue',
      summary: 'Add a neighbourhood (admin)',
      body: AreaBody,
      responses: { 201: AreaView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const body = await readBody(c, AreaBody)
      return c.json(await createArea(db, actor, body), 201)
    },
  )

  app.get(
    '/hubs',
    doc({ tag: 'Catalogue', summary: 'The hubs (public)', query: HubsQuery, responses: { 200: z.array(HubView) } }),
    async (c) => {
      const q = readQuery(c, HubsQuery)
      const { rows, total } = await listHubs(db, q, q)
      return paginated(c, rows.map(toHub), { ...q, total })
    },
  )

  app.post(
    '/hubs',
    doc({
      tag: 'Catalogue',
      summary: 'Add a hub (admin)',
      body: HubBody,
      responses: { 201: HubView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const body = await readBody(c, HubBody)
      return c.json(await createHub(db, actor, body), 201)
    },
  )

  app.get(
    '/hubs/:id',
    doc({ tag: 'Catalogue', summary: 'A hub (public)', responses: { 200: HubView }, problems: ['not_found'] }),
    async (c) => c.json(await getHub(db, readId(c, 'id', 'hub'))),
  )

  app.patch(
    '/hubs/:id',
    doc({
      tag: 'Catalogue',
      summary: 'Change a hub (admin, or its operator)',
      body: HubPatch,
      responses: { 200: HubView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'hub')
      const body = await readBody(c, HubPatch)
      return c.json(await updateHub(db, actor, id, body))
    },
  )

  return app
}
