import type { Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import type { Database, OperatorsTable } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isStaff, operatorScope, seesOperator } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { m } from './messages.ts'
import type { OperatorBody, OperatorPatch } from './schemas.ts'

export function toOperator(row: Selectable<OperatorsTable>) {
  return {
    id: row.id,
    name: row.name,
    legalForm: row.legal_form,
    taxCode: row.tax_code,
    email: row.email,
    phone: row.phone,
  }
}

const operatorNotFound = () => problems.notFound('operator')

/** Admins see every operator; operator staff only their own; members none. */
export async function listOperators(db: Kysely<Database>, user: SessionUser, page: { limit: number; offset: number; q?: string }) {
  if (!isStaff(user)) throw problems.forbidden(m.operatorsStaffOnly())
  let query = db.selectFrom('operators')
  const operators = operatorScope(user)
  if (operators !== 'all') query = query.where('id', '=', operators)
  if (page.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${page.q}%`), eb('tax_code', 'ilike', `%${page.q}%`)]))
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await query.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute()
  return { items: rows.map(toOperator), total: Number(total) }
}

export async function getOperator(db: Kysely<Database>, user: SessionUser, id: string) {
  if (!isStaff(user)) throw problems.forbidden(m.operatorsStaffOnly())
  if (!seesOperator(user, id)) throw operatorNotFound()
  const row = await db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw operatorNotFound()
  return toOperator(row)
}

async function assertTaxCodeFree(db: Kysely<Database>, taxCode: string, exceptId?: string) {
  let query = db.selectFrom('operators').select('id').where('tax_code', '=', taxCode)
  if (exceptId) query = query.where('id', '<>', exceptId)
  if (await query.executeTakeFirst()) throw problems.conflict(m.taxCodeTaken())
}

export async function createOperator(db: Kysely<Database>, admin: SessionUser, body: z.output<typeof OperatorBody>) {
  return db.transaction().execute(async (trx) => {
    await assertTaxCodeFree(trx, body.taxCode)
    const row = await trx
      .insertInto('operators')
      .values({
        name: body.name,
        legal_form: body.legalForm,
        tax_code: body.taxCode,
        email: body.email ?? null,
        phone: body.phone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: admin.id, action: 'operator.created', entity: 'operator', entityId: row.id, details: body })
    return toOperator(row)
  })
}

export async function updateOperator(db: Kysely<Database>, admin: SessionUser, id: string, body: z.output<typeof OperatorPatch>) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('operators').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!current) throw operatorNotFound()
    if (body.taxCode) await assertTaxCodeFree(trx, body.taxCode, id)
    const set = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.legalForm !== undefined && { legal_form: body.legalForm }),
      ...(body.taxCode !== undefined && { tax_code: body.taxCode }),
      ...(body.email !== undefined && { email: body.email }),
      ...(body.phone !== undefined && { phone: body.phone }),
    }
    if (Object.keys(set).length === 0) return toOperator(current)
    const row = await trx.updateTable('operators').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: admin.id, action: 'operator.updated', entity: 'operator', entityId: id, details: body })
    return toOperator(row)
  })
}
