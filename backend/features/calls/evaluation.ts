import type { Kysely, Transaction } from 'kysely'
import type { Application, Call, Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isAdmin, mayScore } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { type FieldError, problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { visibleApplication } from './applications.ts'
import { effectiveCallStatus } from './mappers.ts'
import { applicationText } from './messages.ts'
import type { ScoresInput } from './schemas.ts'

/**
 * Evaluation: admissibility first (eligible applicant, documents present), decided by the Comune with the
 * automatic checks as its aid; then each assigned evaluator declares no conflict of interest (or abstains)
 * and scores every criterion within its maximum.
 */

export interface AdmissibilityCheck {
  rule: 'eligible_applicant' | 'documents_present' | 'tax_code' | 'commitment_to_incorporate' | 'funding_within_maximum'
  ok: boolean
}

/** The checks an application must pass to be admissible, computed from the call's rules. Pure. */
export function admissibilityChecks(
  call: Pick<Call, 'applicant_types' | 'required_documents' | 'max_funding_cents'>,
  app: Pick<Application, 'applicant_type' | 'tax_code' | 'commit_to_incorporate' | 'requested_funding_cents'>,
  attachmentKinds: string[],
): AdmissibilityCheck[] {
  const checks: AdmissibilityCheck[] = [
    { rule: 'eligible_applicant', ok: call.applicant_types.includes(app.applicant_type) },
    { rule: 'documents_present', ok: call.required_documents.every((k) => attachmentKinds.includes(k)) },
    { rule: 'funding_within_maximum', ok: app.requested_funding_cents <= call.max_funding_cents },
  ]
  if (app.applicant_type === 'informal') checks.push({ rule: 'commitment_to_incorporate', ok: app.commit_to_incorporate })
  else checks.push({ rule: 'tax_code', ok: app.tax_code !== null })
  return checks
}

async function callOf(db: Kysely<Database> | Transaction<Database>, callId: string) {
  return db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow()
}

export async function getAdmissibility(db: Kysely<Database>, user: SessionUser, applicationId: string) {
  const { row } = await visibleApplication(db, user, applicationId)
  const call = await callOf(db, row.call_id)
  const kinds = await db.selectFrom('application_attachments').select('kind').where('application_id', '=', applicationId).execute()
  const checks = admissibilityChecks(
    call,
    row,
    kinds.map((k) => k.kind),
  )
  const decided = row.status === 'submitted' ? null : row.status !== 'excluded'
  return { checks, suggested: checks.every((c) => c.ok), admissible: row.status === 'draft' ? null : decided, reason: row.exclusion_reason }
}

/** The Comune admits or excludes (with its reason) a submitted application, until the ranking is published. */
export async function decideAdmissibility(
  db: Kysely<Database>,
  admin: SessionUser,
  applicationId: string,
  decision: { admissible: boolean; reason?: string },
) {
  if (!isAdmin(admin)) throw problems.forbidden()
  await db.transaction().execute(async (trx) => {
    const { row } = await visibleApplication(trx, admin, applicationId, true)
    if (row.status === 'draft') throw problems.conflict(applicationText.notSubmitted())
    if (!['submitted', 'admissible', 'excluded', 'scored'].includes(row.status)) throw problems.conflict(applicationText.alreadyDecided())
    const call = await callOf(trx, row.call_id)
    if (call.status === 'ranked' || call.status === 'awarded') throw problems.conflict(applicationText.alreadyDecided())
    const status = decision.admissible ? ((await isFullyScored(trx, row.id, row.call_id)) ? 'scored' : 'admissible') : 'excluded'
    await trx
      .updateTable('applications')
      .set({
        status,
        exclusion_reason: decision.admissible ? null : decision.reason!,
        admissibility_checked_by: admin.id,
        admissibility_checked_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', applicationId)
      .execute()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: decision.admissible ? 'application.admitted' : 'application.excluded',
      entity: 'application',
      entityId: applicationId,
      details: decision,
    })
    const was = row.status === 'excluded' ? 'excluded' : row.status === 'submitted' ? null : 'admissible'
    const now = decision.admissible ? 'admissible' : 'excluded'
    if (was !== now) await notify(trx, { type: 'call.application', applicationId, step: now })
  })
  return getAdmissibility(db, admin, applicationId)
}

/**
 * Every assigned evaluator either abstained or scored every criterion, and at least one scored.
 * (An application with no complete evaluation cannot be ranked.)
 */
async function isFullyScored(trx: Transaction<Database>, applicationId: string, callId: string): Promise<boolean> {
  const [evaluators, criteria, evaluations, scores] = await Promise.all([
    trx.selectFrom('call_evaluators').select('user_id').where('call_id', '=', callId).execute(),
    trx.selectFrom('call_criteria').select('id').where('call_id', '=', callId).execute(),
    trx.selectFrom('evaluations').select(['evaluator_id', 'conflict_of_interest']).where('application_id', '=', applicationId).execute(),
    trx.selectFrom('scores').select('evaluator_id').where('application_id', '=', applicationId).execute(),
  ])
  let complete = 0
  for (const { user_id } of evaluators) {
    const e = evaluations.find((x) => x.evaluator_id === user_id)
    if (!e) return false
    if (e.conflict_of_interest) continue
    if (scores.filter((s) => s.evaluator_id === user_id).length < criteria.length) return false
    complete += 1
  }
  return complete > 0
}

/**
 * The evaluator's work on one application, replaced whole: the declaration, the comment, the scores.
 * An admin who scores joins the call's evaluators. Scores are given between the deadline and the ranking.
 */
export async function putScores(db: Kysely<Database>, user: SessionUser, applicationId: string, input: ScoresInput) {
  if (!mayScore(user)) throw problems.forbidden()
  await db.transaction().execute(async (trx) => {
    const { row } = await visibleApplication(trx, user, applicationId, true)
    if (row.status === 'draft') throw problems.notFound('application')
    const call = await callOf(trx, row.call_id)
    if (effectiveCallStatus(call) !== 'closed') throw problems.conflict(applicationText.scoringClosed(), { reason: 'scoring_closed' })
    if (row.status !== 'admissible' && row.status !== 'scored')
      throw problems.conflict(applicationText.notAdmissible(), { reason: 'not_admissible' })
    const criteria = await trx.selectFrom('call_criteria').select(['id', 'max_score']).where('call_id', '=', row.call_id).execute()
    const errors: FieldError[] = []
    const seen = new Set<string>()
    for (const [i, s] of input.scores.entries()) {
      const criterion = criteria.find((c) => c.id === s.criterionId)
      if (!criterion) errors.push({ path: `scores.${i}.criterionId`, message: applicationText.unknownCriterion() })
      else if (s.score > criterion.max_score)
        errors.push({ path: `scores.${i}.score`, message: applicationText.overMax({ max: criterion.max_score }) })
      if (seen.has(s.criterionId)) errors.push({ path: `scores.${i}.criterionId`, message: applicationText.duplicateCriterion() })
      seen.add(s.criterionId)
    }
    if (errors.length > 0) throw problems.validation(errors)
    if (isAdmin(user)) {
      await trx
        .insertInto('call_evaluators')
        .values({ call_id: row.call_id, user_id: user.id })
        .onConflict((oc) => oc.columns(['call_id', 'user_id']).doNothing())
        .execute()
    }
    await trx.deleteFrom('scores').where('application_id', '=', applicationId).where('evaluator_id', '=', user.id).execute()
    await trx
      .insertInto('evaluations')
      .values({
        application_id: applicationId,
        call_id: row.call_id,
        evaluator_id: user.id,
        conflict_of_interest: input.conflictOfInterest,
        comment: input.comment ?? null,
      })
      .onConflict((oc) =>
        oc.columns(['application_id', 'evaluator_id']).doUpdateSet({
          conflict_of_interest: input.conflictOfInterest,
          comment: input.comment ?? null,
          updated_at: new Date(),
        }),
      )
      .execute()
    if (input.scores.length > 0) {
      await trx
        .insertInto('scores')
        .values(
          input.scores.map((s) => ({
            application_id: applicationId,
            call_id: row.call_id,
            evaluator_id: user.id,
            criterion_id: s.criterionId,
            score: s.score,
            max_score: criteria.find((c) => c.id === s.criterionId)!.max_score,
          })),
        )
        .execute()
    }
    const status = (await isFullyScored(trx, applicationId, row.call_id)) ? 'scored' : 'admissible'
    if (status !== row.status)
      await trx.updateTable('applications').set({ status, updated_at: new Date() }).where('id', '=', applicationId).execute()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'application.scored',
      entity: 'application',
      entityId: applicationId,
      details: { conflictOfInterest: input.conflictOfInterest, scores: input.scores },
    })
  })
  return getOwnEvaluation(db, user, applicationId)
}

/** The caller's own declaration and scores on the application (evaluators never see each other's). */
export async function getOwnEvaluation(db: Kysely<Database>, user: SessionUser, applicationId: string) {
  await visibleApplication(db, user, applicationId)
  const evaluation = await db
    .selectFrom('evaluations')
    .select(['conflict_of_interest', 'comment'])
    .where('application_id', '=', applicationId)
    .where('evaluator_id', '=', user.id)
    .executeTakeFirst()
  // in the call's order of criteria, as the form shows them
  const scores = await db
    .selectFrom('scores')
    .innerJoin('call_criteria as cc', 'cc.id', 'scores.criterion_id')
    .select(['scores.criterion_id', 'scores.score'])
    .where('scores.application_id', '=', applicationId)
    .where('scores.evaluator_id', '=', user.id)
    .orderBy('cc.position')
    .orderBy('cc.id')
    .execute()
  return {
    conflictOfInterest: evaluation?.conflict_of_interest ?? null,
    comment: evaluation?.comment ?? null,
    scores: scores.map((s) => ({ criterionId: s.criterion_id, score: s.score })),
  }
}
