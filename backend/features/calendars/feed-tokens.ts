import { createHmac, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { hashToken } from '../auth/tokens.ts'

/**
 * Secret feed URLs. A token is HMAC-SHA256(key, "<subject>:<nonce>"): the nonce and the token's hash are stored
 * per subject, the key once (migration 0300). So the URL can be shown again to whoever may see it, the feed
 * compares only hashes, and rotating (a new nonce) kills the old URL at once.
 *
 * A team's feed is per person ('team:<teamId>:<userId>'): each member (or admin) has its own URL, which works
 * only while that person may see the team (a member since before the token was made, or an admin) and the
 * account is enabled. So a person removed from the team, by any path (the team page, the Comune's
 * `PATCH /users/:id`, erasure), loses the feed at once, and the others keep theirs. An operator's feed is
 * one per operator ('operator:<id>'). The team-wide tokens of before (teams.calendar_token_hash, subjects
 * 'team:<id>') are no longer accepted: they had been shown to people who may have left since.
 */
export type FeedSubject = { kind: 'team'; id: string; userId: string } | { kind: 'operator'; id: string }
/** What a feed URL names: the person is found from the token. */
export type FeedTarget = { kind: 'team' | 'operator'; id: string }

const subjectKey = (s: FeedSubject) => (s.kind === 'team' ? `team:${s.id}:${s.userId}` : `operator:${s.id}`)

async function feedKey(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('calendar_feed_keys').select('secret').where('id', '=', 1).executeTakeFirstOrThrow()
  return row.secret
}

function derive(key: string, subject: FeedSubject, nonce: string): string {
  return createHmac('sha256', key)
    .update(`${subjectKey(subject)}:${nonce}`)
    .digest('base64url')
}

/** The subject's current token, made on first use (and anew for a person who left the team and came back). */
export async function currentFeedToken(db: Kysely<Database>, subject: FeedSubject): Promise<string> {
  const key = await feedKey(db)
  const existing = await db
    .selectFrom('calendar_feed_tokens')
    .select(['nonce', 'created_at'])
    .where('subject', '=', subjectKey(subject))
    .executeTakeFirst()
  if (existing && (subject.kind !== 'team' || (await holdsTeamFeed(db, subject.id, subject.userId, existing.created_at)))) {
    return derive(key, subject, existing.nonce)
  }
  return storeNewToken(db, key, subject, !!existing)
}

/** Whether the person may still read the team's feed with a token made at `tokenMadeAt`. */
async function holdsTeamFeed(db: Kysely<Database>, teamId: string, userId: string, tokenMadeAt: Date): Promise<boolean> {
  const person = await db
    .selectFrom('users as u')
    .leftJoin('team_members as tm', (j) => j.onRef('tm.user_id', '=', 'u.id').on('tm.team_id', '=', teamId))
    .select(['u.role', 'u.disabled_at', 'tm.created_at as member_since'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (!person || person.disabled_at) return false
  if (person.role === 'admin') return true
  // A membership newer than the token is a person who left and came back: the URL from before stays dead.
  return person.member_since !== null && person.member_since.getTime() <= tokenMadeAt.getTime()
}

/** A new token; the previous one stops working. */
export async function rotateFeedToken(db: Kysely<Database>, subject: FeedSubject): Promise<string> {
  return storeNewToken(db, await feedKey(db), subject, true)
}

export async function feedTokenIsValid(db: Kysely<Database>, target: FeedTarget, token: string): Promise<boolean> {
  if (!token) return false
  const row = await db
    .selectFrom('calendar_feed_tokens')
    .select(['subject', 'created_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return false
  if (target.kind === 'operator') return row.subject === `operator:${target.id}`
  const prefix = `team:${target.id}:`
  if (!row.subject.startsWith(prefix)) return false
  return holdsTeamFeed(db, target.id, row.subject.slice(prefix.length), row.created_at)
}

async function storeNewToken(db: Kysely<Database>, key: string, subject: FeedSubject, replace: boolean): Promise<string> {
  const nonce = randomBytes(16).toString('base64url')
  const token = derive(key, subject, nonce)
  const hash = hashToken(token)
  return db.transaction().execute(async (trx) => {
    const written = await trx
      .insertInto('calendar_feed_tokens')
      .values({ subject: subjectKey(subject), nonce, token_hash: hash })
      .onConflict((oc) =>
        replace ? oc.column('subject').doUpdateSet({ nonce, token_hash: hash, created_at: new Date() }) : oc.column('subject').doNothing(),
      )
      .returning('nonce')
      .executeTakeFirst()
    if (!written) {
      // another request made the first token meanwhile: use that one
      const existing = await trx
        .selectFrom('calendar_feed_tokens')
        .select('nonce')
        .where('subject', '=', subjectKey(subject))
        .executeTakeFirstOrThrow()
      return derive(key, subject, existing.nonce)
    }
    return token
  })
}
