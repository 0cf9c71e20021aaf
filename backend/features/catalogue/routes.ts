import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { labsWithEquipment } from '../equipment/allocation.ts'
import { toArea, toHub, toLab } from './mappers.ts'
import { listAreas, listHubs, listLabs } from './queries.ts'
import {
  AreaBody,
  AreasQuery,
  AreaView,
  HubBody,
  HubPatch,
  HubsQuery,
  HubView,
  LabBody,
  LabPatch,
  LabsQuery,
  LabView,
  OpeningHoursBody,
  OpeningIntervalView,
} from './schemas.ts'
import { createArea, createHub, createLab, getHub, getLab, getOpeningHours, setOpeningHours, updateHub, updateLab } from './service.ts'

/** Areas, hubs (with their opening hours) and labs: public to read; written by the Comune or the hub's operator. */
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

  app.get(
    '/hubs/:id/opening-hours',
    doc({
      tag: 'Catalogue',
      summary: 'A hub’s weekly opening hours (public)',
      responses: { 200: z.array(OpeningIntervalView) },
      problems: ['not_found'],
    }),
    async (c) => c.json(await getOpeningHours(db, readId(c, 'id', 'hub'))),
  )

  app.put(
    '/hubs/:id/opening-hours',
    doc({
      tag: 'Catalogue',
      summary: 'Replace a hub’s weekly opening hours (admin, or its operator)',
      body: OpeningHoursBody,
      responses: { 200: z.array(OpeningIntervalView) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'hub')
      const body = await readBody(c, OpeningHoursBody)
      return c.json(await setOpeningHours(db, actor, id, body))
    },
  )

  app.get(
    '/labs',
    doc({ tag: 'Catalogue', summary: 'The labs (public)', query: LabsQuery, responses: { 200: z.array(LabView) } }),
    async (c) => {
      const q = readQuery(c, LabsQuery)
      const labIds = q.equipmentTypeId ? await labsWithEquipment(db, q.equipmentTypeId, q.equipmentQuantity ?? 1) : undefined
      const { rows, total } = await listLabs(db, { ...q, labIds }, q)
      return paginated(c, rows.map(toLab), { ...q, total })
    },
  )

  app.post(
    '/labs',
    doc({
      tag: 'Catalogue',
      summary: 'Add a lab to a hub (admin, or the hub’s operator)',
      body: LabBody,
      responses: { 201: LabView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const body = await readBody(c, LabBody)
      return c.json(await createLab(db, actor, body), 201)
    },
  )

  app.get(
    '/labs/:id',
    doc({ tag: 'Catalogue', summary: 'A lab (public)', responses: { 200: LabView }, problems: ['not_found'] }),
    async (c) => c.json(await getLab(db, readId(c, 'id', 'lab'))),
  )

  app.patch(
    '/labs/:id',
    doc({
      tag: 'Catalogue',
      summary: 'Change a lab (admin, or the hub’s operator)',
      body: LabPatch,
      responses: { 200: LabView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'lab')
      const body = await readBody(c, LabPatch)
      return c.json(await updateLab(db, actor, id, body))
    },
  )

  return app
}
