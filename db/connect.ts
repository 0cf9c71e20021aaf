import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

// One set of parsers for both hosts: PGlite is reached through node-postgres too.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export type Engine = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  engine: Engine
  /** The connection pool's state now (for /metrics). */
  pool: () => PoolStats
  /** Embedded engine only: a consistent copy of the whole database (tar.gz), taken between two transactions. */
  snapshot?: () => Promise<Uint8Array>
  close(): Promise<void>
}

export interface PoolStats {
  max: number
  total: number
  idle: number
  waiting: number
}

function poolStats(pool: pg.Pool): () => PoolStats {
  const max = (pool.options as { max?: number }).max ?? 10
  return () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount })
}

export interface ConnectOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded engine. */
  databaseUrl?: string
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  pgliteDataDir?: string
  /** Pool size on PostgreSQL. */
  poolSize?: number
  /** How long a connection beyond the WARM_CONNECTIONS may stay idle before it is closed (tests shorten it). */
  idleTimeoutMs?: number
  /** How long PostgreSQL lets a transaction sit idle before it ends the session (IDLE_IN_TRANSACTION_MS; tests shorten it). */
  idleInTransactionMs?: number
}

/** How long opening a connection to PostgreSQL may take before the server counts as not answering. */
const CONNECT_TIMEOUT_MS = 5_000
/**
 * How long a request may wait in the pool's queue for a connection. Waiting is not an outage (a burst of
 * requests beyond the pool queues, each transaction holding its connection a few milliseconds), so this is
 * far longer than CONNECT_TIMEOUT_MS: only a database that stops answering while holding every connection
 * makes a request wait that long, and then it is answered 503.
 */
const QUEUE_TIMEOUT_MS = 30_000

/**
 * Connections the pool keeps open however long they stay idle (issue 18). A connection holds its prepared
 * statements and, after their first five runs on it, PostgreSQL's generic plans of them: a hub's week is planned
 * afresh on each of its first six runs on a connection (4–5.6 ms of planning each on the Milan-scale dataset) and
 * then reuses its plan (0.2–0.3 ms). Closing every idle connection after IDLE_TIMEOUT_MS made a quiet server
 * open a new connection and plan its statements again for most requests; the connections beyond these warm
 * ones, opened by a burst, are still closed after that time.
 */
const WARM_CONNECTIONS = 2
const IDLE_TIMEOUT_MS = 30_000

/**
 * How long PostgreSQL lets one of the app's transactions wait idle for its next statement before it ends the
 * session (`idle_in_transaction_session_timeout`), rolling the transaction back and releasing its locks. The app's
 * transactions send their statements one after another within milliseconds (a password's hash, ≈ 0.1 s, is the
 * longest pause); only a process that hangs in the middle of one leaves it idle. Without a bound, such a
 * transaction would keep its locks — a lab's write lock among them (migration 0622), which every booking of that
 * lab waits for — until someone killed it.
 */
const IDLE_IN_TRANSACTION_MS = 60_000

/**
 * pg's Client with its own connect timeout. The pool's `connectionTimeoutMillis` bounds both the wait in its
 * queue and the opening of a new connection; the two are told apart here, so that a request that only waits
 * for a busy pool is not answered "database unavailable" (issue 18).
 */
export class TimedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  }

  /** The statements this connection has prepared (see `preparedName`). */
  private prepared = new Set<string>()
  private generation = 0

  /**
   * Kysely sends every statement as (text, values) and awaits pg's promise; those worth preparing are sent under a
   * name (issue 18). The promise is ours, around pg's callback form: with pg's own promise a result stayed reachable
   * through the young heap's collections, and each collection copied the rows of every statement since the last
   * one (a bare server reading 50 rows a request: 3 MB kept per collection against 0.01 MB; docs/benchmarks.md).
   */
  override query(config: any, values?: any, callback?: any): any {
    if (callback || typeof values === 'function' || typeof config !== 'string') return super.query(config, values, callback)
    const name = Array.isArray(values) ? preparedName(config, this.prepared, this.generation) : undefined
    return new Promise<pg.QueryResult>((resolve, reject) => {
      const done = (err: Error | null, result: pg.QueryResult) => (err ? reject(name ? this.refusedPrepared(err) : err) : resolve(result))
      if (name) super.query({ name, text: config, values }, done)
      else super.query(config, values, done)
    })
  }

  /**
   * A migration run by another process (docs/running.md, "Upgrades") that changes the columns of a table a
   * prepared `select *` reads makes PostgreSQL refuse that statement ("cached plan must not change result
   * type"). That request fails; the connection's later statements are prepared afresh under new names.
   */
  private refusedPrepared(err: Error): Error {
    if ((err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(err))) {
      this.generation++
      this.prepared = new Set()
    }
    return err
  }
}

/** How many statements one connection keeps prepared; beyond, new texts are sent unnamed as before. */
const PREPARED_PER_CONNECTION = 300

/**
 * The name under which a statement is prepared on a connection, or none. PostgreSQL parses and plans an unnamed
 * statement every time; a named one is parsed once per connection and its plan reused (after five runs the
 * planner may keep a generic plan when it costs no more than a custom one). Only plain data statements are
 * named: not `begin`/`commit`/`set`, nor the reports' long read-only statements, whose plans depend on their
 * dates (`REPORT_TEXT`). A connection keeps at most PREPARED_PER_CONNECTION of them, so texts that vary (an
 * `in` list of any length) cannot grow the server's memory without bound.
 */
export function preparedName(text: string, prepared: Set<string>, generation = 0): string | undefined {
  if (text.length > REPORT_TEXT || !DATA_STATEMENT.test(text)) return undefined
  const name = `sc${generation}_${digestOf(text)}`
  if (prepared.has(name)) return name
  if (prepared.size >= PREPARED_PER_CONNECTION) return undefined
  prepared.add(name)
  return name
}

/**
 * The texts' digests, shared by the process's connections: a statement's text is hashed once, not on every run
 * (issue 18: a hash per statement showed in the throughput profile). Emptied once it holds 1,200 texts.
 */
const digests = new Map<string, string>()

function digestOf(text: string): string {
  let digest = digests.get(text)
  if (digest === undefined) {
    if (digests.size >= PREPARED_PER_CONNECTION * 4) digests.clear()
    digest = createHash('sha1').update(text).digest('base64url')
    digests.set(text, digest)
  }
  return digest
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i
const REPORT_TEXT = 4_000

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const max = options.poolSize ?? 10
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max,
      Client: TimedClient,
      connectionTimeoutMillis: QUEUE_TIMEOUT_MS,
      min: Math.min(WARM_CONNECTIONS, max),
      idleTimeoutMillis: options.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
      // TCP keep-alive notices a server that vanished without closing the connection; probing an idle one after a
      // minute also keeps a firewall between them from forgetting the warm connections.
      keepAlive: true,
      keepAliveInitialDelayMillis: 60_000,
      idle_in_transaction_session_timeout: options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS,
    })
    // A client that loses its server must not crash the process, idle (the pool's 'error') or checked out
    // between two queries (its own 'error'): the query in progress fails with the cause, and the pool
    // drops the broken client when it is released; the next query reconnects.
    pool.on('error', () => {})
    pool.on('connect', (client) => {
      client.on('error', () => {})
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', pool: poolStats(pool), close: () => db.destroy() }
  }
  const dataDir = options.pgliteDataDir ?? 'memory://'
  let unlock = () => {}
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
    unlock = lockDataDir(dataDir)
  }
  const fresh = isNewCluster(dataDir)
  const template = fresh ? readTemplate() : undefined
  const lite = await openEmbedded(dataDir, template)
  const pool = new pg.Pool(createPgConfig(lite.instance) as unknown as pg.PoolConfig)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  if (fresh && !lite.fromTemplate) await saveTemplate(db, lite.instance)
  return {
    db,
    engine: 'pglite',
    pool: poolStats(pool),
    // The pool's one connection is held for the copy: no transaction is half done in it, none starts meanwhile.
    snapshot: () =>
      db.connection().execute(async (conn) => {
        await sql`checkpoint`.execute(conn)
        return new Uint8Array(await (await lite.instance.dumpDataDir('gzip')).arrayBuffer())
      }),
    async close() {
      await db.destroy()
      await lite.instance.close()
      unlock()
    },
  }
}

const PGLITE_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
).version
// Found from the package rather than from this file, which may be bundled into dist/server (npm run build).
const NODE_MODULES = (() => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  return entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}`) + '/node_modules'.length)
})()
const TEMPLATE_DIR = path.join(NODE_MODULES, '.cache', 'spazi-comuni')

/**
 * The template of a new embedded cluster: initdb'ed and migrated, for this PGlite version and these
 * migrations (their names and the source of their `up`), so that an edited migration never hides behind
 * a stale template.
 */
function templatePath(): string {
  const hash = createHash('sha256').update(PGLITE_VERSION)
  for (const name of Object.keys(migrations).sort()) hash.update(name).update(String(migrations[name].up))
  return path.join(TEMPLATE_DIR, `pglite-${PGLITE_VERSION}-${hash.digest('hex').slice(0, 16)}.tar`)
}

let templateInMemory: { path: string; blob: Blob } | undefined

function readTemplate(): Blob | undefined {
  const file = templatePath()
  if (templateInMemory?.path === file) return templateInMemory.blob
  if (!fs.existsSync(file)) return undefined
  templateInMemory = { path: file, blob: new Blob([fs.readFileSync(file)]) }
  return templateInMemory.blob
}

function isNewCluster(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))
}

/**
 * Opens the embedded engine; a new cluster starts from the template when there is one (as PGlite's own
 * pre-populated FS does, skipping seconds of initdb and migrations). The template is only an accelerator:
 * one that does not load is dropped and the cluster initialised the normal way.
 */
async function openEmbedded(dataDir: string, template: Blob | undefined): Promise<{ instance: PGlite; fromTemplate: boolean }> {
  const options = { dataDir, extensions: { btree_gist } }
  const onDisk = !dataDir.startsWith('memory://')
  if (template) {
    if (onDisk) fs.mkdirSync(dataDir, { recursive: true })
    try {
      return { instance: await PGlite.create({ ...options, loadDataDir: template }), fromTemplate: true }
    } catch {
      templateInMemory = undefined
      fs.rmSync(templatePath(), { force: true })
      if (onDisk) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
  return { instance: await PGlite.create(options), fromTemplate: false }
}

/** Migrates the new cluster and keeps a copy of it as the template of the next ones. */
async function saveTemplate(db: Kysely<Database>, lite: PGlite): Promise<void> {
  await migrateToLatest(db)
  const file = templatePath()
  const blob = await lite.dumpDataDir('none')
  templateInMemory = { path: file, blob }
  const partial = `${file}.${process.pid}.partial`
  try {
    fs.mkdirSync(TEMPLATE_DIR, { recursive: true })
    // Written whole under another name, then renamed: a concurrent reader never sees half a template.
    fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()))
    fs.renameSync(partial, file)
    // Templates of other versions or migrations are of no further use.
    for (const other of fs.readdirSync(TEMPLATE_DIR)) {
      if (other.startsWith('pglite-') && other.endsWith('.tar') && path.join(TEMPLATE_DIR, other) !== file) {
        fs.rmSync(path.join(TEMPLATE_DIR, other), { force: true })
      }
    }
  } catch (err) {
    // The cache is an accelerator: a read-only node_modules (or a full disk) only costs speed.
    fs.rmSync(partial, { force: true })
    if (process.env.LOG_LEVEL !== 'silent') console.warn(`embedded database template not cached: ${(err as Error).message}`)
  }
}

/** Makes the template now (after `npm install`), so that the first start skips initdb and migrations. */
export async function prepareEmbeddedTemplate(): Promise<'ready' | 'made'> {
  if (fs.existsSync(templatePath())) return 'ready'
  const handle = await connectDatabase({ pgliteDataDir: 'memory://' })
  await handle.close()
  return 'made'
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * One process per embedded database: two PGlite instances writing one directory would corrupt it.
 * A lock file beside the directory names the owner's pid; a lock left by a dead process (kill -9) is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`
  const release = () => {
    if (fs.existsSync(lockPath) && fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.rmSync(lockPath, { force: true })
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      process.once('exit', release)
      return release
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = Number(fs.readFileSync(lockPath, 'utf8'))
    if (owner === process.pid) return release
    if (owner && processIsAlive(owner)) {
      throw new Error(
        `Another process (pid ${owner}) is using the embedded database in ${dataDir}. ` +
          'Stop it first, or set DATABASE_URL so that several processes share a PostgreSQL server.',
      )
    }
    fs.rmSync(lockPath, { force: true })
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${lockPath}).`)
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** True when the database answers within `timeoutMs`. */
export async function pingDatabase(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
