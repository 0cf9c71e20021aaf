import { type Insertable, type Kysely, type QueryCreator, sql, type Transaction } from 'kysely'
import type { Database, IdempotencyKeysTable } from '../../../db/schema.ts'
import { problems } from '../../http/problem.ts'
import { m } from './messages.ts'

/**
 * `Idempotency-Key`: the same user and key within 24 hours get the first answer again (same status,
 * same body) and nothing new is stored. The key's row is written in the statement (or transaction) that
 * stores the bookings, so two concurrent requests with one key cannot both book: the second waits on the
 * primary key and then finds the first answer.
 */

export const IDEMPOTENCY_HOURS = 24

export interface StoredAnswer {
  status: number
  body: unknown
}

/** The header's value, validated; undefined when absent. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const key = header.trim()
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw problems.validation([{ path: 'Idempotency-Key', message: m.idempotencyKeyField() }], m.idempotencyKeyInvalid())
  }
  return key
}

export async function findAnswer(db: Kysely<Database> | Transaction<Database>, userId: string, key: string): Promise<StoredAnswer | null> {
  const row = await keptAnswer(db, userId, key).executeTakeFirst()
  return row ? { status: row.status_code, body: row.response } : null
}

/** The answer kept under the user's key, while it holds (IDEMPOTENCY_HOURS). */
export function keptAnswer(db: QueryCreator<Database>, userId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['status_code', 'response'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where(sql<boolean>`created_at > now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
}

/**
 * Forgets the user's key once expired, so that it can be used again: a CTE of the statement that looks for its
 * answer (keptAnswer; the two see the same snapshot, so the answer is found only while it holds).
 */
export function forgetExpired(db: QueryCreator<Database>, userId: string, key: string) {
  return db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where(sql<boolean>`created_at <= now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
}

/** Inside the transaction of the change: a concurrent twin fails on the primary key (23505). */
export async function saveAnswer(
  db: Kysely<Database> | Transaction<Database>,
  entry: { userId: string; key: string; answer: StoredAnswer },
  options: { ifAbsent?: boolean } = {},
): Promise<void> {
  let q = db.insertInto('idempotency_keys').values(answerRow(entry))
  if (options.ifAbsent) q = q.onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
  await q.execute()
}

/** The row that keeps an answer, for saveAnswer or a CTE of the statement that writes the change. */
export function answerRow(entry: { userId: string; key: string; answer: StoredAnswer }): Insertable<IdempotencyKeysTable> {
  return {
    user_id: entry.userId,
    key: entry.key,
    status_code: entry.answer.status,
    response: JSON.stringify(entry.answer.body),
  }
}

export function isIdempotencyRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string }
  return e?.code === '23505' && e.constraint === 'idempotency_keys_pkey'
}
