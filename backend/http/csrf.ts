import type { MiddlewareHandler } from 'hono'
import { http } from './messages.ts'
import { problemResponse } from './problem.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Unsafe methods from a browser must come from our own origin: a foreign Origin, or
 * Sec-Fetch-Site: cross-site, is refused. Plain API clients send neither and pass.
 */
export function csrfCheck(publicUrl: string): MiddlewareHandler {
  const trusted = new URL(publicUrl).origin
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      const site = c.req.header('sec-fetch-site')
      const own = new URL(c.req.url).origin
      const host = c.req.header('host')
      const sameOrigin = (o: string) => o === trusted || o === own || (host !== undefined && new URL(o).host === host)
      let allowed = true
      if (origin !== undefined) allowed = origin !== 'null' && URL.canParse(origin) && sameOrigin(origin)
      else if (site !== undefined) allowed = site === 'same-origin' || site === 'none'
      if (!allowed) return problemResponse('forbidden', http.csrf())
    }
    await next()
  }
}
