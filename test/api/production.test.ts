import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../../db/connect.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo.ts'
import { testEngine } from '../helpers/database.ts'
import {
  ensureProductionBuilt,
  runCommand,
  type ServerProcess,
  type StartOptions,
  startServer,
  tempDir,
} from '../helpers/server-process.ts'

// Go-live, over the real processes: `npm run build` then `npm run start:prod` (plain node, no tsx), stopped by
// SIGTERM/SIGINT sent to the server, to npm, or to the whole process group; `npm run admin:create`; backups of
// the embedded engine while it runs; structured logs and /metrics; on PostgreSQL, the "Done when" scenario
// of the go-live issue (fresh database, no demo, several workers) and pg_dump/pg_restore.

const engine = testEngine()
const METRICS_TOKEN = `metrics-${randomBytes(8).toString('hex')}`
const dirs: string[] = []
const servers: ServerProcess[] = []
const databases: string[] = []

beforeAll(async () => {
  await ensureProductionBuilt()
}, 600_000)

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  for (const name of databases) await adminQuery(`drop database if exists ${name} with (force)`)
})

function newDataDir(): string {
  const dir = tempDir('spazi-comuni-prod-')
  dirs.push(dir)
  return dir
}

async function start(env: Record<string, string | undefined>, options: StartOptions = {}) {
  // A generous start-up bound: a new embedded database on a loaded 2-core machine may take minutes.
  const server = await startServer({ LOG_LEVEL: 'info', ...env }, { timeoutMs: 300_000, ...options })
  servers.push(server)
  return server
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** A new empty database on the PostgreSQL server of DATABASE_URL; its URL. */
async function freshDatabase(): Promise<string> {
  const name = `sc_prod_${randomBytes(5).toString('hex')}`
  await adminQuery(`create database ${name}`)
  databases.push(name)
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

async function call(base: string, route: string, init: RequestInit & { cookie?: string } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) }
  if (init.cookie) headers.Cookie = init.cookie
  if (init.body) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${base}${route}`, { ...init, headers, signal: AbortSignal.timeout(30_000) })
  const text = await res.text()
  const json = /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text
  return { status: res.status, headers: res.headers, body: json, cookie: res.headers.get('set-cookie')?.split(';')[0] }
}

async function signInWithPassword(base: string, email: string): Promise<string> {
  const res = await call(base, '/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
  expect(res.status).toBe(200)
  return res.cookie!
}

/** Every booking id the administrator sees, page after page. */
async function allBookingIds(base: string, cookie: string): Promise<string[]> {
  const ids: string[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await call(base, `/api/v1/bookings?limit=1000&offset=${offset}`, { cookie })
    expect(page.status).toBe(200)
    ids.push(...page.body.map((b: { id: string }) => b.id))
    if (ids.length >= Number(page.headers.get('x-total-count'))) return ids.sort()
  }
}

/** Resolves with the exit, or fails when the process is still there after `ms`. */
function exitWithin(server: ServerProcess, ms: number) {
  return Promise.race([
    server.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${ms} ms after the signal`)), ms)),
  ])
}

function groupIsGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return false
  } catch {
    return true
  }
}

async function waitForGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (groupIsGone(pgid)) return true
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return groupIsGone(pgid)
}

/** A GET on a connection of its own (no keep-alive): the cluster hands each new connection to the next worker. */
function getOnNewConnection(url: string, cookie: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { Cookie: cookie, Connection: 'close' } }, (res) => {
        let text = ''
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      })
      .on('error', reject)
  })
}

/**
 * Sends a sign-in whose body is only half written when `signal()` runs, on a connection the server has
 * already accepted (a first request answered on it), then the rest: the answer proves the request in flight
 * was finished after the signal.
 */
async function requestInFlightDuring(base: string, signal: () => void): Promise<{ status: number }> {
  const { port } = new URL(base)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  await new Promise<void>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent }, (res) => res.resume().on('end', resolve)).on('error', reject)
  })
  const body = JSON.stringify({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD })
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/auth/login',
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => res.resume().on('end', () => resolve({ status: res.statusCode ?? 0 })),
      )
      req.on('error', reject)
      req.write(body.slice(0, 10))
      setTimeout(() => {
        signal()
        setTimeout(() => req.end(body.slice(10)), 1000)
      }, 500)
    })
  } finally {
    agent.destroy()
  }
}

function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
}

describe(`production runtime (${engine})`, { timeout: 600_000 }, () => {
  if (engine === 'pglite') {
    it('npm run start:prod serves the built client and API with plain node, logs JSON lines, and stops on SIGTERM to npm', async () => {
      const server = await start(
        { DATA_DIR: newDataDir(), LOG_FORMAT: 'json', METRICS_TOKEN, DATABASE_URL: undefined },
        { command: 'npm-prod', detached: true },
      )
      // plain node on the compiled file: no TypeScript tooling in the process
      const lines = jsonLines(server.output())
      expect(server.output()).toContain('exec node --enable-source-maps dist/server/main.js')
      expect(lines.some((l) => /listening on http:\/\/127\.0\.0\.1:\d+/.test(String(l.msg)))).toBe(true)

      const health = await call(server.url, '/api/v1/health', { headers: { 'X-Request-Id': 'probe-42' } })
      expect(health.body).toEqual({ status: 'ok', database: 'pglite' })
      expect(health.headers.get('x-request-id')).toBe('probe-42')
      const page = await call(server.url, '/labs/anything')
      expect(page.status).toBe(200)
      expect(page.body).toContain('<html lang="it"')
      const cookie = await signInWithPassword(server.url, DEMO_ACCOUNTS.admin)
      const me = await call(server.url, '/api/v1/me', { cookie })
      expect(me.body.user?.role ?? me.body.role).toBe('admin')
      const wrong = await call(server.url, '/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: DEMO_ACCOUNTS.member, password: 'not-the-password-at-all' }),
      })
      expect(wrong.status).toBe(401)
      const requestId = wrong.headers.get('x-request-id')
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(wrong.body.requestId).toBe(requestId)

      // /metrics: the bearer token or nothing
      expect((await call(server.url, '/metrics')).status).toBe(401)
      expect((await call(server.url, '/metrics', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
      const metrics = await call(server.url, '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
      expect(metrics.status).toBe(200)
      expect(metrics.headers.get('content-type')).toContain('text/plain')
      expect(metrics.body).toMatch(/spazi_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} 1/)
      expect(metrics.body).toMatch(/spazi_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/v1\/auth\/login"\}/)
      expect(metrics.body).toMatch(/spazi_outbox_messages\{status="pending"\} \d+/)
      expect(metrics.body).toMatch(/spazi_outbox_messages\{status="failed"\} 0/)
      expect(metrics.body).toMatch(/spazi_db_pool_connections\{state="max"\} 1/)

      const pgid = server.child.pid!
      server.child.kill('SIGTERM') // npm itself
      expect(await exitWithin(server, 30_000)).toEqual({ code: 0, signal: null })
      expect(await waitForGroupGone(pgid, 5_000)).toBe(true)

      // One line per request, with its fields, and nothing that authenticates anyone.
      const requests = jsonLines(server.output()).filter((l) => l.msg === 'request')
      const login = requests.find((l) => l.route === '/api/v1/auth/login' && l.status === 200)
      expect(login).toMatchObject({ method: 'POST', status: 200, userId: null })
      expect(typeof login?.ms).toBe('number')
      expect(new Date(String(login?.time)).toISOString()).toBe(login?.time)
      expect(requests.find((l) => l.reqId === 'probe-42')).toMatchObject({ route: '/api/v1/health', status: 200 })
      const meLine = requests.find((l) => l.route === '/api/v1/me')
      expect(meLine?.userId).toEqual(expect.any(String))
      expect(requests.find((l) => l.reqId === requestId)).toMatchObject({ status: 401 })
      expect(server.output()).not.toContain(DEMO_PASSWORD)
      expect(server.output()).not.toContain(cookie.split('=')[1])
      expect(server.output()).not.toContain(METRICS_TOKEN)
    })

    it('stops on SIGINT to the node process, and on SIGTERM to the whole process group', async () => {
      const dataDir = newDataDir()
      const bare = await start({ DATA_DIR: dataDir, DATABASE_URL: undefined }, { command: 'node-prod' })
      expect((await call(bare.url, '/api/v1/health')).status).toBe(200)
      expect((await call(bare.url, '/metrics')).status).toBe(404) // METRICS_TOKEN unset: no such address
      bare.child.kill('SIGINT')
      expect(await exitWithin(bare, 30_000)).toEqual({ code: 0, signal: null })

      const grouped = await start({ DATA_DIR: dataDir, DATABASE_URL: undefined }, { command: 'npm-prod', detached: true })
      // a request in flight when the signal arrives is answered
      const answer = await requestInFlightDuring(grouped.url, () => process.kill(-grouped.child.pid!, 'SIGTERM'))
      expect(answer.status).toBe(200)
      expect(await exitWithin(grouped, 30_000)).toEqual({ code: 0, signal: null })
      expect(await waitForGroupGone(grouped.child.pid!, 5_000)).toBe(true)
      expect(grouped.output()).not.toContain('shutdown failed')
    })

    it('backs up while serving, restores into an empty DATA_DIR, and every booking is there', async () => {
      const dataDir = newDataDir()
      const server = await start({ DATA_DIR: dataDir, DATABASE_URL: undefined }, { command: 'node-prod' })
      const cookie = await signInWithPassword(server.url, DEMO_ACCOUNTS.admin)
      const area = await call(server.url, '/api/v1/areas', {
        method: 'POST',
        cookie,
        body: JSON.stringify({ name: `Quartiere del backup ${randomBytes(3).toString('hex')}`, municipio: 4 }),
      })
      expect(area.status).toBe(201)
      const bookings = await allBookingIds(server.url, cookie)
      expect(bookings.length).toBeGreaterThan(10)

      const running = path.join(newDataDir(), 'running.tar.gz')
      const backup = await runCommand(['run', 'backup', '--', running], { DATA_DIR: dataDir, DATABASE_URL: undefined })
      expect(backup.stderr).toBe('')
      expect(backup.code).toBe(0)
      expect(backup.stdout).toContain('from the running server')
      expect(fs.statSync(running).mode & 0o777).toBe(0o600)
      // the service kept serving through it
      expect((await call(server.url, '/api/v1/health')).status).toBe(200)

      server.child.kill('SIGTERM')
      expect((await server.exited).code).toBe(0)
      const stopped = path.join(path.dirname(running), 'stopped.tar.gz')
      const offline = await runCommand(['run', 'backup', '--', stopped], { DATA_DIR: dataDir, DATABASE_URL: undefined })
      expect(offline.code).toBe(0)
      expect(offline.stdout).toContain('server stopped')

      // restore refuses a DATA_DIR that holds a database
      const refused = await runCommand(['run', 'restore', '--', running], { DATA_DIR: dataDir, DATABASE_URL: undefined })
      expect(refused.code).not.toBe(0)
      expect(refused.stderr).toContain('not empty')

      // the backup taken while serving: a server started on it finds every booking and the new area
      const restoredDir = newDataDir()
      const restore = await runCommand(['run', 'restore', '--', running], { DATA_DIR: restoredDir, DATABASE_URL: undefined })
      expect(restore.code).toBe(0)
      const restored = await start({ DATA_DIR: restoredDir, DATABASE_URL: undefined }, { command: 'node-prod' })
      expect(restored.output()).not.toContain('demo data seeded')
      const again = await signInWithPassword(restored.url, DEMO_ACCOUNTS.admin)
      expect(await allBookingIds(restored.url, again)).toEqual(bookings)
      const areas = await call(restored.url, '/api/v1/areas?limit=1000')
      expect(areas.body.map((a: { id: string }) => a.id)).toContain(area.body.id)
      restored.child.kill('SIGTERM')
      expect((await restored.exited).code).toBe(0)

      // the backup taken while stopped: the same bookings, read straight from the restored database
      const offlineDir = newDataDir()
      expect((await runCommand(['run', 'restore', '--', stopped], { DATA_DIR: offlineDir, DATABASE_URL: undefined })).code).toBe(0)
      const bookingRows = async (dir: string) => {
        const handle = await connectDatabase({ pgliteDataDir: path.join(dir, 'pglite') })
        try {
          return await handle.db.selectFrom('bookings').select(['id', 'status', 'title']).orderBy('id').execute()
        } finally {
          await handle.close()
        }
      }
      const original = await bookingRows(dataDir)
      expect(original.length).toBeGreaterThanOrEqual(bookings.length)
      expect(await bookingRows(offlineDir)).toEqual(original)
    })

    it('admin:create on the embedded engine, server running or not: a one-time link valid 24 h, never a password', async () => {
      const dataDir = newDataDir()
      const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, SEED_DEMO: '0', PUBLIC_URL: 'https://spazi.example.org' }
      // before the first start: the database is created and migrated
      const offline = await runCommand(
        ['run', 'admin:create', '--', '--email', 'Prima.Admin@Comune.Milano.IT', '--name', 'Prima Admin'],
        env,
      )
      expect(offline.stderr).toBe('')
      expect(offline.code).toBe(0)
      const firstLink = /https:\/\/spazi\.example\.org\/login\?token=([\w-]+)/.exec(offline.stdout)
      expect(firstLink).not.toBeNull()

      const server = await start(env, { command: 'node-prod' })
      // while it runs: asked over the control channel
      const online = await runCommand(['run', 'admin:create', '--', '--email', 'seconda@comune.milano.it', '--name', 'Seconda'], env)
      expect(online.code).toBe(0)
      const secondLink = /https:\/\/spazi\.example\.org\/login\?token=([\w-]+)/.exec(online.stdout)
      for (const [link, email] of [
        [firstLink!, 'prima.admin@comune.milano.it'],
        [secondLink!, 'seconda@comune.milano.it'],
      ] as const) {
        const verified = await call(server.url, '/api/v1/auth/magic-link/verify', {
          method: 'POST',
          body: JSON.stringify({ token: link[1] }),
        })
        expect(verified.status).toBe(200)
        expect(verified.body.user).toMatchObject({ email, role: 'admin' })
        // one use only
        const replay = await call(server.url, '/api/v1/auth/magic-link/verify', {
          method: 'POST',
          body: JSON.stringify({ token: link[1] }),
        })
        expect(replay.status).toBe(401)
      }
      expect(`${offline.stdout}${online.stdout}`).not.toMatch(/password/i)

      const malformed = await runCommand(['run', 'admin:create', '--', '--email', 'not-an-email', '--name', 'X'], env)
      expect(malformed.code).not.toBe(0)
      expect(malformed.stderr).toContain('not a valid email address')
      const missing = await runCommand(['run', 'admin:create', '--', '--name', 'X'], env)
      expect(missing.code).not.toBe(0)
      expect(missing.stderr).toContain('--email')
      server.child.kill('SIGTERM')
      expect((await server.exited).code).toBe(0)
    })
  }

  if (engine === 'postgres') {
    it('done when: a fresh database, no demo, build, admin:create, start:prod with two workers, the link gives a working empty service', async () => {
      const databaseUrl = await freshDatabase()
      const env = { DATABASE_URL: databaseUrl, SEED_DEMO: '0', DATA_DIR: newDataDir(), LOG_FORMAT: 'json', METRICS_TOKEN, WORKERS: '2' }
      const created = await runCommand(
        ['run', 'admin:create', '--', '--email', 'it@comune.milano.it', '--name', 'Servizi Informativi'],
        env,
      )
      expect(created.stderr).toBe('')
      expect(created.code).toBe(0)
      // The link names PUBLIC_URL (default http://localhost:PORT); the test goes to the server it started.
      const token = /\/login\?token=([\w-]+)/.exec(created.stdout)![1]
      const promoted = await runCommand(['run', 'admin:create', '--', '--email', 'IT@comune.milano.it'], env)
      expect(promoted.code).toBe(0)
      expect(promoted.stdout).toContain('Promoted')

      const server = await start(env, { command: 'npm-prod', detached: true })
      const empty = await call(server.url, '/api/v1/hubs')
      expect(empty.body).toEqual([])
      const verified = await call(server.url, '/api/v1/auth/magic-link/verify', { method: 'POST', body: JSON.stringify({ token }) })
      expect(verified.status).toBe(200)
      expect(verified.body.user).toMatchObject({ email: 'it@comune.milano.it', name: 'Servizi Informativi', role: 'admin' })
      const cookie = verified.cookie!
      const area = await call(server.url, '/api/v1/areas', {
        method: 'POST',
        cookie,
        body: JSON.stringify({ name: 'Lorenteggio', municipio: 6 }),
      })
      expect(area.status).toBe(201)
      const hub = await call(server.url, '/api/v1/hubs', {
        method: 'POST',
        cookie,
        body: JSON.stringify({
          name: 'Hub Lorenteggio',
          kind: 'community_hub',
          address: 'Via Lorenteggio 1, Milano',
          areaId: area.body.id,
        }),
      })
      expect(hub.status).toBe(201)
      for (let i = 0; i < 12; i++) expect((await getOnNewConnection(`${server.url}/api/v1/hubs`, cookie)).body).toHaveLength(1)

      // Two worker processes answered, and /metrics counts the requests of both.
      const pids = new Set(
        jsonLines(server.output())
          .filter((l) => l.msg === 'request')
          .map((l) => l.pid),
      )
      expect(pids.size).toBe(2)
      const metrics = await call(server.url, '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
      expect(metrics.status).toBe(200)
      expect(metrics.body).toMatch(/spazi_http_requests_total\{method="GET",route="\/api\/v1\/hubs",status="200"\} 13/)
      expect(metrics.body).toMatch(/spazi_db_pool_connections\{state="max"\} 20/)

      process.kill(-server.child.pid!, 'SIGTERM')
      expect(await exitWithin(server, 30_000)).toEqual({ code: 0, signal: null })
      expect(await waitForGroupGone(server.child.pid!, 5_000)).toBe(true)
    })

    it('pg_dump and pg_restore (docs/running.md) carry every booking to a new database the server runs on', async () => {
      const source = await freshDatabase()
      const env = { DATABASE_URL: source, SEED_DEMO: '1', DATA_DIR: newDataDir(), WORKERS: '1' }
      const first = await start(env, { command: 'node-prod' })
      first.child.kill('SIGTERM')
      expect((await first.exited).code).toBe(0)
      const file = path.join(newDataDir(), 'spazi.dump')
      // the commands of docs/running.md, "Backups"
      execFileSync('pg_dump', ['--format=custom', `--file=${file}`, source])
      const target = await freshDatabase()
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target}`, file])
      const ids = async (url: string) => {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        const { rows } = await client.query('select id, status, during::text from bookings order by id')
        await client.end()
        return rows
      }
      const before = await ids(source)
      expect(before.length).toBeGreaterThan(10)
      expect(await ids(target)).toEqual(before)
      const restored = await start({ ...env, DATABASE_URL: target }, { command: 'node-prod' })
      expect(restored.output()).not.toContain('demo data seeded')
      const cookie = await signInWithPassword(restored.url, DEMO_ACCOUNTS.admin)
      expect(await allBookingIds(restored.url, cookie)).toEqual(before.map((b) => b.id).sort())
      restored.child.kill('SIGTERM')
      expect((await restored.exited).code).toBe(0)
    })

    it('several processes migrating one new database at once: each starts, every migration runs once', async () => {
      const databaseUrl = await freshDatabase()
      const env = { DATABASE_URL: databaseUrl, SEED_DEMO: '1', DATA_DIR: newDataDir(), WORKERS: '1' }
      const started = await Promise.all([1, 2, 3].map(() => start(env, { command: 'node-prod' })))
      for (const server of started) expect((await call(server.url, '/api/v1/health')).status).toBe(200)
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      const { rows } = await client.query('select name, count(*)::int as n from kysely_migration group by name having count(*) > 1')
      const hubs = await client.query('select count(*)::int as n from hubs')
      await client.end()
      expect(rows).toEqual([])
      // the demo was seeded once, not three times
      expect(started.filter((s) => s.output().includes('demo data seeded'))).toHaveLength(1)
      expect(hubs.rows[0].n).toBeGreaterThanOrEqual(3)
      for (const server of started) {
        server.child.kill('SIGTERM')
        expect((await server.exited).code).toBe(0)
      }
    })
  }
})
