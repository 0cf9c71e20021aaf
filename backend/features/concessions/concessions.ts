import { type Kysely, type Selectable, sql } from 'kysely'
import type { z } from 'zod'
import type { ConcessionStatus, ConcessionsTable, Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { concessionInForce, isStaff, operatorScope, seesOperator } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { canTransition, isFinal } from './lifecycle.ts'
import { m, statusLabel } from './messages.ts'
import type { ConcessionBody, ConcessionPatch, ConcessionsQuery } from './schemas.ts'

type ConcessionRow = Selectable<ConcessionsTable> & { in_force: boolean }

export function toConcession(row: ConcessionRow) {
  return {
    id: row.id,
    hubId: row.hub_id,
    operatorId: row.operator_id,
    start: row.start_date,
    end: row.end_date,
    annualFeeCents: row.annual_fee_cents,
    obligations: {
      minOpenHoursPerWeek: row.min_open_hours_per_week,
      minSocialSharePercent: row.min_social_share_percent,
    },
    status: row.status,
    inForce: row.in_force,
  }
}

const concessionNotFound = () => problems.notFound('concession')

function selectConcessions(db: Kysely<Database>) {
  return db.selectFrom('concessions').selectAll().select(concessionInForce.as('in_force'))
}

function assertCanRead(user: SessionUser) {
  if (!isStaff(user)) throw problems.forbidden(m.staffOnly())
}

export async function listConcessions(
  db: Kysely<Database>,
  user: SessionUser,
  q: z.output<typeof ConcessionsQuery> & { limit: number; offset: number },
) {
  assertCanRead(user)
  let query = db.selectFrom('concessions')
  // Operator staff read only their own operator's concessions.
  const operators = operatorScope(user)
  if (operators !== 'all') query = query.where('operator_id', '=', operators)
  if (q.hubId) query = query.where('hub_id', '=', q.hubId)
  if (q.operatorId) query = query.where('operator_id', '=', q.operatorId)
  if (q.status) query = query.where('status', '=', q.status)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const ids = await query.select('id').orderBy('start_date', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute()
  if (ids.length === 0) return { items: [], total: Number(total) }
  const rows = await selectConcessions(db)
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute()
  return { items: rows.map(toConcession), total: Number(total) }
}

export async function getConcession(db: Kysely<Database>, user: SessionUser, id: string) {
  assertCanRead(user)
  const row = await selectConcessions(db).where('id', '=', id).executeTakeFirst()
  if (!row || !seesOperator(user, row.operator_id)) throw concessionNotFound()
  return toConcession(row)
}

/** Explains an overlap before the exclusion constraint (the referee under concurrency) would refuse it. */
async function assertNoOverlap(
  db: Kysely<Database>,
  c: { hubId: string; start: string; end: string; status: ConcessionStatus; exceptId?: string },
) {
  if (c.status === 'terminated') return
  let query = selectConcessions(db)
    .where('hub_id', '=', c.hubId)
    .where('status', '<>', 'terminated')
    .where(sql<boolean>`daterange(start_date, end_date, '[]') && daterange(${c.start}::date, ${c.end}::date, '[]')`)
  if (c.exceptId) query = query.where('id', '<>', c.exceptId)
  const overlapping = await query.orderBy('start_date').execute()
  if (overlapping.length === 0) return
  throw problems.conflict(m.overlap(), {
    conflicts: overlapping.map((o) => ({
      reason: 'concession',
      concessionId: o.id,
      operatorId: o.operator_id,
      start: o.start_date,
      end: o.end_date,
      status: o.status,
    })),
  })
}

export async function createConcession(db: Kysely<Database>, admin: SessionUser, body: z.output<typeof ConcessionBody>) {
  return db.transaction().execute(async (trx) => {
    const errors = []
    if (!(await trx.selectFrom('hubs').select('id').where('id', '=', body.hubId).executeTakeFirst())) {
      errors.push({ path: 'hubId', message: field.unknownHub() })
    }
    if (!(await trx.selectFrom('operators').select('id').where('id', '=', body.operatorId).executeTakeFirst())) {
      errors.push({ path: 'operatorId', message: field.unknownOperator() })
    }
    if (errors.length) throw problems.validation(errors)
    await assertNoOverlap(trx, { hubId: body.hubId, start: body.start, end: body.end, status: body.status })
    const { id } = await trx
      .insertInto('concessions')
      .values({
        hub_id: body.hubId,
        operator_id: body.operatorId,
        start_date: body.start,
        end_date: body.end,
        annual_fee_cents: body.annualFeeCents,
        min_open_hours_per_week: body.obligations.minOpenHoursPerWeek,
        min_social_share_percent: body.obligations.minSocialSharePercent,
        status: body.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: admin.id, action: 'concession.created', entity: 'concession', entityId: id, details: body })
    return toConcession(await selectConcessions(trx).where('id', '=', id).executeTakeFirstOrThrow())
  })
}

export async function updateConcession(db: Kysely<Database>, admin: SessionUser, id: string, body: z.output<typeof ConcessionPatch>) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('concessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!current) throw concessionNotFound()
    const status = body.status ?? current.status
    if (!canTransition(current.status, status)) {
      throw problems.conflict(m.transition({ from: statusLabel[current.status](), to: statusLabel[status]() }), {
        from: current.status,
        to: status,
      })
    }
    const changesTerms = body.start !== undefined || body.end !== undefined || body.annualFeeCents !== undefined || body.obligations
    if (isFinal(current.status) && changesTerms) {
      throw problems.conflict(m.final({ status: statusLabel[current.status]() }))
    }
    const start = body.start ?? current.start_date
    const end = body.end ?? current.end_date
    if (start > end) throw problems.validation([{ path: 'end', message: field.endBeforeStart() }])
    await assertNoOverlap(trx, { hubId: current.hub_id, start, end, status, exceptId: id })
    await trx
      .updateTable('concessions')
      .set({
        start_date: start,
        end_date: end,
        status,
        ...(body.annualFeeCents !== undefined && { annual_fee_cents: body.annualFeeCents }),
        ...(body.obligations?.minOpenHoursPerWeek !== undefined && { min_open_hours_per_week: body.obligations.minOpenHoursPerWeek }),
        ...(body.obligations?.minSocialSharePercent !== undefined && {
          min_social_share_percent: body.obligations.minSocialSharePercent,
        }),
      })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: status !== current.status ? `concession.${status}` : 'concession.updated',
      entity: 'concession',
      entityId: id,
      details: { ...body, previousStatus: current.status },
    })
    return toConcession(await selectConcessions(trx).where('id', '=', id).executeTakeFirstOrThrow())
  })
}
