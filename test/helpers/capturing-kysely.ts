import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import type { Database } from '../../db/schema.ts'

/**
 * A Kysely with PostgreSQL's compiler whose driver answers nothing and remembers the statements it was sent: for
 * unit tests of what text and parameters a statement builder sends (db/precompiled.ts, bookings-insert.ts). What
 * the statements do is tested against real databases in test/api.
 */
export function capturing() {
  const sent: CompiledQuery[] = []
  const connection: DatabaseConnection = {
    executeQuery: async (q) => {
      sent.push(q)
      return { rows: [] }
    },
    streamQuery: () => {
      throw new Error('no streams')
    },
  }
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  return { db, sent }
}
