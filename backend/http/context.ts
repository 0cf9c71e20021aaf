import type { Kysely } from 'kysely'
import type { Engine } from '../../db/connect.ts'
import type { Database, Role } from '../../db/schema.ts'
import type { Config } from '../config.ts'

export interface SessionUser {
  id: string
  email: string
  name: string
  role: Role
  operatorId: string | null
  locale: 'it' | 'en'
}

/** What every feature needs from the process; passed to router factories. */
export interface Deps {
  db: Kysely<Database>
  engine: Engine
  config: Config
}

export type AppEnv = {
  Variables: {
    user: SessionUser | null
  }
}
