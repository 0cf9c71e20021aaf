import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * Runs a report's queries in a read-only transaction tuned for one big aggregate: JIT off (its compile time,
 * seconds on a year's report, dwarfs the query itself), room to sort and hash in memory, and a plan made for
 * each run's own dates and filters: on PostgreSQL the statements are prepared (db/connect.ts), and after five
 * runs the planner may otherwise keep a generic plan, slower for a report (the year heatmap went from ≈ 60 to
 * ≈ 90 ms). The three settings go in one statement.
 */
export async function inReportTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx)
    await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
      set_config('plan_cache_mode', 'force_custom_plan', true)`.execute(trx)
    return fn(trx)
  })
}
