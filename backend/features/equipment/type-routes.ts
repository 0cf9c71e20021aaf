import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { createType, getType, listTypes, updateType } from './equipment-types.ts'
import { EquipmentTypeView, TypeBody, TypePatch, TypesQuery } from './schemas.ts'

/** Equipment types: public to read; added by the Comune or an operator, changed by the Comune. */
export function equipmentTypeRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/equipment-types',
    doc({
      tag: 'Equipment',
      summary: 'Equipment types (public); with labId, how many active assets of each the lab has',
      query: TypesQuery,
      responses: { 200: z.array(EquipmentTypeView.extend({ quantity: z.number().int().optional().describe('With labId.') })) },
    }),
    async (c) => c.json(await listTypes(db, readQuery(c, TypesQuery))),
  )

  app.post(
    '/equipment-types',
    doc({
      tag: 'Equipment',
      summary: 'Add an equipment type (admin, operator)',
      body: TypeBody,
      responses: { 201: EquipmentTypeView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'operator')
      return c.json(await createType(db, user, await readBody(c, TypeBody)), 201)
    },
  )

  app.get(
    '/equipment-types/:id',
    doc({ tag: 'Equipment', summary: 'One equipment type (public)', responses: { 200: EquipmentTypeView }, problems: ['not_found'] }),
    async (c) => c.json(await getType(db, readId(c, 'id', 'equipmentType'))),
  )

  app.patch(
    '/equipment-types/:id',
    doc({
      tag: 'Equipment',
      summary: 'Change an equipment type (admin)',
      body: TypePatch,
      responses: { 200: EquipmentTypeView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'equipmentType')
      return c.json(await updateType(db, admin, id, await readBody(c, TypePatch)))
    },
  )

  return app
}
