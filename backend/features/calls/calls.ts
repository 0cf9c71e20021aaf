import type { Kysely, Transaction } from 'kysely'
import type { Call, Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isAdmin, seesCall } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { type FieldError, problems } from '../../http/problem.ts'
import { parseInstant } from '../../time.ts'
import { concludeAwards } from './awards.ts'
import { effectiveCallStatus, toCall } from './mappers.ts'
import { callText } from './messages.ts'
import type { CallInput, CallPatchInput, CallsFilter } from './schemas.ts'
import type { CallView } from './views.ts'

/**
 * Calls (bandi): the Comune drafts, opens, closes, ranks and awards them. Anyone reads a call that is not a
 * draft; the Comune reads and writes all of them.
 */

type Db = Kysely<Database> | Transaction<Database>

function assertAdmin(user: SessionUser) {
  if (!isAdmin(user)) throw problems.forbidden(callText.onlyComune())
}

async function detailsOf(db: Db, callIds: string[]) {
  if (callIds.length === 0) return { areas: [], criteria: [], evaluators: [] }
  const [areas, criteria, evaluators] = await Promise.all([
    db.selectFrom('call_areas').select(['call_id', 'area_id']).where('call_id', 'in', callIds).orderBy('area_id').execute(),
    db
      .selectFrom('call_criteria')
      .select(['id', 'call_id', 'name', 'weight', 'max_score'])
      .where('call_id', 'in', callIds)
      .orderBy('position')
      .orderBy('name')
      .execute(),
    db.selectFrom('call_evaluators').select(['call_id', 'user_id']).where('call_id', 'in', callIds).orderBy('created_at').execute(),
  ])
  return { areas, criteria, evaluators }
}

async function viewsOf(db: Db, rows: Call[], withEvaluators: boolean): Promise<CallView[]> {
  const d = await detailsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((row) =>
    toCall(row, {
      areaIds: d.areas.filter((a) => a.call_id === row.id).map((a) => a.area_id),
      criteria: d.criteria.filter((c) => c.call_id === row.id),
      ...(withEvaluators && { evaluatorIds: d.evaluators.filter((e) => e.call_id === row.id).map((e) => e.user_id) }),
    }),
  )
}

/** The call as the caller may see it, or 404 (a draft is the Comune's alone). */
export async function visibleCall(db: Db, user: SessionUser | null, callId: string): Promise<Call> {
  const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst()
  if (!row || !seesCall(user, row)) throw problems.notFound('call')
  return row
}

export async function getCall(db: Kysely<Database>, user: SessionUser | null, callId: string): Promise<CallView> {
  const row = await visibleCall(db, user, callId)
  return (await viewsOf(db, [row], isAdmin(user)))[0]
}

export async function listCalls(db: Kysely<Database>, user: SessionUser | null, filter: CallsFilter) {
  let q = db.selectFrom('calls')
  if (!isAdmin(user)) q = q.where('status', '<>', 'draft')
  // 'open' and 'closed' are derived from the deadline for stored 'open' calls
  if (filter.status === 'open') q = q.where('status', '=', 'open').where('closes_at', '>', new Date())
  else if (filter.status === 'closed')
    q = q.where((eb) => eb.or([eb('status', '=', 'closed'), eb.and([eb('status', '=', 'open'), eb('closes_at', '<=', new Date())])]))
  else if (filter.status) q = q.where('status', '=', filter.status)
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('closes_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute()
  return { calls: await viewsOf(db, rows, isAdmin(user)), total: Number(total) }
}

interface Period {
  opensAt: Date
  closesAt: Date
}

function periodOf(input: { opensAt?: string; closesAt?: string }, current?: Period): Period {
  const errors: FieldError[] = []
  const opens = input.opensAt === undefined ? current?.opensAt : parseInstant(input.opensAt)?.toJSDate()
  const closes = input.closesAt === undefined ? current?.closesAt : parseInstant(input.closesAt)?.toJSDate()
  if (!opens) errors.push({ path: 'opensAt', message: callText.invalidInstant() })
  if (!closes) errors.push({ path: 'closesAt', message: callText.invalidInstant() })
  if (opens && closes && closes <= opens) errors.push({ path: 'closesAt', message: callText.closesBeforeOpens() })
  if (errors.length > 0) throw problems.validation(errors)
  return { opensAt: opens!, closesAt: closes! }
}

function assertMoney(budgetCents: number, maxFundingCents: number) {
  if (maxFundingCents > budgetCents) throw problems.validation([{ path: 'maxFundingCents', message: callText.maxOverBudget() }])
}

async function assertAreasExist(db: Db, areaIds: string[]) {
  if (areaIds.length === 0) return
  const found = await db.selectFrom('areas').select('id').where('id', 'in', areaIds).execute()
  const missing = areaIds.filter((id) => !found.some((f) => f.id === id))
  if (missing.length > 0) throw problems.validation(missing.map((id) => ({ path: 'areaIds', message: callText.unknownArea({ id }) })))
}

async function assertEvaluators(db: Db, userIds: string[]) {
  if (userIds.length === 0) return
  const found = await db.selectFrom('users').select(['id', 'role']).where('id', 'in', userIds).execute()
  const bad = userIds.filter((id) => !found.some((f) => f.id === id && (f.role === 'evaluator' || f.role === 'admin')))
  if (bad.length > 0) throw problems.validation(bad.map((id) => ({ path: 'evaluatorIds', message: callText.notAnEvaluator({ id }) })))
}

async function replaceAreas(trx: Transaction<Database>, callId: string, areaIds: string[]) {
  await trx.deleteFrom('call_areas').where('call_id', '=', callId).execute()
  const unique = [...new Set(areaIds)]
  if (unique.length > 0)
    await trx
      .insertInto('call_areas')
      .values(unique.map((area_id) => ({ call_id: callId, area_id })))
      .execute()
}

/**
 * Criteria as a set: those named by id are updated (a lower maximum than a score already given fails at the
 * database), new ones inserted, missing ones deleted (refused once scored).
 */
async function replaceCriteria(trx: Transaction<Database>, callId: string, criteria: CallInput['criteria']) {
  const names = criteria.map((c) => c.name.toLowerCase())
  if (new Set(names).size !== names.length) throw problems.validation([{ path: 'criteria', message: callText.duplicateCriterion() }])
  const existing = await trx.selectFrom('call_criteria').select('id').where('call_id', '=', callId).execute()
  const kept = criteria.filter((c) => c.id).map((c) => c.id!)
  const unknown = kept.filter((id) => !existing.some((e) => e.id === id))
  if (unknown.length > 0) throw problems.validation([{ path: 'criteria', message: callText.unknownCriterion() }])
  const dropped = existing.filter((e) => !kept.includes(e.id)).map((e) => e.id)
  if (dropped.length > 0) {
    const scored = await trx.selectFrom('scores').select('criterion_id').where('criterion_id', 'in', dropped).executeTakeFirst()
    if (scored) throw problems.conflict(callText.criterionScored())
    await trx.deleteFrom('call_criteria').where('id', 'in', dropped).execute()
  }
  // names are unique per call: park the kept ones under temporary names first so a swap never collides
  for (const c of criteria.filter((c) => c.id)) {
    await trx
      .updateTable('call_criteria')
      .set({ name: `~${c.id}` })
      .where('id', '=', c.id!)
      .execute()
  }
  for (const [position, c] of criteria.entries()) {
    const values = { name: c.name, weight: c.weight, max_score: c.maxScore, position }
    if (c.id) await trx.updateTable('call_criteria').set(values).where('id', '=', c.id).execute()
    else
      await trx
        .insertInto('call_criteria')
        .values({ call_id: callId, ...values })
        .execute()
  }
}

async function replaceEvaluators(trx: Transaction<Database>, callId: string, userIds: string[]) {
  const unique = [...new Set(userIds)]
  const current = await trx.selectFrom('call_evaluators').select('user_id').where('call_id', '=', callId).execute()
  const gone = current.map((c) => c.user_id).filter((id) => !unique.includes(id))
  if (gone.length > 0) {
    const worked = await trx
      .selectFrom('evaluations')
      .select('evaluator_id')
      .where('call_id', '=', callId)
      .where('evaluator_id', 'in', gone)
      .executeTakeFirst()
    if (worked) throw problems.conflict(callText.evaluatorWorked())
    await trx.deleteFrom('call_evaluators').where('call_id', '=', callId).where('user_id', 'in', gone).execute()
  }
  const added = unique.filter((id) => !current.some((c) => c.user_id === id))
  if (added.length > 0)
    await trx
      .insertInto('call_evaluators')
      .values(added.map((user_id) => ({ call_id: callId, user_id })))
      .execute()
}

export async function createCall(db: Kysely<Database>, actor: SessionUser, input: CallInput): Promise<CallView> {
  assertAdmin(actor)
  const period = periodOf(input)
  assertMoney(input.budgetCents, input.maxFundingCents)
  const row = await db.transaction().execute(async (trx) => {
    await assertAreasExist(trx, input.areaIds)
    const call = await trx
      .insertInto('calls')
      .values({
        title: input.title,
        description: input.description,
        opens_at: period.opensAt,
        closes_at: period.closesAt,
        budget_cents: input.budgetCents,
        max_funding_cents: input.maxFundingCents,
        applicant_types: [...new Set(input.applicantTypes)],
        required_documents: [...new Set(input.requiredDocuments)],
        incorporation_days: input.incorporationDays,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx.insertInto('call_protocol_counters').values({ call_id: call.id }).execute()
    await replaceAreas(trx, call.id, input.areaIds)
    await replaceCriteria(trx, call.id, input.criteria)
    await recordAudit(trx, { actorUserId: actor.id, action: 'call.created', entity: 'call', entityId: call.id, details: input })
    return call
  })
  return (await viewsOf(db, [row], true))[0]
}

/** The moves a call's status may make by PATCH; ranking and awarding have their own steps. */
const STATUS_MOVES: Record<string, string[]> = {
  draft: ['open'],
  open: ['draft', 'closed'],
  closed: [],
  ranked: ['awarded'],
  awarded: [],
}

export async function updateCall(db: Kysely<Database>, actor: SessionUser, callId: string, patch: CallPatchInput): Promise<CallView> {
  assertAdmin(actor)
  await db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom('calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst()
    if (!call) throw problems.notFound('call')
    const status = effectiveCallStatus(call)
    const period = periodOf(patch, { opensAt: call.opens_at, closesAt: call.closes_at })
    const budget = patch.budgetCents ?? call.budget_cents
    assertMoney(budget, patch.maxFundingCents ?? call.max_funding_cents)
    const committed = await trx
      .selectFrom('awards')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('funding_cents'), eb.lit(0)).as('sum'))
      .where('call_id', '=', callId)
      .where('status', '<>', 'revoked')
      .executeTakeFirstOrThrow()
    if (Number(committed.sum) > budget) throw problems.conflict(callText.budgetBelowAwards(), { reason: 'budget_exceeded' })
    if (patch.status && patch.status !== status) {
      if (patch.status === 'ranked') throw problems.conflict(callText.rankThroughRanking())
      if (!STATUS_MOVES[status]?.includes(patch.status)) throw problems.conflict(callText.statusMove({ from: status, to: patch.status }))
      if (patch.status === 'draft') {
        const any = await trx.selectFrom('applications').select('id').where('call_id', '=', callId).executeTakeFirst()
        if (any) throw problems.conflict(callText.hasApplications())
      }
    }
    if (patch.areaIds) await assertAreasExist(trx, patch.areaIds)
    if (patch.evaluatorIds) await assertEvaluators(trx, patch.evaluatorIds)
    const nextStatus = patch.status && patch.status !== status ? patch.status : undefined
    if (nextStatus === 'open' && (patch.criteria ?? (await detailsOf(trx, [callId])).criteria).length === 0) {
      throw problems.validation([{ path: 'criteria', message: callText.needsCriteria() }])
    }
    await trx
      .updateTable('calls')
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        opens_at: period.opensAt,
        closes_at: period.closesAt,
        budget_cents: budget,
        ...(patch.maxFundingCents !== undefined && { max_funding_cents: patch.maxFundingCents }),
        ...(patch.applicantTypes !== undefined && { applicant_types: [...new Set(patch.applicantTypes)] }),
        ...(patch.requiredDocuments !== undefined && { required_documents: [...new Set(patch.requiredDocuments)] }),
        ...(patch.incorporationDays !== undefined && { incorporation_days: patch.incorporationDays }),
        ...(nextStatus && { status: nextStatus }),
        updated_at: new Date(),
      })
      .where('id', '=', callId)
      .execute()
    if (patch.areaIds) await replaceAreas(trx, callId, patch.areaIds)
    if (patch.criteria) await replaceCriteria(trx, callId, patch.criteria)
    if (patch.evaluatorIds) await replaceEvaluators(trx, callId, patch.evaluatorIds)
    if (nextStatus === 'awarded') await concludeAwards(trx, callId)
    await recordAudit(trx, { actorUserId: actor.id, action: 'call.updated', entity: 'call', entityId: callId, details: patch })
  })
  return getCall(db, actor, callId)
}
