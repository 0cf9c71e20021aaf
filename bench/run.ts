import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { DateTime } from 'luxon'
import { connectDatabase, type DatabaseHandle, migrateToLatest } from '../db/connect.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed/demo.ts'
import { seedScale } from '../db/seed/scale.ts'
import { addCpu, type CpuMs, cpuPerBooking, cpuPressure, cpuSnapshot, cpuSpent } from './cpu.ts'
import { Client, type Started, startProcess } from './http.ts'
import { BENCH_MEMBER, type BenchWorld, busiestLab, CONCURRENT_CLIENTS, prepareWorld } from './world.ts'

/**
 * `npm run bench [-- --seed] [-- --only <text>] [-- --app-node-args "<flags>"]` (issue 18): measures Spazi Comuni
 * as a client does — over real HTTP to a started server (`npm start`'s command), signed in with a password,
 * session cookie, the browser's CSRF headers, JSON both ways — on PostgreSQL (DATABASE_URL) with the
 * Milan-scale dataset, side by side with a bare reference server (bench/reference-server.ts: node:http + pg on
 * the same database, only the SQL). Each figure is printed beside the floor and the ratio, with the goal;
 * nothing is asserted. The app runs with WORKERS=1 for the latencies (one client at a time), and with 1 and
 * with one per core for the throughput of 16 concurrent clients. Requests to the app and to the floor
 * alternate, so that a busy machine weighs on both: the ratios of one run are what compares.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url))
const BENCH_DB = 'spazi_bench'
const ZONE = 'Europe/Rome'
const BOOKINGS_PER_CLIENT = 25
const WARMUP_PER_CLIENT = 10
/**
 * The warm-up rounds' hours on their days: five rounds of WARMUP_PER_CLIENT bookings per client, 800 in all, so
 * that V8 has optimised the booking's path in every worker (session 13: with one round of 160, a cluster's
 * workers just started used 1.5–2 ms more CPU per booking than warm ones, and the single worker 0.7–1 ms more).
 */
const WARMUP_HOURS = [10, 12, 14, 16, 18]
/** The measured round's hour (10:00–11:00), on days of its own. */
const MEASURED_HOUR = 10
/**
 * Measured rounds of each side of a throughput comparison, the floor's and the app's alternating (session 14): on
 * this shared machine the floor alone moved 284–458 bookings/s from one run to the next, and a phase measured
 * after the other met another load.
 */
const THROUGHPUT_ROUNDS = 3
/** Days between one side's dates and the next side's: its rounds, a gap and its warm-up. */
const PHASE_DAYS = 100
/**
 * Unmeasured runs before a scenario that reads or writes through prepared statements: PostgreSQL plans such a
 * statement afresh on its first five runs on a connection, then keeps a generic plan when it costs no more. A
 * server in service is past them (db/connect.ts keeps its warm connections open); a hub's week planned afresh
 * costs 4–5.6 ms more than with its kept plan.
 */
const PLAN_WARMUP = 6

interface Figures {
  p50: number
  p95: number
  max: number
  n: number
}

interface Row {
  operation: string
  unit: 'ms' | 'bookings/s'
  app: Figures | null
  floor: Figures | null
  goal: string
  errors?: number
  note?: string
  /** Throughput rows: CPU ms per booking of each side (bench/cpu.ts), the floor's beside the app's. */
  cpu?: { app?: CpuOfPhase; floor?: CpuOfPhase }
  /** Throughput rows: the most outbox messages due and unsent when a round's last answer came. */
  outboxBacklog?: number
}

interface Ctx {
  world: BenchWorld
  app: { member: Client; admin: Client; operator: Client }
  floor: { member: Client; admin: Client }
  handle: DatabaseHandle
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], n: sorted.length }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await run()
  return performance.now() - t0
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
/** A local wall time in Rome as an instant with its offset (what the floor is given: it does no zone work). */
const instant = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? local

interface LatencyScenario {
  operation: string
  goal: string
  iterations: number
  warmup: number
  prepare?(ctx: Ctx): Promise<void>
  /** Runs before each timed app iteration, untimed (e.g. the change that makes a feed cold). */
  before?(ctx: Ctx, i: number): Promise<void>
  app(ctx: Ctx, i: number): Promise<unknown>
  floor?(ctx: Ctx, i: number): Promise<unknown>
}

async function measure(s: LatencyScenario, ctx: Ctx): Promise<Row> {
  await s.prepare?.(ctx)
  for (let i = 0; i < s.warmup; i++) {
    await s.before?.(ctx, -1 - i)
    await s.app(ctx, -1 - i)
    await s.floor?.(ctx, -1 - i)
  }
  // the emails of the scenarios before (a 52-week series' are the largest) are sent before this one is measured,
  // not during it: each scenario meets only its own outbox work
  await outboxDrained(ctx.handle.db)
  const app: number[] = []
  const floor: number[] = []
  for (let i = 0; i < s.iterations; i++) {
    await s.before?.(ctx, i)
    // alternate which goes first, so that neither always follows the other's work
    if (i % 2 === 0) {
      app.push(await timed(() => s.app(ctx, i)))
      if (s.floor) floor.push(await timed(() => s.floor!(ctx, i)))
    } else {
      if (s.floor) floor.push(await timed(() => s.floor!(ctx, i)))
      app.push(await timed(() => s.app(ctx, i)))
    }
  }
  return { operation: s.operation, unit: 'ms', app: figures(app), floor: s.floor ? figures(floor) : null, goal: s.goal }
}

/** A distinct local day per iteration (warm-up ones included), far from the dataset's years. */
const dayOf = (i: number) => isoDate(Date.UTC(2030, 0, 7) + (i + 10) * 86_400_000)

/** 7 weekdays × 16 hours of distinct one-hour weekly slots, from a Monday of 2031 (warm-ups from -PLAN_WARMUP). */
function seriesSlot(i: number) {
  const k = i + PLAN_WARMUP
  const date = isoDate(Date.UTC(2031, 0, 6) + (k % 7) * 86_400_000)
  const hour = 7 + Math.floor(k / 7)
  return { start: `${date}T${pad(hour)}:00`, end: `${date}T${pad(hour)}:59` }
}

let hubWeek = { hubId: '', from: '2027-10-18', to: '2027-10-25' }
let searchType = 'kitchen'
let busiest = { labId: '', bookingId: '' }
const YEAR = 'from=2027-01-01&to=2028-01-01'

/** A report's latency: 40 runs, so that its p95 is not its slowest run or the one before (15 and 10 runs were). */
function report(operation: string, pathAndQuery: string): LatencyScenario {
  return {
    operation,
    goal: 'p95 < 100 ms',
    iterations: 40,
    warmup: 2,
    app: (ctx) => ctx.app.admin.json('GET', pathAndQuery, 200),
  }
}

const latencies: LatencyScenario[] = [
  {
    operation: 'single booking',
    goal: 'p50 ≤ 2× floor, p95 < 10 ms',
    iterations: 100,
    warmup: 10,
    app: (ctx, i) => {
      const day = dayOf(i)
      return ctx.app.member.json('POST', '/api/v1/bookings', 201, {
        labId: ctx.world.labs.single.app,
        teamId: ctx.world.teamId,
        title: 'Corso di prova',
        start: `${day}T10:00`,
        end: `${day}T12:00`,
      })
    },
    floor: (ctx, i) => {
      const day = dayOf(i)
      return ctx.floor.member.json('POST', '/bookings', 201, {
        labId: ctx.world.labs.single.floor,
        teamId: ctx.world.teamId,
        title: 'Corso di prova',
        start: instant(`${day}T10:00`),
        end: instant(`${day}T12:00`),
      })
    },
  },
  {
    operation: '52-week series',
    goal: 'p95 < 30 ms',
    iterations: 30,
    warmup: PLAN_WARMUP,
    app: (ctx, i) =>
      ctx.app.member.json('POST', '/api/v1/bookings', 201, {
        labId: ctx.world.labs.series.app,
        teamId: ctx.world.teamId,
        title: 'Laboratorio annuale',
        ...seriesSlot(i),
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=52' },
      }),
    floor: (ctx, i) => {
      const slot = seriesSlot(i)
      return ctx.floor.member.json('POST', '/bookings', 201, {
        labId: ctx.world.labs.series.floor,
        teamId: ctx.world.teamId,
        title: 'Laboratorio annuale',
        start: instant(slot.start),
        end: instant(slot.end),
        weeks: 52,
      })
    },
  },
  {
    operation: "a hub's week (5 labs)",
    goal: 'p50 ≤ 2× floor',
    iterations: 40,
    warmup: PLAN_WARMUP,
    prepare: async (ctx) => {
      const row = await sql<{ hub_id: string }>`
        select l.hub_id from bookings b join labs l on l.id = b.lab_id
        where b.during && tstzrange('2027-10-18 00:00+02', '2027-10-25 00:00+01')
        group by l.hub_id order by count(*) desc limit 1
      `.execute(ctx.handle.db)
      if (!row.rows[0]) throw new Error('no bookings in the week of 18 October 2027')
      hubWeek = { ...hubWeek, hubId: row.rows[0].hub_id }
    },
    app: (ctx) => ctx.app.admin.json('GET', `/api/v1/bookings?hubId=${hubWeek.hubId}&from=${hubWeek.from}&to=${hubWeek.to}`, 200),
    floor: (ctx) => ctx.floor.admin.json('GET', `/bookings?hubId=${hubWeek.hubId}&from=${hubWeek.from}&to=${hubWeek.to}`, 200),
  },
  {
    operation: 'availability search (a type, 12 weeks)',
    goal: 'p95 < 20 ms',
    iterations: 30,
    warmup: PLAN_WARMUP,
    prepare: async (ctx) => {
      const row = await sql<{ type: string }>`select type from labs group by type order by count(*) desc limit 1`.execute(ctx.handle.db)
      searchType = row.rows[0]?.type ?? 'kitchen'
    },
    app: (ctx, i) => {
      // A different Tuesday afternoon each time (no cache helps), inside the dataset's busy year.
      const date = isoDate(Date.UTC(2027, 2, 2) + (i + 3) * 7 * 86_400_000)
      const q = new URLSearchParams({ type: searchType, start: `${date}T14:00`, end: `${date}T17:00`, rrule: 'FREQ=WEEKLY;COUNT=12' })
      return ctx.app.member.json('GET', `/api/v1/availability?${q}`, 200)
    },
    floor: (ctx, i) => {
      const date = isoDate(Date.UTC(2027, 2, 2) + (i + 3) * 7 * 86_400_000)
      const q = new URLSearchParams({ type: searchType, start: instant(`${date}T14:00`), end: instant(`${date}T17:00`), weeks: '12' })
      return ctx.floor.member.json('GET', `/availability?${q}`, 200)
    },
  },
  {
    operation: 'busiest ICS feed, warm',
    goal: 'p95 < 30 ms',
    iterations: 30,
    warmup: 2,
    prepare: async (ctx) => {
      busiest = await busiestLab(ctx.handle.db, ctx.world)
    },
    app: (ctx) => ctx.app.admin.text(`/api/v1/calendars/labs/${busiest.labId}.ics`),
  },
  {
    operation: 'busiest ICS feed, cold (after a change to the lab)',
    goal: 'p95 < 150 ms',
    iterations: 15,
    warmup: 1,
    // A write to one of its bookings (no visible change) is what a cache must notice.
    before: async (ctx) => {
      await sql`update bookings set updated_at = updated_at where id = ${busiest.bookingId}::uuid`.execute(ctx.handle.db)
    },
    app: (ctx) => ctx.app.admin.text(`/api/v1/calendars/labs/${busiest.labId}.ics`),
  },
  report('year utilisation report by lab', `/api/v1/reports/utilisation?${YEAR}&groupBy=lab`),
  report('year utilisation report by month', `/api/v1/reports/utilisation?${YEAR}&groupBy=month`),
  report('year heatmap report (weekday × hour)', `/api/v1/reports/heatmap?${YEAR}`),
  report('grants report', '/api/v1/reports/grants'),
]

/** CPU ms per booking of one side while the answers came, and until the outbox had sent what they queued. */
type CpuOfPhase = CpuMs & { withOutbox: CpuMs }

/** One side of a throughput comparison: how it books, its server's pid (for its CPU time), its dates. */
interface Side {
  book: (client: number, day: string, hour: number) => Promise<Response>
  serverPid: number | undefined
  /** Its dates start PHASE_DAYS × phase days after the first side's. */
  phase: number
}

interface Throughput {
  perSecond: number
  errors: number
  statuses: Record<number, number>
  cpu?: CpuOfPhase
  /** The most messages due and unsent when a round's last answer came. */
  outboxBacklog: number
}

/**
 * 16 clients at once, each booking its own lab on consecutive days (no two requests race for a slot): how many
 * bookings per second each side answers 201, and how many answers were anything else. Warm-up rounds of
 * WARMUP_PER_CLIENT bookings each (later days of the phase at WARMUP_HOURS, not counted) come first, so that a
 * server just started (the cluster's workers) is measured with its code optimised and its pool's connections
 * open, as a server in service is. Then THROUGHPUT_ROUNDS measured rounds of each side, alternating (the first of
 * each pair swapping), each followed by the outbox sending what it queued; the CPU time each side used per booking
 * (bench/cpu.ts), while the answers came and until the outbox had sent (the emails are rendered and written by
 * the server's outbox worker after the answers).
 */
async function throughputPair(db: DatabaseHandle['db'], floor: Side, app: Side): Promise<{ floor: Throughput; app: Throughput }> {
  const dayOf = (side: Side, j: number) => isoDate(Date.UTC(2029, 2, 5) + (side.phase * PHASE_DAYS + j) * 86_400_000)
  const round = async (side: Side, firstDay: number, days: number, hour: number, statuses: Record<number, number>) => {
    let ok = 0
    await Promise.all(
      Array.from({ length: CONCURRENT_CLIENTS }, async (_, client) => {
        for (let j = firstDay; j < firstDay + days; j++) {
          const res = await side.book(client, dayOf(side, j), hour)
          await res.text()
          statuses[res.status] = (statuses[res.status] ?? 0) + 1
          if (res.status === 201) ok++
        }
      }),
    )
    return ok
  }
  const measured = THROUGHPUT_ROUNDS * BOOKINGS_PER_CLIENT
  for (const side of [floor, app]) for (const hour of WARMUP_HOURS) await round(side, measured + 2, WARMUP_PER_CLIENT, hour, {})
  await outboxDrained(db)

  const none: CpuMs = { server: 0, database: 0, client: 0 }
  const tally = () => ({ ok: 0, seconds: 0, statuses: {} as Record<number, number>, answered: none, sent: none, backlog: 0 })
  const tallies = new Map([floor, app].map((side) => [side, tally()]))
  for (let r = 0; r < THROUGHPUT_ROUNDS; r++) {
    for (const side of r % 2 === 0 ? [floor, app] : [app, floor]) {
      const t = tallies.get(side)!
      const snapshot = () => (side.serverPid ? cpuSnapshot(db, side.serverPid) : undefined)
      const before = await snapshot()
      const t0 = performance.now()
      t.ok += await round(side, r * BOOKINGS_PER_CLIENT, BOOKINGS_PER_CLIENT, MEASURED_HOUR, t.statuses)
      t.seconds += (performance.now() - t0) / 1000
      const answered = await snapshot()
      t.backlog = Math.max(t.backlog, await outboxPending(db))
      await outboxDrained(db)
      const after = await snapshot()
      if (before && answered && after) {
        t.answered = addCpu(t.answered, cpuSpent(before, answered))
        t.sent = addCpu(t.sent, cpuSpent(before, after))
      }
    }
  }
  const result = (side: Side): Throughput => {
    const t = tallies.get(side)!
    return {
      perSecond: t.ok / t.seconds,
      errors: THROUGHPUT_ROUNDS * CONCURRENT_CLIENTS * BOOKINGS_PER_CLIENT - t.ok,
      statuses: t.statuses,
      cpu: side.serverPid ? { ...cpuPerBooking(t.answered, t.ok), withOutbox: cpuPerBooking(t.sent, t.ok) } : undefined,
      outboxBacklog: t.backlog,
    }
  }
  return { floor: result(floor), app: result(app) }
}

/** Messages due and not sent yet (the floor queues none). */
async function outboxPending(db: DatabaseHandle['db']): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from outbox where status = 'pending' and next_attempt_at <= now()`.execute(
    db,
  )
  return r.rows[0].n
}

/** Waits (at most a minute) until the outbox has nothing due. */
async function outboxDrained(db: DatabaseHandle['db']): Promise<void> {
  for (let i = 0; i < 600 && (await outboxPending(db)) > 0; i++) await new Promise((r) => setTimeout(r, 100))
}

const appBooking = (ctx: Ctx, member: Client) => (client: number, day: string, hour: number) =>
  member.fetch('POST', '/api/v1/bookings', {
    labId: ctx.world.labs.concurrent[client],
    teamId: ctx.world.teamId,
    title: 'Prova di carico',
    start: `${day}T${pad(hour)}:00`,
    end: `${day}T${pad(hour + 1)}:00`,
  })

const floorBooking = (ctx: Ctx) => (client: number, day: string, hour: number) =>
  ctx.floor.member.fetch('POST', '/bookings', {
    labId: ctx.world.labs.concurrent[client],
    teamId: ctx.world.teamId,
    title: 'Prova di carico',
    start: instant(`${day}T${pad(hour)}:00`),
    end: instant(`${day}T${pad(hour + 1)}:00`),
  })

async function openBenchDatabase(databaseUrl: string, seed: boolean): Promise<{ handle: DatabaseHandle; url: string }> {
  if (!seed) return { handle: await connectDatabase({ databaseUrl, poolSize: 2 }), url: databaseUrl }
  const admin = await connectDatabase({ databaseUrl, poolSize: 1 })
  try {
    await sql`drop database if exists ${sql.id(BENCH_DB)} with (force)`.execute(admin.db)
    await sql`create database ${sql.id(BENCH_DB)}`.execute(admin.db)
  } finally {
    await admin.close()
  }
  const url = new URL(databaseUrl)
  url.pathname = `/${BENCH_DB}`
  const handle = await connectDatabase({ databaseUrl: url.toString(), poolSize: 2 })
  await migrateToLatest(handle.db)
  console.log(`Seeding the Milan-scale dataset into ${BENCH_DB}…`)
  const summary = await seedScale(handle.db, { log: (m) => console.log(m) })
  console.log(`  done in ${summary.seconds} s: ${summary.bookings} bookings, utilisation ${summary.utilisation}`)
  return { handle, url: url.toString() }
}

const r1 = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))

function printTable(rows: Row[]) {
  const header = ['operation', 'Spazi Comuni p50 / p95', 'floor p50 / p95', 'ratio p50 / p95', 'goal']
  const lines = rows.map((r) => {
    if (r.unit === 'bookings/s') {
      const app = r.app ? `${r.app.p50.toFixed(0)}/s${r.errors ? ` (${r.errors} errors)` : ''}` : '—'
      const floor = r.floor ? `${r.floor.p50.toFixed(0)}/s` : '—'
      const ratio = r.app && r.floor ? `${((r.app.p50 / r.floor.p50) * 100).toFixed(0)} %` : '—'
      return [r.operation, app, floor, ratio, r.goal]
    }
    const app = r.app ? `${r1(r.app.p50)} / ${r1(r.app.p95)} ms` : r.note ? 'failed' : '—'
    const floor = r.floor ? `${r1(r.floor.p50)} / ${r1(r.floor.p95)} ms` : '–'
    const ratio = r.app && r.floor ? `${(r.app.p50 / r.floor.p50).toFixed(1)}× / ${(r.app.p95 / r.floor.p95).toFixed(1)}×` : '–'
    return [r.operation, app, floor, ratio, r.goal]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
  for (const r of rows.filter((x) => x.note)) console.log(`  ${r.operation}: ${r.note}`)
}

async function main() {
  const args = process.argv.slice(2)
  const seed = args.includes('--seed')
  const arg = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const only = arg('--only')?.toLowerCase()
  const appNodeArgs = arg('--app-node-args')?.split(/\s+/).filter(Boolean) ?? []
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    console.error(
      'npm run bench measures PostgreSQL, not the embedded engine: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/spazi_scale ' +
        'after `npm run seed:scale`), or add -- --seed to load the dataset into a fresh database named spazi_bench on that server.',
    )
    process.exitCode = 2
    return
  }

  // before anything of ours runs: how much the rest of the machine keeps its cores busy
  const pressureAtStart = await cpuPressure(3_000)
  const { handle, url } = await openBenchDatabase(databaseUrl, seed)
  const servers: Started[] = []
  try {
    await migrateToLatest(handle.db)
    const counts = await sql<{ bookings: number; labs: number; hubs: number }>`
      select (select count(*) from bookings)::int as bookings, (select count(*) from labs)::int as labs, (select count(*) from hubs)::int as hubs
    `.execute(handle.db)
    const dataset = counts.rows[0]
    const demo = await handle.db.selectFrom('users').select('email').where('email', 'in', Object.values(DEMO_ACCOUNTS)).execute()
    if (dataset.bookings < 100_000 || demo.length < 3) {
      console.error(
        `This database does not hold the Milan-scale dataset (${dataset.bookings} bookings, ${demo.length} demo accounts): ` +
          'run `npm run seed:scale` on an empty database first, or `npm run bench -- --seed`.',
      )
      process.exitCode = 2
      return
    }
    const version = (await sql<{ v: string }>`select version() as v`.execute(handle.db)).rows[0].v
    const world = await prepareWorld(handle.db)

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spazi-bench-'))
    const appEnv = (workers: number) => ({
      DATABASE_URL: url,
      WORKERS: String(workers),
      LOG_LEVEL: 'error',
      SEED_DEMO: '0',
      DATA_DIR: dataDir,
    })
    const startApp = async (workers: number) => {
      const app = await startProcess('backend/main.ts', appEnv(workers), appNodeArgs)
      servers.push(app)
      return app
    }
    const floorServer = await startProcess('bench/reference-server.ts', { DATABASE_URL: url })
    servers.push(floorServer)
    let app = await startApp(1)

    const member = await Client.signIn(app.url, BENCH_MEMBER.email, BENCH_MEMBER.password)
    const admin = await Client.signIn(app.url, DEMO_ACCOUNTS.admin, DEMO_PASSWORD)
    const ctx: Ctx = {
      world,
      handle,
      app: { member, admin, operator: await Client.signIn(app.url, DEMO_ACCOUNTS.operator, DEMO_PASSWORD) },
      floor: { member: member.on(floorServer.url), admin: admin.on(floorServer.url) },
    }

    const machine = {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGb: Math.round(os.totalmem() / 1e9),
      node: process.version,
      engine: version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      /** % of 3 s before the bench started in which some task of the machine waited for a CPU. */
      cpuPressureAtStart: pressureAtStart ?? null,
    }
    console.log(`${machine.os}, ${machine.cpus}, node ${machine.node}\n${machine.engine}`)
    console.log(
      `dataset: ${dataset.hubs} hubs, ${dataset.labs} labs, ${dataset.bookings} bookings; load average ${machine.loadAverageAtStart.join(' ')}; ` +
        `before the bench, some task waited for a CPU ${machine.cpuPressureAtStart ?? '?'} % of the time`,
    )
    console.log(`app ${app.url} (WORKERS=1), floor ${floorServer.url}\n`)

    const rows: Row[] = []
    const wanted = (name: string) => !only || name.toLowerCase().includes(only)
    for (const s of latencies.filter((x) => wanted(x.operation))) {
      let row: Row
      try {
        row = await measure(s, ctx)
      } catch (err) {
        row = {
          operation: s.operation,
          unit: 'ms',
          app: null,
          floor: null,
          goal: s.goal,
          note: err instanceof Error ? err.message : String(err),
        }
      }
      const f = row.app ? `${r1(row.app.p50)} / ${r1(row.app.p95)} ms` : 'failed'
      console.log(`  ${row.operation}: ${f}${row.floor ? ` (floor ${r1(row.floor.p50)} / ${r1(row.floor.p95)} ms)` : ''}`)
      rows.push(row)
    }

    if (wanted('bookings per second')) {
      const cores = os.availableParallelism()
      const ms = (c?: CpuOfPhase) =>
        c
          ? `server ${c.server} ms, PostgreSQL ${c.database} ms, clients ${c.client} ms ` +
            `(until the outbox is sent: server ${c.withOutbox.server} ms, PostgreSQL ${c.withOutbox.database} ms)`
          : 'not measured'
      for (const [i, workers] of [1, cores].entries()) {
        if (i > 0) {
          await app.stop()
          app = await startApp(workers)
        }
        const run = await throughputPair(
          handle.db,
          { book: floorBooking(ctx), serverPid: floorServer.child.pid, phase: 2 * i },
          { book: appBooking(ctx, member.on(app.url)), serverPid: app.child.pid, phase: 2 * i + 1 },
        )
        const perSecond = (x: number) => ({ p50: x, p95: x, max: x, n: THROUGHPUT_ROUNDS })
        rows.push({
          operation: `bookings per second, 16 concurrent clients, WORKERS=${workers}`,
          unit: 'bookings/s',
          app: perSecond(run.app.perSecond),
          floor: perSecond(run.floor.perSecond),
          goal: '≥ 50 % of floor, no errors',
          errors: run.app.errors,
          note: run.app.errors ? `answers: ${JSON.stringify(run.app.statuses)}` : undefined,
          cpu: { app: run.app.cpu, floor: run.floor.cpu },
          outboxBacklog: run.app.outboxBacklog,
        })
        console.log(
          `  ${CONCURRENT_CLIENTS} clients, WORKERS=${workers}: ${run.app.perSecond.toFixed(0)}/s, ${run.app.errors} errors; ` +
            `CPU per booking: ${ms(run.app.cpu)}; outbox due at the end of a round: ${run.app.outboxBacklog}`,
        )
        console.log(`    floor in the same rounds: ${run.floor.perSecond.toFixed(0)}/s; CPU per booking: ${ms(run.floor.cpu)}`)
        if (run.floor.errors) console.log(`    the floor had ${run.floor.errors} errors: ${JSON.stringify(run.floor.statuses)}`)
      }
    }

    console.log('')
    printTable(rows)
    const result = {
      at: new Date().toISOString(),
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      dataset,
      rows,
    }
    const out = path.join(HERE, 'results', 'latest.json')
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
    console.log(`\nload average at end ${result.machine.loadAverageAtEnd.join(' ')}; written to ${path.relative(process.cwd(), out)}`)
    if (rows.some((r) => r.note && !r.app)) process.exitCode = 1
  } finally {
    for (const s of servers.reverse()) await s.stop()
    await handle.close()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
