import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { labsWithEquipment } from '../equipment/allocation.ts'
import { toLab } from './mappers.ts'
import { listLabs } from './queries.ts'
import { LabBody, LabPatch, LabsQuery, LabView } from './schemas.ts'
import { createLab, getLab, updateLab } from './service.ts'

/** The labs of the hubs: public to read; added and changed by the Comune or the hub's operator. */
export function labRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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
