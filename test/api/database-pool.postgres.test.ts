import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inReportTransaction } from '../../backend/features/reports/report-session.ts'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts'

// Issue 18: a request that waits for a pooled connection is not an outage. More than five seconds in the
// pool's queue used to fail as "timeout exceeded when trying to connect", answered 503.

// `*.postgres.test.ts`: run by the postgres project only (vitest.config.ts); the embedded engine has no pool.
describe('the PostgreSQL pool', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 })
  })
  afterAll(() => handle?.close())

  it('queues requests beyond its size for longer than the connect timeout, and answers every one', { timeout: 60_000 }, async () => {
    const started = Date.now()
    // 2 connections, 30 queries of 0.4 s: the last waits about 6 s for a connection
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => sql`select pg_sleep(0.4)`.execute(handle.db)))
    expect(Date.now() - started).toBeGreaterThan(5_500)
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(handle.pool()).toMatchObject({ max: 2, waiting: 0 })
  })

  it('keeps its warm connections and their prepared statements past the idle timeout, closes the rest', { timeout: 30_000 }, async () => {
    const pool = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4, idleTimeoutMs: 100 })
    try {
      // a burst opens four connections, each preparing the probe
      const probe = () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(${0.2}) as slept`.execute(pool.db)
      const burst = await Promise.all(Array.from({ length: 4 }, probe))
      const opened = new Set(burst.map((r) => r.rows[0].pid))
      expect(opened.size).toBe(4)
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(pool.pool()).toMatchObject({ total: 2, idle: 2 })
      // the next statement runs on a connection of the burst, whose prepared probe is still there
      const { rows } = await sql<{ pid: number; probes: number }>`
        select pg_backend_pid() as pid, count(*)::int as probes from pg_prepared_statements where statement like ${'%pg_sleep%'}
      `.execute(pool.db)
      expect(opened.has(rows[0].pid)).toBe(true)
      expect(rows[0].probes).toBe(1)
      // the server closes them (a restart, idle_session_timeout): the pool drops them and opens another
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where pid = any(${[...opened]}::int[])`.execute(handle.db)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(pool.db)
      expect(opened.has(after.rows[0].pid)).toBe(false)
    } finally {
      await pool.close()
    }
  })

  it('has PostgreSQL end a transaction left idle, releasing its locks, and goes on with a new connection', {
    timeout: 30_000,
  }, async () => {
    expect(
      (await sql<{ t: string }>`select current_setting('idle_in_transaction_session_timeout') as t`.execute(handle.db)).rows[0].t,
    ).toBe('1min')
    const pool = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2, idleInTransactionMs: 300 })
    try {
      // a transaction that takes a lock and then hangs (never sends its next statement)
      const hung = pool.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(622, 1)`.execute(trx)
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        await sql`select 1`.execute(trx)
      })
      await expect(hung).rejects.toThrow()
      // the lock is free again, and the pool answers
      const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(622, 1) as got`.execute(handle.db)
      expect(rows[0].got).toBe(true)
      await sql`select pg_advisory_unlock(622, 1)`.execute(handle.db)
      expect((await sql<{ one: number }>`select 1 as one`.execute(pool.db)).rows[0].one).toBe(1)
    } finally {
      await pool.close()
    }
  })

  it('still fails fast when the database does not answer', { timeout: 30_000 }, async () => {
    const url = new URL(process.env.DATABASE_URL!)
    url.port = '1' // nothing listens there
    const down = await connectDatabase({ databaseUrl: url.toString(), poolSize: 2 })
    const started = Date.now()
    await expect(sql`select 1`.execute(down.db)).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(6_000)
    await down.close()
  })
})

// Issue 18: the app's data statements are prepared once per connection and reused; others are not.
describe('prepared statements on PostgreSQL', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 })
  })
  afterAll(() => handle?.close())

  it('prepares a data statement once on its connection, and leaves transaction control unnamed', async () => {
    for (const n of [1, 2, 3]) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from generate_series(1, ${n}) as g`.execute(handle.db)
      expect(rows[0].n).toBe(n)
    }
    await handle.db.transaction().execute(async (trx) => {
      await sql`select ${'in a transaction'}::text as label`.execute(trx)
    })
    const { rows } = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where name like ${'sc%'}`.execute(handle.db)
    const statements = rows.map((r) => r.statement)
    // The three runs of the count (same text, other values) share one entry; the select in the transaction has
    // its own; begin and commit have none.
    expect(statements.filter((s) => s.includes('generate_series'))).toHaveLength(1)
    expect(statements.filter((s) => s.includes('as label'))).toHaveLength(1)
    expect(statements.filter((s) => /^\s*(begin|commit)/i.test(s))).toEqual([])
  })
  it('prepares afresh after another process changes the columns a prepared statement reads', async () => {
    const table = sql.table(`prepared_probe_${process.pid}`)
    const other = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 })
    try {
      await sql`create table ${table} (id int)`.execute(other.db)
      await sql`insert into ${table} values (1)`.execute(other.db)
      const read = () => sql<Record<string, unknown>>`select * from ${table} where id = ${1}`.execute(handle.db)
      expect((await read()).rows).toEqual([{ id: 1 }])
      // A migration elsewhere adds a column: the prepared statement's result type no longer holds.
      await sql`alter table ${table} add column label text default 'nuovo'`.execute(other.db)
      await expect(read()).rejects.toThrow(/cached plan must not change result type/)
      expect((await read()).rows).toEqual([{ id: 1, label: 'nuovo' }])
    } finally {
      await sql`drop table if exists ${table}`.execute(other.db)
      await other.close()
    }
  })
  it('plans a report for its own dates each time: custom plans, no JIT, read only, in one transaction', async () => {
    const settings = await inReportTransaction(handle.db, async (trx) => {
      const { rows } = await sql<{ plan_cache_mode: string; jit: string; work_mem: string; read_only: string }>`
        select current_setting('plan_cache_mode') as plan_cache_mode, current_setting('jit') as jit,
          current_setting('work_mem') as work_mem, current_setting('transaction_read_only') as read_only`.execute(trx)
      return rows[0]
    })
    expect(settings).toEqual({ plan_cache_mode: 'force_custom_plan', jit: 'off', work_mem: '64MB', read_only: 'on' })
    // local to the report's transaction: the connection's next statements plan as usual
    const { rows } = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(handle.db)
    expect(rows[0].mode).toBe('auto')
  })
})
