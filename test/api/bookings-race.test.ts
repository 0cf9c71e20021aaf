import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../backend/features/auth/sessions.ts'
import { connectDatabase, type DatabaseHandle, migrateToLatest } from '../../db/connect.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { factories } from '../helpers/factories.ts'

/**
 * The exclusion constraint is the referee of double booking. On the embedded engine many clients race
 * inside one process; on PostgreSQL two real server processes, each with its own pool, race too.
 */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const SLOT = { start: '2027-10-19T18:00', end: '2027-10-19T20:00' }

describe('a race for one slot (in process)', () => {
  it('20 weekly series over the same Tuesdays: exactly one series is stored, whole', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const contenders = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { user, teamId } = await ctx.make.member()
        return { teamId, client: await ctx.as(user) }
      }),
    )
    const answers = await Promise.all(
      contenders.map((c) =>
        c.client.post('/bookings', {
          labId: lab.id,
          teamId: c.teamId,
          title: 'Serie',
          ...SLOT,
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=10' },
        }),
      ),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19)
    const stored = await ctx.db.selectFrom('bookings').select(['series_id']).where('lab_id', '=', lab.id).execute()
    expect(stored).toHaveLength(10)
    expect(new Set(stored.map((s) => s.series_id)).size).toBe(1)
    expect(ctx.errors).toEqual([])
  })
})

function adminUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
  url.pathname = `/${database}`
  return url.toString()
}

async function onServer(statement: (db: Kysely<unknown>) => Promise<unknown>) {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 }) }),
  })
  try {
    await statement(admin)
  } finally {
    await admin.destroy()
  }
}

// The app as `npm start` builds it, served by a process of its own (without the client build).
const SERVER = `
import { serve } from '@hono/node-server'
import { buildApp } from './backend/app.ts'
import { loadConfig } from './backend/config.ts'
import { connectDatabase } from './db/connect.ts'
const config = loadConfig()
const handle = await connectDatabase({ databaseUrl: config.databaseUrl })
const app = buildApp({ db: handle.db, engine: handle.engine, config }, { log: (m, e) => console.error(m, e) })
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('listening on http://127.0.0.1:' + info.port))
process.on('SIGTERM', async () => { await handle.close(); process.exit(0) })
`

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', SEED_DEMO: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1] })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
}

// Only where a PostgreSQL server is the engine (the embedded one lives inside a single process).
if (process.env.TEST_DB_ENGINE === 'postgres')
  describe('a race for one slot across two server processes (PostgreSQL)', () => {
    const name = `sc_race_${randomBytes(6).toString('hex')}`
    let handle: DatabaseHandle
    const servers: ChildProcess[] = []

    beforeAll(async () => {
      await onServer((admin) => sql`create database ${sql.id(name)}`.execute(admin))
      handle = await connectDatabase({ databaseUrl: adminUrl(name), poolSize: 4 })
      await migrateToLatest(handle.db)
    })

    afterAll(async () => {
      for (const child of servers) child.kill('SIGTERM')
      await Promise.all(
        servers.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))),
      )
      await handle?.close()
      await onServer((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin))
    })

    it('20 clients spread over two processes: exactly one booking, the others a 409 naming it', async () => {
      const make = factories(handle.db)
      const hub = await make.hub()
      const lab = await make.lab({ hub_id: hub.id })
      const teamId = (await make.team()).id
      const cookies = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const user = await make.user({ role: 'member', teamIds: [teamId] })
          return `sc_session=${(await createSession(handle.db, user.id)).token}`
        }),
      )
      const [a, b] = await Promise.all([startServer(adminUrl(name)), startServer(adminUrl(name))])
      servers.push(a.child, b.child)

      const answers = await Promise.all(
        cookies.map(async (cookie, i) => {
          const res = await fetch(`${(i % 2 ? a : b).base}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Cookie: cookie },
            body: JSON.stringify({ labId: lab.id, teamId, title: 'Corsa', ...SLOT }),
          })
          return { status: res.status, body: await res.json() }
        }),
      )
      const won = answers.filter((x) => x.status === 201)
      const lost = answers.filter((x) => x.status === 409)
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(19)
      const winner = won[0].body.bookings[0].id
      for (const l of lost) expect(l.body.conflicts).toEqual([expect.objectContaining({ reason: 'booking', bookingId: winner })])
      const stored = await handle.db.selectFrom('bookings').select('id').where('lab_id', '=', lab.id).execute()
      expect(stored.map((s) => s.id)).toEqual([winner])
    })
  })
