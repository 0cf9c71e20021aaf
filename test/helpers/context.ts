import { buildApp } from '../../backend/app.ts'
import { loadConfig } from '../../backend/config.ts'
import { createSession } from '../../backend/features/auth/sessions.ts'
import { afterResponseIdle } from '../../backend/http/after-response.ts'
import type { Deps } from '../../backend/http/context.ts'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { createTestDatabase } from './database.ts'
import { factories } from './factories.ts'
import { startSmtpServer } from './mail.ts'
import { responseChecker } from './openapi.ts'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
  text: string
}

export interface RequestOptions {
  headers?: Record<string, string>
  /** A raw body (sent as is: text, or bytes such as a PDF) instead of JSON. */
  raw?: string | Uint8Array<ArrayBuffer>
  /** The TCP peer the app sees (as @hono/node-server passes it); 127.0.0.1 unless given. */
  remoteAddress?: string
}

/** The bindings @hono/node-server gives the app, reduced to what it reads: the socket's address. */
export function socketEnv(remoteAddress = '127.0.0.1') {
  return { incoming: { socket: { remoteAddress } } }
}

/**
 * One test file's world: its own migrated database, the app built on it (no listening),
 * factories, and HTTP clients signed in as any user.
 */
export async function createTestContext(env: Record<string, string> = {}) {
  const handle = await createTestDatabase()
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:8080', DATA_DIR: '/tmp/spazi-comuni-test', LOG_LEVEL: 'silent', ...env })
  const deps: Deps = { db: handle.db, engine: handle.engine, config }
  const errors: unknown[] = []
  const app = buildApp(deps, { log: (_msg, err) => errors.push(err) })

  // every JSON answer of a described route is checked against the OpenAPI document (test/helpers/openapi.ts)
  let check: ReturnType<typeof responseChecker> | undefined
  async function checkAgainstDocument(method: string, url: string, res: Response, parsed: unknown) {
    check ??= responseChecker(await (await app.request('http://localhost:8080/api/v1/openapi.json')).json())
    const { pathname } = new URL(url)
    if (!pathname.startsWith('/api/v1/')) return
    const fault = check(method, pathname.slice('/api/v1'.length), res.status, res.headers.get('content-type') ?? '', parsed)
    if (fault) throw new Error(`The answer does not match the OpenAPI document: ${fault}`)
  }

  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    cookie?: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) }
    if (cookie) headers.Cookie = cookie
    let payload: string | Uint8Array<ArrayBuffer> | undefined = options.raw
    if (body !== undefined && payload === undefined) {
      payload = JSON.stringify(body)
      headers['Content-Type'] ??= 'application/json'
    }
    const url = path.startsWith('http') ? path : `http://localhost:8080${path.startsWith('/api') ? '' : '/api/v1'}${path}`
    const res = await app.request(url, { method, headers, body: payload }, socketEnv(options.remoteAddress))
    // Work the app does after answering (a sign-in link) is done before the test looks at its effects.
    await afterResponseIdle()
    const text = await res.text()
    let parsed: unknown = text
    if (/json/.test(res.headers.get('content-type') ?? '') && text) {
      parsed = JSON.parse(text)
      await checkAgainstDocument(method, url, res, parsed)
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text }
  }

  function client(cookie?: string) {
    return {
      cookie,
      get: <T = any>(path: string, o?: RequestOptions) => request<T>('GET', path, undefined, cookie, o),
      post: <T = any>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, body ?? {}, cookie, o),
      put: <T = any>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PUT', path, body ?? {}, cookie, o),
      patch: <T = any>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PATCH', path, body ?? {}, cookie, o),
      delete: <T = any>(path: string, o?: RequestOptions) => request<T>('DELETE', path, undefined, cookie, o),
    }
  }

  /** A client signed in as the user (a session row, as the login would create). */
  async function as(user: { id: string }) {
    const { token } = await createSession(handle.db, user.id)
    return client(`sc_session=${token}`)
  }

  return {
    db: handle.db,
    engine: handle.engine,
    deps,
    app,
    /** Errors the app logged as 500s: tests can assert there were none. */
    errors,
    make: factories(handle.db, as),
    anonymous: client(),
    as,
    request,
    close: () => handle.close(),
  }
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>

/**
 * The world of a test file that sends real email: a real SMTP server (`startSmtpServer`, test/helpers/mail.ts:
 * what it receives, parsed by mailparser), a test context whose app sends there (SMTP_URL), and an outbox
 * worker on it, not started (`worker.drain()` or `runOnce()` send what is due; a test that needs its own clock
 * makes its own). `close()` stops the worker, the context and the SMTP server, in that order.
 *
 *   let ctx: MailTestContext
 *   beforeAll(async () => { ctx = await createMailTestContext() })
 *   afterAll(() => ctx?.close())
 *   … await ctx.worker.drain(); ctx.smtp.to('someone@example.org')
 */
export async function createMailTestContext(env: Record<string, string> = {}) {
  const smtp = await startSmtpServer()
  const ctx = await createTestContext({ ...env, SMTP_URL: smtp.url })
  const worker = createOutboxWorker(ctx.deps)
  return {
    ...ctx,
    smtp,
    worker,
    close: async () => {
      await worker.stop()
      await ctx.close()
      await smtp.close()
    },
  }
}

export type MailTestContext = Awaited<ReturnType<typeof createMailTestContext>>
