import type { IncomingMessage } from 'node:http'
import type { MiddlewareHandler } from 'hono'

/**
 * A request whose body was refused before it was read whole (413 over the limit, a chunked body refused
 * part way, 401 before the route reads it…) leaves the rest of that body on the connection: the next request
 * there would be parsed from the middle of it. Such an answer says `Connection: close`, so the server ends the
 * connection after it and the client opens a new one.
 */
export function closeWhenBodyUnread(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const length = c.req.header('content-length')
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined
    if (!hasBody || bodyReadWhole(c.env as { incoming?: IncomingMessage } | undefined, c.req.raw)) return
    // A copy, so that the header is added to any response, whoever built it (some have immutable headers).
    const res = new Response(c.res.body, c.res)
    res.headers.set('Connection', 'close')
    c.res = res
  }
}

/** Served by Node, the message says whether its body was read to the end; in process (tests), whether it was read at all. */
function bodyReadWhole(env: { incoming?: IncomingMessage } | undefined, request: Request): boolean {
  return env?.incoming ? env.incoming.readableEnded : request.bodyUsed
}
