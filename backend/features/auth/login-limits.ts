import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/** Failures allowed per key (email, or client address) within the window before 429. */
export const MAX_FAILURES = 5
export const WINDOW_MINUTES = 15

/** Shared across processes: the counters live in the database. */
export async function isLockedOut(db: Kysely<Database>, keys: string[]): Promise<boolean> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000)
  const rows = await db
    .selectFrom('login_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', keys)
    .where('at', '>', since)
    .groupBy('key')
    .execute()
  return rows.some((r) => Number(r.n) >= MAX_FAILURES)
}

export async function recordFailure(db: Kysely<Database>, keys: string[]): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key })))
    .execute()
  // Keep the table small: forget failures older than a day.
  await db
    .deleteFrom('login_failures')
    .where('at', '<', new Date(Date.now() - 86_400_000))
    .execute()
}

export async function clearFailures(db: Kysely<Database>, keys: string[]): Promise<void> {
  await db.deleteFrom('login_failures').where('key', 'in', keys).execute()
}
