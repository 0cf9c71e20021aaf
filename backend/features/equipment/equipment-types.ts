import { type Kysely, type Selectable, sql } from 'kysely'
import type { z } from 'zod'
import type { Database, EquipmentTypesTable } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { assertIsManagingStaff } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { m } from './messages.ts'

import type { TypeBody, TypePatch, TypesQuery } from './schemas.ts'

/** Equipment types: the Comune's catalogue of kinds of equipment (public, as the booking form lists them). */

export function toEquipmentType(row: Selectable<EquipmentTypesTable>) {
  return { id: row.id, name: row.name, category: row.category, requiresTraining: row.requires_training, description: row.description }
}

/** Types are public (the booking form lists them); with `labId`, only those the lab has, with how many. */
export async function listTypes(db: Kysely<Database>, q: z.output<typeof TypesQuery>) {
  let query = db.selectFrom('equipment_types as t').selectAll('t')
  if (q.category) query = query.where('t.category', '=', q.category)
  if (!q.labId) return (await query.orderBy('t.name').execute()).map(toEquipmentType)
  const rows = await query
    .innerJoin('equipment_assets as a', 'a.type_id', 't.id')
    .select((eb) => eb.fn.countAll<number>().as('quantity'))
    .where('a.lab_id', '=', q.labId)
    .where('a.status', '<>', 'retired')
    .groupBy('t.id')
    .orderBy('t.name')
    .execute()
  return rows.map((r) => ({ ...toEquipmentType(r), quantity: Number(r.quantity) }))
}

const typeNotFound = () => problems.notFound('equipmentType')

async function assertTypeNameFree(db: Kysely<Database>, name: string, exceptId?: string) {
  let query = db.selectFrom('equipment_types').select('id').where(sql<boolean>`lower(name) = lower(${name})`)
  if (exceptId) query = query.where('id', '<>', exceptId)
  if (await query.executeTakeFirst()) throw problems.conflict(m.typeNameTaken())
}

export async function createType(db: Kysely<Database>, user: SessionUser, body: z.output<typeof TypeBody>) {
  await assertIsManagingStaff(db, user)
  return db.transaction().execute(async (trx) => {
    await assertTypeNameFree(trx, body.name)
    const row = await trx
      .insertInto('equipment_types')
      .values({ name: body.name, category: body.category, requires_training: body.requiresTraining, description: body.description ?? null })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'equipment_type.created',
      entity: 'equipment_type',
      entityId: row.id,
      details: body,
    })
    return toEquipmentType(row)
  })
}

export async function updateType(db: Kysely<Database>, admin: SessionUser, id: string, body: z.output<typeof TypePatch>) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('equipment_types').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!current) throw typeNotFound()
    if (body.name) await assertTypeNameFree(trx, body.name, id)
    const row = await trx
      .updateTable('equipment_types')
      .set({
        ...(body.name !== undefined && { name: body.name }),
        ...(body.category !== undefined && { category: body.category }),
        ...(body.requiresTraining !== undefined && { requires_training: body.requiresTraining }),
        ...(body.description !== undefined && { description: body.description }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'equipment_type.updated',
      entity: 'equipment_type',
      entityId: id,
      details: body,
    })
    return toEquipmentType(row)
  })
}

export async function getType(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('equipment_types').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw typeNotFound()
  return toEquipmentType(row)
}
