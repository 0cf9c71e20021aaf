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
import { AreaBody, AreasQuery, AreaView, HubBody, HubPatch, HubsQuery, LabBody, LabPatch, LabsQuery, OpeningHoursBody } from './schemas.ts'
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

  app.get('/hubs', async (c) => {
    const q = readQuery(c, HubsQuery)
    const { rows, total } = await listHubs(db, q, q)
    return paginated(c, rows.map(toHub), { ...q, total })
  })

  app.post('/hubs', async (c) => {
    const actor = requireRole(c, 'admin')
    const body = await readBody(c, HubBody)
    return c.json(await createHub(db, actor, body), 201)
  })

  app.get('/hubs/:id', async (c) => c.json(await getHub(db, readId(c, 'id', 'hub'))))

  app.patch('/hubs/:id', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'hub')
    const body = await readBody(c, HubPatch)
    return c.json(await updateHub(db, actor, id, body))
  })

  app.get('/hubs/:id/opening-hours', async (c) => c.json(await getOpeningHours(db, readId(c, 'id', 'hub'))))

  app.put('/hubs/:id/opening-hours', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'hub')
    const body = await readBody(c, OpeningHoursBody)
    return c.json(await setOpeningHours(db, actor, id, body))
  })

  app.get('/labs', async (c) => {
    const q = readQuery(c, LabsQuery)
    const labIds = q.equipmentTypeId ? await labsWithEquipment(db, q.equipmentTypeId, q.equipmentQuantity ?? 1) : undefined
    const { rows, total } = await listLabs(db, { ...q, labIds }, q)
    return paginated(c, rows.map(toLab), { ...q, total })
  })

  app.post('/labs', async (c) => {
    const actor = requireUser(c)
    const body = await readBody(c, LabBody)
    return c.json(await createLab(db, actor, body), 201)
  })

  app.get('/labs/:id', async (c) => c.json(await getLab(db, readId(c, 'id', 'lab'))))

  app.patch('/labs/:id', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'lab')
    const body = await readBody(c, LabPatch)
    return c.json(await updateLab(db, actor, id, body))
  })

  return app
}
