import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * Everything the service holds about one person (GDPR art. 15 and 20), as JSON: the account (every column
 * but the password hash, so a column a feature adds, such as the codice fiscale, is included by itself),
 * team memberships, sessions and sign-in links (when, never the secrets), the bookings, series and waiting
 * requests the person made, the changes the audit log ascribes to them, the sign-in failures under their
 * email and the messages sent to them.
 */
export async function exportPersonalData(db: Kysely<Database>, userId: string) {
  const account = await sql<Record<string, unknown>>`select * from users where id = ${userId}`.execute(db)
  const user = account.rows[0]
  if (!user) return null
  const { password_hash, ...profile } = user
  const email = String(user.email)
  const [teams, sessions, signInLinks, bookings, series, waitlist, audit, failures, messages] = await Promise.all([
    db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['teams.id', 'teams.name', 'team_members.created_at as joinedAt'])
      .where('team_members.user_id', '=', userId)
      .execute(),
    db.selectFrom('sessions').select(['created_at as createdAt', 'expires_at as expiresAt']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('magic_links')
      .select(['created_at as createdAt', 'expires_at as expiresAt', 'used_at as usedAt'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('bookings')
      .select([
        'id',
        'lab_id as labId',
        'team_id as teamId',
        'title',
        sql<Date>`lower(during)`.as('start'),
        sql<Date>`upper(during)`.as('end'),
        'status',
        'created_at as createdAt',
      ])
      .where('created_by', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('booking_series')
      .select(['id', 'lab_id as labId', 'team_id as teamId', 'title', 'rrule', 'created_at as createdAt'])
      .where('created_by', '=', userId)
      .execute(),
    db
      .selectFrom('waitlist')
      .select(['id', 'lab_id as labId', 'team_id as teamId', 'status', 'created_at as createdAt'])
      .where('requested_by', '=', userId)
      .execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'entity', 'entity_id as entityId'])
      .where('actor_user_id', '=', userId)
      .orderBy('at')
      .execute(),
    db.selectFrom('login_failures').select(['at']).where('key', '=', `email:${email}`).execute(),
    db
      .selectFrom('outbox')
      .select(['kind', 'subject', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
      .where('recipient', '=', email)
      .orderBy('created_at')
      .execute(),
  ])
  return {
    exportedAt: new Date().toISOString(),
    account: { ...profile, hasPassword: password_hash !== null },
    teams,
    sessions,
    signInLinks,
    bookings,
    bookingSeries: series,
    waitlist,
    auditTrail: audit,
    signInFailures: failures,
    emails: messages,
  }
}
