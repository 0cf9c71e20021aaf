import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { assertMayReadRanking, isAdmin } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { visibleCall } from './calls.ts'
import { effectiveCallStatus } from './mappers.ts'
import { rankingText } from './messages.ts'
import { type RankingApplication, type RankingRow, rankApplications } from './ranking.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The ranking of a call's submitted applications, as ranking.ts rules it, with what the public may read. */
export async function computeRanking(db: Db, callId: string) {
  const [criteria, apps, evaluations, scores] = await Promise.all([
    db.selectFrom('call_criteria').select(['id', 'weight', 'position']).where('call_id', '=', callId).execute(),
    db
      .selectFrom('applications')
      .select(['id', 'protocol_number', 'status', 'title', 'organisation_name', 'applicant_type', 'requested_funding_cents'])
      .where('call_id', '=', callId)
      .where('status', '<>', 'draft')
      .execute(),
    db.selectFrom('evaluations').select(['application_id', 'evaluator_id', 'conflict_of_interest']).where('call_id', '=', callId).execute(),
    db.selectFrom('scores').select(['application_id', 'evaluator_id', 'criterion_id', 'score']).where('call_id', '=', callId).execute(),
  ])
  const input: RankingApplication[] = apps.map((a) => ({
    id: a.id,
    protocolNumber: a.protocol_number!,
    admissible: a.status !== 'submitted' && a.status !== 'excluded',
    evaluations: evaluations
      .filter((e) => e.application_id === a.id)
      .map((e) => ({
        evaluatorId: e.evaluator_id,
        conflictOfInterest: e.conflict_of_interest,
        scores: Object.fromEntries(
          scores.filter((s) => s.application_id === a.id && s.evaluator_id === e.evaluator_id).map((s) => [s.criterion_id, s.score]),
        ),
      })),
  }))
  const rows = rankApplications(criteria, input)
  return { rows, apps }
}

/** What the ranking shows of each application: no natural person's data (promoters, applicant) ever. */
function withProject(rows: RankingRow[], apps: Awaited<ReturnType<typeof computeRanking>>['apps']) {
  return rows.map((r) => {
    const a = apps.find((x) => x.id === r.applicationId)!
    return {
      ...r,
      protocolNumber: a.protocol_number,
      title: a.title,
      organisationName: a.organisation_name,
      applicantType: a.applicant_type,
      requestedFundingCents: a.requested_funding_cents,
      status: a.status,
    }
  })
}

/** Public once the call is ranked; before that the Comune's and its evaluators'. */
export async function getRanking(db: Kysely<Database>, user: SessionUser | null, callId: string) {
  const call = await visibleCall(db, user, callId)
  await assertMayReadRanking(db, user, call)
  const { rows, apps } = await computeRanking(db, callId)
  return withProject(rows, apps)
}

/**
 * Publishes the ranking: after the deadline, once every application is admitted or excluded and every
 * admitted one is fully scored. Ranked applications move to `ranked` and their applicants hear of it.
 */
export async function publishRanking(db: Kysely<Database>, admin: SessionUser, callId: string) {
  if (!isAdmin(admin)) throw problems.forbidden()
  await db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom('calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst()
    if (!call) throw problems.notFound('call')
    if (effectiveCallStatus(call) !== 'closed') throw problems.conflict(rankingText.notClosed(), { reason: 'call_not_closed' })
    const { rows, apps } = await computeRanking(trx, callId)
    if (apps.some((a) => a.status === 'submitted')) throw problems.conflict(rankingText.undecided(), { reason: 'admissibility_pending' })
    if (apps.some((a) => a.status === 'admissible')) throw problems.conflict(rankingText.unscored(), { reason: 'scoring_pending' })
    await trx
      .updateTable('calls')
      .set({ status: 'ranked', ranked_at: new Date(), updated_at: new Date() })
      .where('id', '=', callId)
      .execute()
    for (const r of rows.filter((r) => r.rank !== null)) {
      await trx.updateTable('applications').set({ status: 'ranked', updated_at: new Date() }).where('id', '=', r.applicationId).execute()
      await notify(trx, { type: 'call.application', applicationId: r.applicationId, step: 'ranked', rank: r.rank })
    }
    await recordAudit(trx, { actorUserId: admin.id, action: 'call.ranked', entity: 'call', entityId: callId, details: { rows } })
  })
  return getRanking(db, admin, callId)
}
