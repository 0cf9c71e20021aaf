import type { Kysely } from 'kysely'
import type { App } from '../backend/app.ts'
import type { Deps } from '../backend/http/context.ts'
import type { Database } from '../db/schema.ts'

/** What every scenario gets: the database (scale dataset loaded), the app (in process), signed-in cookies. */
export interface BenchContext {
  db: Kysely<Database>
  app: App
  deps: Deps
  /** `sc_session=…` cookies of the demo accounts. */
  cookies: { admin: string; operator: string; member: string }
}

/** One measured operation, run `iterations` times after `warmup` runs; p50/p95 are printed. */
export interface BenchScenario {
  name: string
  iterations: number
  warmup?: number
  /** Target for p95 in milliseconds (printed next to the figure, never asserted in tests). */
  targetP95Ms?: number
  prepare?(ctx: BenchContext): Promise<void>
  run(ctx: BenchContext, iteration: number): Promise<void>
}
