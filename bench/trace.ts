import { performance } from 'node:perf_hooks'
import { Kysely, type LogEvent, PostgresDialect } from 'kysely'
import pg from 'pg'
import { buildApp } from '../backend/app.ts'
import { loadConfig } from '../backend/config.ts'
import { createSession } from '../backend/features/auth/sessions.ts'
import type { Deps } from '../backend/http/context.ts'
import { TimedClient } from '../db/connect.ts'
import type { Database } from '../db/schema.ts'
import { DEMO_ACCOUNTS } from '../db/seed/demo.ts'
import { BENCH_MEMBER, busiestLab, prepareWorld } from './world.ts'

/**
 * `npm run bench:trace` (DATABASE_URL on the Milan-scale dataset): where the time of one request goes. The app
 * runs in process with Kysely's query log; each request kind is warmed up, then traced once: its statements in
 * order with their durations (a round trip each), their sum, and the rest (JavaScript on the event loop: input,
 * Kysely compiling, rules, rendering, JSON). Complements `--app-node-args --cpu-prof` of `npm run bench`.
 */

interface Query {
  ms: number
  sql: string
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('set DATABASE_URL (the Milan-scale dataset)')
  let log: Query[] | null = null
  // the app's own client, which prepares its statements by name as the server's do (db/connect.ts): traced unnamed,
  // each statement's time would include its parsing and planning, which the app pays once per connection
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, Client: TimedClient })
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e: LogEvent) => {
      log?.push({ ms: e.queryDurationMillis, sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 110) })
    },
  })
  try {
    const world = await prepareWorld(db)
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl })
    const deps: Deps = { db, engine: 'postgres', config }
    const app = buildApp(deps, { log: (msg, err) => console.error(msg, err) })
    const userId = async (email: string) =>
      (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
    const cookie = async (email: string) => `sc_session=${(await createSession(db, await userId(email))).token}`
    const member = await cookie(BENCH_MEMBER.email)
    const admin = await cookie(DEMO_ACCOUNTS.admin)
    const busiest = (await busiestLab(db, world)).labId
    let day = 0
    const nextDay = () => new Date(Date.UTC(2030, 6, 1) + day++ * 86_400_000).toISOString().slice(0, 10)

    const kinds: Array<{ name: string; request: () => Request }> = [
      {
        name: 'single booking',
        request: () => {
          const d = nextDay()
          return post('/api/v1/bookings', member, {
            labId: world.labs.single.app,
            teamId: world.teamId,
            title: 'Traccia',
            start: `${d}T15:00`,
            end: `${d}T16:00`,
          })
        },
      },
      {
        name: '52-week series',
        request: () => {
          const d = nextDay()
          return post('/api/v1/bookings', member, {
            labId: world.labs.series.app,
            teamId: world.teamId,
            title: 'Traccia',
            start: `${d}T21:00`,
            end: `${d}T21:30`,
            recurrence: { rrule: 'FREQ=WEEKLY;COUNT=52' },
          })
        },
      },
      { name: "a hub's week", request: () => get(`/api/v1/bookings?hubId=${world.hubId}&from=2030-07-01&to=2030-07-08`, admin) },
      {
        name: 'availability search',
        request: () =>
          get('/api/v1/availability?type=kitchen&start=2027-03-09T14:00&end=2027-03-09T17:00&rrule=FREQ%3DWEEKLY%3BCOUNT%3D12', member),
      },
      { name: 'busiest ICS feed', request: () => get(`/api/v1/calendars/labs/${busiest}.ics`, admin) },
      { name: 'utilisation by lab', request: () => get('/api/v1/reports/utilisation?from=2027-01-01&to=2028-01-01&groupBy=lab', admin) },
      { name: 'grants report', request: () => get('/api/v1/reports/grants', admin) },
    ]
    for (const kind of kinds) {
      for (let i = 0; i < 3; i++) await (await app.request(kind.request())).arrayBuffer()
      log = []
      const t0 = performance.now()
      const res = await app.request(kind.request())
      await res.arrayBuffer()
      const total = performance.now() - t0
      const queries: Query[] = log
      log = null
      const inDb = queries.reduce((a, q) => a + q.ms, 0)
      console.log(
        `\n${kind.name} (${res.status}): ${total.toFixed(1)} ms, ${queries.length} statements ${inDb.toFixed(1)} ms, the rest ${(total - inDb).toFixed(1)} ms`,
      )
      for (const q of queries) console.log(`  ${q.ms.toFixed(2).padStart(7)}  ${q.sql}`)
    }
  } finally {
    await db.destroy()
  }
}

function get(path: string, cookie: string): Request {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
}

function post(path: string, cookie: string, body: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
