import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * Password guessing is limited on two keys, as identity providers do (docs/api.md, "Limits"):
 *
 * - per account: after ACCOUNT.failures wrong passwords within ACCOUNT.windowMinutes the account refuses
 *   passwords (429 with Retry-After) until the oldest of them leaves the window. Its owner can still sign in
 *   with a sign-in link; nobody else is affected.
 * - per client address: a much higher threshold, because a CFL classroom or an office shares one address;
 *   it stops one machine spraying passwords across many accounts.
 *
 * A refused attempt records nothing, so a locked account cannot be used to push its address over the limit.
 * The counters live in the database: every process behind the port sees the same ones.
 */
export const ACCOUNT_LIMIT = { failures: 5, windowMinutes: 15 }
export const ADDRESS_LIMIT = { failures: 100, windowMinutes: 15 }

export interface ThrottleKeys {
  account: string
  address: string
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `email:${email.toLowerCase()}`, address: `ip:${address}` }
}

/** Seconds until `key` may try again under `limit`, or 0 when it may now. */
async function waitFor(db: Kysely<Database>, key: string, limit: { failures: number; windowMinutes: number }): Promise<number> {
  const windowMs = limit.windowMinutes * 60_000
  // The limit-th most recent failure within the window: while it is in the window, the key is over the limit.
  const row = await db
    .selectFrom('login_failures')
    .select('at')
    .where('key', '=', key)
    .where('at', '>', new Date(Date.now() - windowMs))
    .orderBy('at', 'desc')
    .offset(limit.failures - 1)
    .limit(1)
    .executeTakeFirst()
  if (!row) return 0
  return Math.max(1, Math.ceil((row.at.getTime() + windowMs - Date.now()) / 1000))
}

/** Seconds to wait before another attempt with these keys is even considered; 0 when it may go ahead. */
export async function retryAfterSeconds(db: Kysely<Database>, keys: ThrottleKeys): Promise<number> {
  const [account, address] = await Promise.all([waitFor(db, keys.account, ACCOUNT_LIMIT), waitFor(db, keys.address, ADDRESS_LIMIT)])
  return Math.max(account, address)
}

export async function recordFailure(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
  await db
    .insertInto('login_failures')
    .values([{ key: keys.account }, { key: keys.address }])
    .execute()
  // Keep the table small: forget failures older than a day.
  await db
    .deleteFrom('login_failures')
    .where('at', '<', new Date(Date.now() - 86_400_000))
    .execute()
}

/** A right password clears its account's counter (not its address's: that one counts every account). */
export async function clearAccountFailures(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', keys.account).execute()
}
