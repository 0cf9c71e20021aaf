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
  close(): Promise<void>
}

export interface ConnectOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded engine. */
  databaseUrl?: string
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  pgliteDataDir?: string
  /** Pool size on PostgreSQL. */
  poolSize?: number
}

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      // TCP keep-alive notices a server that vanished without closing the connection.
      keepAlive: true,
    })
    // A client that loses its server must not crash the process, idle (the pool's 'error') or checked out
    // between two queries (its own 'error'): the query in progress fails with the cause, and the pool
    // drops the broken client when it is released; the next query reconnects.
    pool.on('error', () => {})
    pool.on('connect', (client) => {
      client.on('error', () => {})
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  const dataDir = options.pgliteDataDir ?? 'memory://'
  let unlock = () => {}
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
    unlock = lockDataDir(dataDir)
  }
  const lite = await openEmbedded(dataDir)
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy()
      await lite.close()
      unlock()
    },
  }
}

const PGLITE_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
).version
/** A freshly initialised cluster of this PGlite version, kept to skip initdb (seconds of CPU) on the next new database. */
const CLUSTER_TEMPLATE = path.resolve(
  import.meta.dirname,
  '..',
  'node_modules',
  '.cache',
  'spazi-comuni',
  `pglite-${PGLITE_VERSION}-cluster.tar`,
)
let templateInMemory: Blob | undefined

function isNewCluster(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))
}

/**
 * Opens the embedded engine. A new cluster starts from the cached template of a fresh initdb when there is
 * one (as PGlite's own pre-populated FS does), and leaves one behind when there is not. The cache is only an
 * accelerator: a template that does not load is dropped and the cluster initialised the normal way.
 */
async function openEmbedded(dataDir: string): Promise<PGlite> {
  const options = { dataDir, extensions: { btree_gist } }
  if (!isNewCluster(dataDir)) return PGlite.create(options)
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true })
  if (!templateInMemory && fs.existsSync(CLUSTER_TEMPLATE)) templateInMemory = new Blob([fs.readFileSync(CLUSTER_TEMPLATE)])
  if (templateInMemory) {
    try {
      return await PGlite.create({ ...options, loadDataDir: templateInMemory })
    } catch {
      templateInMemory = undefined
      fs.rmSync(CLUSTER_TEMPLATE, { force: true })
      if (!dataDir.startsWith('memory://')) fs.rmSync(dataDir, { recursive: true, force: true })
      if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true })
    }
  }
  const lite = await PGlite.create(options)
  templateInMemory = await lite.dumpDataDir('none')
  // Written whole under another name, then renamed: a concurrent reader never sees half a template.
  const partial = `${CLUSTER_TEMPLATE}.${process.pid}.partial`
  fs.mkdirSync(path.dirname(CLUSTER_TEMPLATE), { recursive: true })
  fs.writeFileSync(partial, Buffer.from(await templateInMemory.arrayBuffer()))
  fs.renameSync(partial, CLUSTER_TEMPLATE)
  return lite
}

/** Makes the cluster template now (after `npm install`), so that the first start skips initdb. */
export async function prepareEmbeddedTemplate(): Promise<'ready' | 'made'> {
  if (fs.existsSync(CLUSTER_TEMPLATE)) return 'ready'
  const lite = await openEmbedded('memory://')
  await lite.close()
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
