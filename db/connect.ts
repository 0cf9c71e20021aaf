import fs from 'node:fs'
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
  const lite = await PGlite.create({ dataDir, extensions: { btree_gist } })
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
