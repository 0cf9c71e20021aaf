import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { LocalText } from './i18n.ts'
import { http, notFound, problemTitles } from './messages.ts'

/** The kinds of problem the API answers with; each has one status, one `type` URI and one title. */
export const PROBLEM_STATUS = {
  validation: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  no_route: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  database_unavailable: 503,
} as const
export type ProblemCode = keyof typeof PROBLEM_STATUS

export const PROBLEM_TYPE_BASE = 'https://spazicomuni.comune.milano.it/problems/'

/** The stable `type` URI of a kind of problem: what clients key on (never on the texts, which are translated). */
export const problemType = (code: ProblemCode) => `${PROBLEM_TYPE_BASE}${code.replaceAll('_', '-')}`

export interface FieldError {
  path: string
  message: LocalText
}

/**
 * An expected failure, carried as a value up to the error handler, which renders it as problem+json. Its
 * detail is a LocalText from a message catalogue (`defineMessages`), so every problem exists in every
 * language: a bare string does not type-check.
 */
export class AppError extends Error {
  readonly code: ProblemCode
  readonly status: number
  readonly detail: LocalText
  readonly extra: Record<string, unknown>
  readonly headers: Record<string, string>
  constructor(code: ProblemCode, detail: LocalText, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail.in('en'))
    this.code = code
    this.status = PROBLEM_STATUS[code]
    this.detail = detail
    this.extra = extra
    this.headers = headers
  }
}

export const problems = {
  validation: (errors: FieldError[], detail: LocalText = http.invalidFields()) => new AppError('validation', detail, { errors }),
  /** 404 naming the kind of record (`problems.notFound('lab')` → "Laboratorio non trovato."). */
  notFound: (what: keyof typeof notFound = 'resource') => new AppError('not_found', notFound[what]()),
  forbidden: (detail: LocalText = http.forbidden()) => new AppError('forbidden', detail),
  unauthorized: (detail: LocalText = http.signIn()) => new AppError('unauthorized', detail),
  conflict: (detail: LocalText, extra: Record<string, unknown> = {}) => new AppError('conflict', detail, extra),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('too_many_requests', http.tooManyAttempts(), {}, { 'Retry-After': String(retryAfterSeconds) }),
}

/**
 * The problem+json body. LocalTexts (the title, the detail, field messages, any text among the extra
 * members) serialise in the language of the request being answered (see i18n.ts).
 */
export function problemBody(code: ProblemCode, detail: LocalText, extra: Record<string, unknown> = {}) {
  return {
    type: problemType(code),
    title: problemTitles[code](),
    status: PROBLEM_STATUS[code],
    detail,
    ...extra,
  }
}

export function problemResponse(
  code: ProblemCode,
  detail: LocalText,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify(problemBody(code, detail, extra)), {
    status: PROBLEM_STATUS[code],
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

// PostgreSQL error classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03'])

function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: string }).code
  if (code && (CONNECTION_ERRORS.has(code) || code.startsWith('08'))) return true
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    err.message,
  )
}

/** Maps a constraint violation that slipped past the application checks to a problem (never leaking SQL). */
function fromDatabaseError(err: unknown): AppError | null {
  const code = (err as { code?: string })?.code
  const constraint = (err as { constraint?: string })?.constraint
  switch (code) {
    case '23P01':
      return problems.conflict(http.slotTaken(), { constraint, conflicts: [] })
    case '23505':
      return problems.conflict(http.duplicate(), { constraint })
    case '23503':
      return problems.conflict(http.referenced(), { constraint })
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return problems.validation([], http.outOfRange())
    case '40001':
    case '40P01':
      return problems.conflict(http.concurrentChange())
    default:
      return null
  }
}

type Logger = (msg: string, err: unknown) => void

/** The one error handler: every failure leaves as problem+json. */
export function handleError(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return problemResponse(err.code, err.detail, err.extra, err.headers)
    if (err instanceof HTTPException) {
      const status = err.status
      if (status === 413) return problemResponse('payload_too_large', http.bodyTooLarge())
      if (status === 401) return problemResponse('unauthorized', http.signIn())
      if (status === 403) return problemResponse('forbidden', http.forbidden())
      if (status === 400) return problemResponse('validation', http.badRequest(), { errors: [] })
      if (status === 404) return problemResponse('not_found', http.notFound())
    }
    const mapped = fromDatabaseError(err)
    if (mapped) return problemResponse(mapped.code, mapped.detail, mapped.extra)
    if (isDatabaseUnavailable(err)) {
      return problemResponse('database_unavailable', http.databaseDown(), {}, { 'Retry-After': '5' })
    }
    log(`${c.req.method} ${c.req.path} failed`, err)
    return problemResponse('internal', http.internal())
  }
}
