import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/context.ts'

export function closuresRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>()
  return app
}
