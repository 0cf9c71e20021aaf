import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { routePath } from 'hono/route'
import type { AppEnv } from '../http/context.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'

/**
 * The request id: the caller's `X-Request-Id` when it is a plain token (a proxy's), else a new UUID; it is
 * answered as `X-Request-Id` on every response and named in every problem body (`requestId`), so that a
 * person who reports a problem gives the line to look for in the log.
 */
export function requestIds(): MiddlewareHandler<AppEnv> {
  return requestId({ limitLength: 128 })
}

/**
 * After the answer: one log line (method, the registered route, status, duration, the signed-in user's id:
 * never a body, a query string, a cookie or a token) and the request metrics.
 */
export function requestLog(options: { logger?: Logger; metrics?: Metrics }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const elapsed = performance.now() - started
    const route = routePath(c) || 'unmatched'
    const id = c.get('requestId')
    if (c.res.headers.get('Content-Type')?.startsWith('application/problem+json')) {
      const body = (await c.res.clone().json()) as Record<string, unknown>
      c.res = new Response(JSON.stringify({ ...body, requestId: id }), c.res)
    }
    // Also on answers the handler built as a bare Response (problems), which skip the headers set before. Set on
    // the answer's own headers, as secureHeaders does: c.header() after the answer rebuilds it around a stream
    // of its body, which the server then copies chunk by chunk (issue 18).
    c.res.headers.set('X-Request-Id', id)
    options.metrics?.observeRequest(c.req.method, route, c.res.status, elapsed / 1000)
    options.logger?.request({
      reqId: id,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(elapsed * 10) / 10,
      userId: c.get('user')?.id ?? null,
    })
  }
}
