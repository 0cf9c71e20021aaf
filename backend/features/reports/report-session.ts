import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * Runs a report's queries in a read-only transaction tuned for one big aggregate: JIT off (its compile time,
 * seconds on a year's report, dwarfs the query itself) and room to sort and hash in memory.
 */
export async function inReportTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx)
    await sql`set local jit = off`.execute(trx)
    await sql`set local work_mem = '64MB'`.execute(trx)
    return fn(trx)
  })
}
