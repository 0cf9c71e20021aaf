import type { Kysely } from 'kysely'
import { precompiled } from '../../../db/precompiled.ts'
import type { Database } from '../../../db/schema.ts'
import type { SessionUser } from '../../http/context.ts'
import { hashToken, newToken } from './tokens.ts'

export const SESSION_COOKIE = 'sc_session'
export const SESSION_DAYS = 14

/** A new session of the user; `idToken` when it was opened through OpenID Connect (for RP-initiated logout). */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  idToken: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  // Forget the user's expired sessions while we are here; the table stays small without a job.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', new Date()).execute()
  await db.insertInto('sessions').values({ token_hash: hash, user_id: userId, expires_at: expiresAt, id_token: idToken }).execute()
  return { token, expiresAt }
}

/** The signed-in user of a session, on every request: built and compiled once (db/precompiled.ts). */
const sessionUser = precompiled((db, a: { tokenHash: string; now: Date }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.operator_id', 'users.locale'])
    .where('sessions.token_hash', '=', a.tokenHash)
    .where('sessions.expires_at', '>', a.now)
    .where('users.disabled_at', 'is', null),
)

export async function findSessionUser(db: Kysely<Database>, token: string): Promise<SessionUser | null> {
  const [row] = await sessionUser(db, { tokenHash: hashToken(token), now: new Date() })
  if (!row) return null
  return { id: row.id, email: row.email, name: row.name, role: row.role, operatorId: row.operator_id, locale: row.locale }
}

/** Ends the session; answers the ID token it was opened with, if any (to end the provider's session too). */
export async function deleteSession(db: Kysely<Database>, token: string): Promise<{ idToken: string | null } | undefined> {
  return db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).returning('id_token as idToken').executeTakeFirst()
}
