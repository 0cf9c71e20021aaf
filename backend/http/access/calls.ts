import type { Kysely, Transaction } from 'kysely'
import type { Application, Call, Database } from '../../../db/schema.ts'
import type { Audience } from '../../features/calls/application-views.ts'
import { applicationText, rankingText } from '../../features/calls/messages.ts'
import type { SessionUser } from '../context.ts'
import { problems } from '../problem.ts'
import { isAdmin } from './people.ts'
import { isTeamMember } from './teams.ts'

/**
 * Calls (bandi): the Comune reads and writes every call; anyone reads a call that is not a draft. An
 * evaluator is assigned to calls (`call_evaluators`): it reads and scores their submitted applications and
 * reads their ranking before it is published.
 */

type Db = Kysely<Database> | Transaction<Database>

/** A draft call exists only for the Comune. */
export function seesCall(user: SessionUser | null, call: Pick<Call, 'status'>): boolean {
  return call.status !== 'draft' || isAdmin(user)
}

/** Whether the person is one of the call's evaluators. */
export async function isCallEvaluator(db: Db, user: SessionUser | null, callId: string): Promise<boolean> {
  if (user?.role !== 'evaluator') return false
  const row = await db
    .selectFrom('call_evaluators')
    .select('user_id')
    .where('call_id', '=', callId)
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  return !!row
}

/** Who is looking at an application, or null when they may not (then it does not exist for them: 404). */
export async function applicationAudience(
  db: Db,
  user: SessionUser,
  app: Pick<Application, 'applicant_user_id' | 'call_id' | 'status'>,
): Promise<Audience | null> {
  if (isAdmin(user)) return 'admin'
  if (app.applicant_user_id === user.id) return 'applicant'
  if (app.status !== 'draft' && (await isCallEvaluator(db, user, app.call_id))) return 'evaluator'
  return null
}

/** Who reads a call's submitted applications: the Comune, or the call's evaluators; anyone else 403. */
export async function callApplicationsAudience(db: Db, user: SessionUser, callId: string): Promise<Audience> {
  if (isAdmin(user)) return 'admin'
  if (await isCallEvaluator(db, user, callId)) return 'evaluator'
  throw problems.forbidden(applicationText.notAssigned())
}

/** Who scores: evaluators and the Comune (an admin who scores joins the call's evaluators). */
export function mayScore(user: SessionUser): boolean {
  return user.role === 'evaluator' || isAdmin(user)
}

/** A ranking is public once the call is ranked; before that the Comune's and the call's evaluators'. */
export async function assertMayReadRanking(db: Db, user: SessionUser | null, call: Pick<Call, 'id' | 'status'>) {
  if (call.status === 'ranked' || call.status === 'awarded') return
  if (isAdmin(user) || (await isCallEvaluator(db, user, call.id))) return
  throw user ? problems.forbidden(rankingText.notPublic()) : problems.unauthorized(rankingText.notPublic())
}

/** Who sees an award: the Comune, the applicant, the team's members. */
export async function seesAward(db: Db, user: SessionUser, award: { applicant_user_id: string; team_id: string }): Promise<boolean> {
  return isAdmin(user) || award.applicant_user_id === user.id || isTeamMember(db, user.id, award.team_id)
}
