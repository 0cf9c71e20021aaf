import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { canSeeTeam, isAdmin, mayManageTeamMembers, visibleTeamIds } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { http } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { type TeamView, toTeam, toTeamMember } from './mappers.ts'
import { m } from './messages.ts'
import { findTeam, listTeams, membersOf } from './queries.ts'
import type { MemberInput, TeamInput, TeamPatchInput, TeamsFilter } from './schemas.ts'

/** The team, or 404 when it does not exist or the caller may not see it. */
export async function visibleTeam(db: Kysely<Database>, user: SessionUser, teamId: string) {
  const team = await findTeam(db, teamId)
  if (!team || !(await canSeeTeam(db, user, teamId))) throw problems.notFound('team')
  return team
}

export async function listVisibleTeams(db: Kysely<Database>, user: SessionUser, filter: TeamsFilter) {
  const only = await visibleTeamIds(db, user)
  const { rows, total } = await listTeams(db, filter, only)
  return { teams: rows.map(toTeam), total }
}

export async function getTeam(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<TeamView> {
  return toTeam(await visibleTeam(db, user, teamId))
}

function assertAdmin(user: SessionUser) {
  if (!isAdmin(user)) throw problems.forbidden(http.onlyComune())
}

export async function createTeam(db: Kysely<Database>, actor: SessionUser, input: TeamInput): Promise<TeamView> {
  assertAdmin(actor)
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('teams')
      .values({
        name: input.name,
        legal_status: input.legalStatus,
        contact_email: input.contactEmail,
        call_reference: input.callReference ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: actor.id, action: 'team.created', entity: 'team', entityId: row.id, details: input })
    return toTeam(row)
  })
}

export async function updateTeam(db: Kysely<Database>, actor: SessionUser, teamId: string, patch: TeamPatchInput): Promise<TeamView> {
  await visibleTeam(db, actor, teamId)
  assertAdmin(actor)
  return db.transaction().execute(async (trx) => {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.legalStatus !== undefined && { legal_status: patch.legalStatus }),
      ...(patch.contactEmail !== undefined && { contact_email: patch.contactEmail }),
      ...(patch.callReference !== undefined && { call_reference: patch.callReference }),
    }
    if (Object.keys(set).length > 0) {
      await trx.updateTable('teams').set(set).where('id', '=', teamId).execute()
      await recordAudit(trx, { actorUserId: actor.id, action: 'team.updated', entity: 'team', entityId: teamId, details: patch })
    }
    return toTeam((await findTeam(trx, teamId))!)
  })
}

export async function listMembers(db: Kysely<Database>, user: SessionUser, teamId: string) {
  await visibleTeam(db, user, teamId)
  return (await membersOf(db, teamId)).map(toTeamMember)
}

/** Who may change a team's membership: the Comune, or a member of that team adding or removing a colleague. */
export async function assertCanManageMembers(db: Kysely<Database>, actor: SessionUser, teamId: string) {
  await visibleTeam(db, actor, teamId)
  if (!(await mayManageTeamMembers(db, actor, teamId))) throw problems.forbidden(m.onlyComuneOrMember())
}

/**
 * The Comune links the person to the team directly, creating the account when it does not exist yet (role
 * member, no password: it signs in with an emailed link). `created` tells whether the membership is new.
 * A member adding someone sends an invitation instead (invitations.ts).
 */
export async function addMember(db: Kysely<Database>, actor: SessionUser, teamId: string, input: MemberInput) {
  await assertCanManageMembers(db, actor, teamId)
  return db.transaction().execute(async (trx) => {
    let user = await trx.selectFrom('users').select(['id', 'email', 'name', 'role']).where('email', '=', input.email).executeTakeFirst()
    if (user && user.role !== 'member') {
      throw problems.conflict(m.staffCannotJoin(), {
        errors: [{ path: 'email', message: m.staffAccount() }],
      })
    }
    if (!user) {
      if (!input.name) throw problems.validation([{ path: 'name', message: m.nameNeeded() }])
      user = await trx
        .insertInto('users')
        .values({ email: input.email, name: input.name, role: 'member', password_hash: null, operator_id: null })
        .returning(['id', 'email', 'name', 'role'])
        .executeTakeFirstOrThrow()
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: 'user.created',
        entity: 'user',
        entityId: user.id,
        details: { role: 'member', teamId },
      })
    }
    const linked = await trx
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: user.id })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    if (linked) {
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: 'team.member_added',
        entity: 'team',
        entityId: teamId,
        details: { userId: user.id },
      })
    }
    return { member: toTeamMember(user), created: !!linked }
  })
}

export async function removeMember(db: Kysely<Database>, actor: SessionUser, teamId: string, userId: string) {
  await assertCanManageMembers(db, actor, teamId)
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('team_members')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst()
    if (!removed) throw problems.notFound('teamMember')
    await recordAudit(trx, { actorUserId: actor.id, action: 'team.member_removed', entity: 'team', entityId: teamId, details: { userId } })
  })
  // The person's own feed URL of the team stops working by itself (feed-tokens.ts): it needs the membership.
}
