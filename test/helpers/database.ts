import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { connectDatabase, type DatabaseHandle, type Engine, migrateToLatest } from '../../db/connect.ts'

/** Which engine this test run uses: the vitest project sets TEST_DB_ENGINE (pglite unless told). */
export function testEngine(): Engine {
  return process.env.TEST_DB_ENGINE === 'postgres' ? 'postgres' : 'pglite'
}

function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
  url.pathname = `/${database}`
  return url.toString()
}

async function withAdminConnection<T>(fn: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 }) }),
  })
  try {
    return await fn(admin)
  } finally {
    await admin.destroy()
  }
}

/**
 * A fresh, migrated database of its own for one test file: in-memory PGlite, or a new database
 * on the PostgreSQL server of DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(engine: Engine = testEngine()): Promise<DatabaseHandle> {
  if (engine === 'pglite') {
    const handle = await connectDatabase({ pgliteDataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return handle
  }
  if (!process.env.DATABASE_URL) throw new Error('TEST_DB_ENGINE=postgres needs DATABASE_URL')
  const name = `sc_test_${randomBytes(6).toString('hex')}`
  await withAdminConnection((admin) => sql`create database ${sql.id(name)}`.execute(admin))
  const handle = await connectDatabase({ databaseUrl: serverUrl(name), poolSize: 20 })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    async close() {
      await handle.close()
      await withAdminConnection((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin))
    },
  }
}
