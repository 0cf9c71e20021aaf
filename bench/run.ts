import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { buildApp } from '../backend/app.ts'
import { loadConfig } from '../backend/config.ts'
import { createSession } from '../backend/features/auth/sessions.ts'
import type { Deps } from '../backend/http/context.ts'
import { connectDatabase, type DatabaseHandle, migrateToLatest } from '../db/connect.ts'
import { DEMO_ACCOUNTS } from '../db/seed/demo.ts'
import { seedScale } from '../db/seed/scale.ts'
import type { BenchContext, BenchScenario } from './scenario.ts'

/**
 * `npm run bench [-- --seed] [-- --only <text>]`: runs every scenario of bench/scenarios/*.ts against the
 * Milan-scale dataset on PostgreSQL (DATABASE_URL), in process (buildApp, app.request), prints a table and
 * writes bench/results/latest.json. With --seed, the dataset is first loaded into a fresh database named
 * spazi_bench on the same server (dropped and recreated). A scenario that throws an error named
 * `BenchSkipped` is reported as skipped, never as a pass.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url))
const BENCH_DB = 'spazi_bench'

interface Result {
  name: string
  status: 'ok' | 'slow' | 'skipped' | 'failed'
  iterations: number
  warmup: number
  targetP95Ms: number | null
  p50Ms: number | null
  p95Ms: number | null
  maxMs: number | null
  meanMs: number | null
  note?: string
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

const round = (ms: number) => Math.round(ms * 10) / 10

async function openBenchDatabase(databaseUrl: string, seed: boolean): Promise<DatabaseHandle> {
  if (!seed) return connectDatabase({ databaseUrl, poolSize: 4 })
  const admin = await connectDatabase({ databaseUrl, poolSize: 1 })
  try {
    await sql`drop database if exists ${sql.id(BENCH_DB)} with (force)`.execute(admin.db)
    await sql`create database ${sql.id(BENCH_DB)}`.execute(admin.db)
  } finally {
    await admin.close()
  }
  const url = new URL(databaseUrl)
  url.pathname = `/${BENCH_DB}`
  const handle = await connectDatabase({ databaseUrl: url.toString(), poolSize: 4 })
  await migrateToLatest(handle.db)
  console.log(`Seeding the Milan-scale dataset into ${BENCH_DB}…`)
  const summary = await seedScale(handle.db, { log: (m) => console.log(m) })
  console.log(`  done in ${summary.seconds} s: ${summary.bookings} bookings, utilisation ${summary.utilisation}`)
  return handle
}

async function loadScenarios(only: string | undefined): Promise<BenchScenario[]> {
  const dir = path.join(HERE, 'scenarios')
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
  const all: BenchScenario[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { scenarios?: BenchScenario[] }
    all.push(...(mod.scenarios ?? []))
  }
  return only ? all.filter((s) => s.name.toLowerCase().includes(only.toLowerCase())) : all
}

async function runScenario(s: BenchScenario, ctx: BenchContext): Promise<Result> {
  const warmup = s.warmup ?? 2
  const base = { name: s.name, iterations: s.iterations, warmup, targetP95Ms: s.targetP95Ms ?? null }
  const empty = { p50Ms: null, p95Ms: null, maxMs: null, meanMs: null }
  try {
    await s.prepare?.(ctx)
    for (let i = 0; i < warmup; i++) await s.run(ctx, -1 - i)
    const times: number[] = []
    for (let i = 0; i < s.iterations; i++) {
      const t0 = performance.now()
      await s.run(ctx, i)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 95)
    return {
      ...base,
      status: s.targetP95Ms !== undefined && p95 > s.targetP95Ms ? 'slow' : 'ok',
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(p95),
      maxMs: round(times[times.length - 1]),
      meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
    }
  } catch (err) {
    const skipped = err instanceof Error && err.name === 'BenchSkipped'
    return { ...base, ...empty, status: skipped ? 'skipped' : 'failed', note: err instanceof Error ? err.message : String(err) }
  }
}

function printTable(results: Result[]) {
  const cell = (v: number | null) => (v === null ? '—' : v.toFixed(1))
  const rows = results.map((r) => [
    r.name,
    r.status,
    cell(r.p50Ms),
    cell(r.p95Ms),
    cell(r.maxMs),
    r.targetP95Ms === null ? '—' : String(r.targetP95Ms),
  ])
  const header = ['scenario', 'status', 'p50 ms', 'p95 ms', 'max ms', 'target p95']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
  for (const r of results.filter((x) => x.note)) console.log(`  ${r.status}: ${r.name}: ${r.note}`)
}

async function main() {
  const args = process.argv.slice(2)
  const seed = args.includes('--seed')
  const onlyIndex = args.indexOf('--only')
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    console.error(
      'npm run bench measures PostgreSQL, not the embedded engine: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/spazi_scale ' +
        'after `npm run seed:scale`), or add -- --seed to load the dataset into a fresh database named spazi_bench on that server.',
    )
    process.exitCode = 2
    return
  }

  const handle = await openBenchDatabase(databaseUrl, seed)
  try {
    await migrateToLatest(handle.db)
    const counts = await sql<{ bookings: number; labs: number; hubs: number }>`
      select (select count(*) from bookings)::int as bookings, (select count(*) from labs)::int as labs, (select count(*) from hubs)::int as hubs
    `.execute(handle.db)
    const dataset = counts.rows[0]
    const users = await handle.db.selectFrom('users').select(['id', 'email']).where('email', 'in', Object.values(DEMO_ACCOUNTS)).execute()
    if (dataset.bookings < 100_000 || users.length < 3) {
      console.error(
        `This database does not hold the Milan-scale dataset (${dataset.bookings} bookings, ${users.length} demo accounts): ` +
          'run `npm run seed:scale` on an empty database first, or `npm run bench -- --seed`.',
      )
      process.exitCode = 2
      return
    }
    const version = (await sql<{ v: string }>`select version() as v`.execute(handle.db)).rows[0].v

    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl })
    const deps: Deps = { db: handle.db, engine: handle.engine, config }
    const app = buildApp(deps, { log: (msg, err) => console.error(msg, err) })
    const cookie = async (email: string) => `sc_session=${(await createSession(handle.db, users.find((u) => u.email === email)!.id)).token}`
    const ctx: BenchContext = {
      db: handle.db,
      app,
      deps,
      cookies: {
        admin: await cookie(DEMO_ACCOUNTS.admin),
        operator: await cookie(DEMO_ACCOUNTS.operator),
        member: await cookie(DEMO_ACCOUNTS.member),
      },
    }

    const scenarios = await loadScenarios(only)
    const machine = {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGb: Math.round(os.totalmem() / 1e9),
      node: process.version,
      engine: version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    }
    console.log(`${machine.os}, ${machine.cpus}, node ${machine.node}\n${machine.engine}`)
    console.log(
      `dataset: ${dataset.hubs} hubs, ${dataset.labs} labs, ${dataset.bookings} bookings; load average ${machine.loadAverageAtStart.join(' ')}\n`,
    )

    const results: Result[] = []
    for (const s of scenarios) {
      const r = await runScenario(s, ctx)
      console.log(`  ${r.status.padEnd(7)} ${s.name}${r.p95Ms === null ? '' : `  p95 ${r.p95Ms} ms`}`)
      results.push(r)
    }
    console.log('')
    printTable(results)

    const report = {
      at: new Date().toISOString(),
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      dataset,
      results,
    }
    const out = path.join(HERE, 'results', 'latest.json')
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`\n${JSON.stringify(report)}\n\nwritten to ${path.relative(process.cwd(), out)}`)
    if (results.some((r) => r.status === 'failed')) process.exitCode = 1
  } finally {
    await handle.close()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
