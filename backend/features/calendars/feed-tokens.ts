import { createHmac, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { hashToken } from '../auth/tokens.ts'

/**
 * Secret feed URLs. A token is HMAC-SHA256(key, "<subject>:<nonce>"): the nonce and the token's hash are stored
 * per subject ('team:<id>', 'operator:<id>'), the key once (migration 0300). So the URL can be shown again to
 * whoever may see it, the feed compares only hashes, and rotating (a new nonce) kills the old URL at once.
 * Teams also keep the hash in teams.calendar_token_hash.
 */
export type FeedSubject = { kind: 'team' | 'operator'; id: string }

const subjectKey = (s: FeedSubject) => `${s.kind}:${s.id}`

async function feedKey(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('calendar_feed_keys').select('secret').where('id', '=', 1).executeTakeFirstOrThrow()
  return row.secret
}

function derive(key: string, subject: FeedSubject, nonce: string): string {
  return createHmac('sha256', key)
    .update(`${subjectKey(subject)}:${nonce}`)
    .digest('base64url')
}

/** The subject's current token, made on first use. */
export async function currentFeedToken(db: Kysely<Database>, subject: FeedSubject): Promise<string> {
  const key = await feedKey(db)
  const existing = await db.selectFrom('calendar_feed_tokens').select('nonce').where('subject', '=', subjectKey(subject)).executeTakeFirst()
  if (existing) return derive(key, subject, existing.nonce)
  return storeNewToken(db, key, subject, false)
}

/** A new token; the previous one stops working. */
export async function rotateFeedToken(db: Kysely<Database>, subject: FeedSubject): Promise<string> {
  return storeNewToken(db, await feedKey(db), subject, true)
}

export async function feedTokenIsValid(db: Kysely<Database>, subject: FeedSubject, token: string): Promise<boolean> {
  if (!token) return false
  const hash = hashToken(token)
  if (subject.kind === 'team') {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', subject.id)
      .where('calendar_token_hash', '=', hash)
      .executeTakeFirst()
    return !!team
  }
  const row = await db
    .selectFrom('calendar_feed_tokens')
    .select('subject')
    .where('subject', '=', subjectKey(subject))
    .where('token_hash', '=', hash)
    .executeTakeFirst()
  return !!row
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
    if (subject.kind === 'team') await trx.updateTable('teams').set({ calendar_token_hash: hash }).where('id', '=', subject.id).execute()
    return token
  })
}
