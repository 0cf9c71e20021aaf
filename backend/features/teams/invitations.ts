import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { AppError, problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { hashToken, newToken } from '../auth/tokens.ts'
import { m } from './messages.ts'

/**
 * Invitations to join a team. A member adding an email never learns anything about it: the answer is the
 * same whatever the email (an account, a staff account, nobody), nothing is looked up, and the person joins
 * only by accepting through the emailed link, signed in with that email or signing up with it.
 */
export const INVITATION_DAYS = 7
/** Invitations one team may send in a day: enough for a team, not a spam relay. */
export const INVITATIONS_PER_DAY = 30

export interface InvitationView {
  id: string
  email: string
  createdAt: string
  expiresAt: string
  invitedBy: string | null
}

/** Creates (or renews) the invitation and writes its email to the outbox. */
export async function inviteToTeam(
  db: Kysely<Database>,
  publicUrl: string,
  actor: SessionUser,
  teamId: string,
  email: string,
): Promise<{ status: 'invited'; email: string; expiresAt: string }> {
  const now = new Date()
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000)
  const sentToday = await db
    .selectFrom('team_invitations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('team_id', '=', teamId)
    .where('created_at', '>', new Date(now.getTime() - 86_400_000))
    .executeTakeFirstOrThrow()
  if (Number(sentToday.n) >= INVITATIONS_PER_DAY) throw problems.tooManyRequests(3600)
  const { token, hash } = newToken()
  await db.transaction().execute(async (trx) => {
    // A new invitation to the same email replaces the one still pending: only the latest link works.
    await trx
      .updateTable('team_invitations')
      .set({ revoked_at: now })
      .where('team_id', '=', teamId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    const row = await trx
      .insertInto('team_invitations')
      .values({ team_id: teamId, email, token_hash: hash, invited_by: actor.id, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'team.member_invited',
      entity: 'team',
      entityId: teamId,
      details: { invitationId: row.id },
    })
    await notify(trx, {
      type: 'team.invitation',
      invitationId: row.id,
      url: `${publicUrl}/invitations/accept?token=${token}`,
      days: INVITATION_DAYS,
    })
  })
  return { status: 'invited', email, expiresAt: expiresAt.toISOString() }
}

/** The team's pending invitations, newest first. */
export async function pendingInvitations(db: Kysely<Database>, teamId: string): Promise<InvitationView[]> {
  const rows = await db
    .selectFrom('team_invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.id', 'i.email', 'i.created_at', 'i.expires_at', 'u.name as invited_by'])
    .where('i.team_id', '=', teamId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .orderBy('i.created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    invitedBy: r.invited_by,
  }))
}

export async function revokeInvitation(db: Kysely<Database>, actor: SessionUser, teamId: string, invitationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('team_invitations as i')
      .set({ revoked_at: new Date() })
      .where('i.id', '=', invitationId)
      .where('i.team_id', '=', teamId)
      .where('i.accepted_at', 'is', null)
      .where('i.revoked_at', 'is', null)
      .where('i.expires_at', '>', new Date())
      .returning('i.id')
      .executeTakeFirst()
    if (!revoked) throw problems.notFound('invitation')
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'team.invitation_revoked',
      entity: 'team',
      entityId: teamId,
      details: { invitationId },
    })
  })
}

/** A pending invitation by its token, or 404 (unknown, used, revoked and expired tokens look the same). */
async function pendingByToken(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('team_invitations as i')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select(['i.id', 'i.team_id', 'i.email', 'i.expires_at', 't.name as team_name'])
    .where('i.token_hash', '=', hashToken(token))
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .executeTakeFirst()
  if (!row) throw problems.notFound('invitation')
  return row
}

/** What the accept page shows to whoever holds the link (the invitee: the link went to that mailbox). */
export async function lookupInvitation(db: Kysely<Database>, token: string) {
  const row = await pendingByToken(db, token)
  const account = await db.selectFrom('users').select('id').where('email', '=', row.email).executeTakeFirst()
  return { teamId: row.team_id, teamName: row.team_name, email: row.email, expiresAt: row.expires_at.toISOString(), hasAccount: !!account }
}

/**
 * Accepts the invitation. Signed in: the account's email must be the invited one. Signed out: the link
 * proves the mailbox, so a person with no account yet signs up with it (a member without password, who
 * signs in by link later); an existing account must sign in first. Returns the account that joined.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  user: SessionUser | null,
  token: string,
  name: string | undefined,
): Promise<{ teamId: string; teamName: string; userId: string; created: boolean }> {
  const invitation = await pendingByToken(db, token)
  return db.transaction().execute(async (trx) => {
    let account = await trx
      .selectFrom('users')
      .select(['id', 'email', 'role', 'disabled_at'])
      .where('email', '=', invitation.email)
      .executeTakeFirst()
    let created = false
    if (user) {
      if (!account || account.id !== user.id) throw new AppError('forbidden', m.invitationForAnother(), { reason: 'other_account' })
    } else if (account) {
      throw new AppError('unauthorized', m.invitationSignInFirst(), { reason: 'sign_in_first' })
    } else {
      if (!name) throw problems.validation([{ path: 'name', message: m.nameNeeded() }])
      account = await trx
        .insertInto('users')
        .values({ email: invitation.email, name, role: 'member', password_hash: null, operator_id: null })
        .returning(['id', 'email', 'role', 'disabled_at'])
        .executeTakeFirstOrThrow()
      created = true
      await recordAudit(trx, {
        actorUserId: account.id,
        action: 'user.created',
        entity: 'user',
        entityId: account.id,
        details: { role: 'member', invitationId: invitation.id },
      })
    }
    if (account.disabled_at) throw new AppError('forbidden', m.invitationForAnother(), { reason: 'other_account' })
    if (account.role !== 'member') throw problems.conflict(m.staffCannotJoin())
    const used = await trx
      .updateTable('team_invitations')
      .set({ accepted_at: new Date(), accepted_by: account.id })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!used) throw problems.notFound('invitation')
    const linked = await trx
      .insertInto('team_members')
      .values({ team_id: invitation.team_id, user_id: account.id })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    if (linked) {
      await recordAudit(trx, {
        actorUserId: account.id,
        action: 'team.member_added',
        entity: 'team',
        entityId: invitation.team_id,
        details: { userId: account.id, invitationId: invitation.id },
      })
    }
    return { teamId: invitation.team_id, teamName: invitation.team_name, userId: account.id, created }
  })
}
