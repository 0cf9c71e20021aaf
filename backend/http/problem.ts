import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'

/** The kinds of problem the API answers with; each has one status. */
export const PROBLEM_STATUS = {
  validation: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  database_unavailable: 503,
} as const
export type ProblemCode = keyof typeof PROBLEM_STATUS

const TITLES: Record<ProblemCode, string> = {
  validation: 'Invalid input',
  malformed_json: 'Malformed JSON body',
  unauthorized: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_requests: 'Too many attempts',
  internal: 'Internal error',
  database_unavailable: 'Database unavailable',
}

export interface FieldError {
  path: string
  message: string
}

/** An expected failure, carried as a value up to the error handler, which renders it as problem+json. */
export class AppError extends Error {
  readonly code: ProblemCode
  readonly status: number
  readonly extra: Record<string, unknown>
  readonly headers: Record<string, string>
  constructor(code: ProblemCode, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail)
    this.code = code
    this.status = PROBLEM_STATUS[code]
    this.extra = extra
    this.headers = headers
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields.') => new AppError('validation', detail, { errors }),
  notFound: (what = 'resource') => new AppError('not_found', `No such ${what}.`),
  forbidden: (detail = 'You are not allowed to do this.') => new AppError('forbidden', detail),
  unauthorized: (detail = 'Sign in first.') => new AppError('unauthorized', detail),
  conflict: (detail: string, extra: Record<string, unknown> = {}) => new AppError('conflict', detail, extra),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('too_many_requests', 'Too many attempts; try again later.', {}, { 'Retry-After': String(retryAfterSeconds) }),
}

export function problemBody(code: ProblemCode, detail: string, extra: Record<string, unknown> = {}) {
  return {
    type: `https://spazicomuni.comune.milano.it/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[code],
    status: PROBLEM_STATUS[code],
    detail,
    ...extra,
  }
}

export function problemResponse(
  code: ProblemCode,
  detail: string,
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
      return problems.conflict('The slot was taken in the meantime.', { constraint, conflicts: [] })
    case '23505':
      return problems.conflict('A record with the same unique value already exists.', { constraint })
    case '23503':
      return problems.conflict('The record refers to, or is referred by, another record.', { constraint })
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return problems.validation([], 'A value is out of the allowed range.')
    case '40001':
    case '40P01':
      return problems.conflict('A concurrent change got in the way; try again.')
    default:
      return null
  }
}

type Logger = (msg: string, err: unknown) => void

/** The one error handler: every failure leaves as problem+json. */
export function handleError(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return problemResponse(err.code, err.message, err.extra, err.headers)
    if (err instanceof HTTPException) {
      const status = err.status
      if (status === 413) return problemResponse('payload_too_large', 'The request body is larger than 1 MiB.')
      if (status === 401) return problemResponse('unauthorized', 'Sign in first.')
      if (status === 403) return problemResponse('forbidden', err.message || 'Not allowed.')
      if (status === 400) return problemResponse('validation', err.message || 'Bad request.', { errors: [] })
      if (status === 404) return problemResponse('not_found', 'Not found.')
    }
    const mapped = fromDatabaseError(err)
    if (mapped) return problemResponse(mapped.code, mapped.message, mapped.extra)
    if (isDatabaseUnavailable(err)) {
      return problemResponse('database_unavailable', 'The database does not answer; try again shortly.', {}, { 'Retry-After': '5' })
    }
    log(`${c.req.method} ${c.req.path} failed`, err)
    return problemResponse('internal', 'Something went wrong on our side. The error has been logged.')
  }
}
