import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
