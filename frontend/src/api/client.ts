import type { z } from 'zod'
import type { ConflictView } from '../../../backend/features/bookings/schemas.ts'
import type { AffectedBookingConflict } from '../../../backend/features/closures/schemas.ts'
import type { ProblemSchema } from '../../../backend/http/openapi.ts'
import { locale } from '../i18n/index.ts'

/**
 * The one typed client of the Spazi Comuni API: JSON in and out, problem+json thrown as an ApiProblem. The
 * problem's members are the server's schemas (type-only imports: nothing of them reaches the bundle).
 */

/** One invalid field of a validation problem: its dotted path and a message. */
export type FieldError = NonNullable<z.output<typeof ProblemSchema>['errors']>[number]

/**
 * One entry of a 409's `conflicts`: what is in the way of a booking (its time, the reason, the booking), and
 * for a closure's 409 also the booking's lab, team and activity.
 */
export type Conflict = z.output<typeof ConflictView> &
  Partial<Omit<z.output<typeof AffectedBookingConflict>, keyof z.output<typeof ConflictView>>>

/** A parsed RFC 9457 problem; `status` 0 means the network itself failed. */
export class ApiProblem extends Error {
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail: string
  readonly errors: FieldError[]
  readonly conflicts: Conflict[]
  readonly body: Record<string, unknown>

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' ? body.detail : ''
    super(detail || `HTTP ${status}`)
    this.name = 'ApiProblem'
    this.status = status
    this.type = typeof body.type === 'string' ? body.type : 'about:blank'
    this.title = typeof body.title === 'string' ? body.title : ''
    this.detail = detail
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : []
    this.conflicts = Array.isArray(body.conflicts) ? (body.conflicts as Conflict[]) : []
    this.body = body
  }
}

export function isProblem(err: unknown, status?: number): err is ApiProblem {
  return err instanceof ApiProblem && (status === undefined || err.status === status)
}

export type Query = Record<string, string | number | boolean | undefined | null>

const BASE = '/api/v1'

/** The problem URI of a kind of problem; the client keys on it, never on the (translated) texts. */
export const PROBLEM_TYPES = {
  notFound: 'https://spazicomuni.comune.milano.it/problems/not-found',
  noRoute: 'https://spazicomuni.comune.milano.it/problems/no-route',
} as const

/** Headers of every API request: JSON, and problem texts in the interface's language. */
export function apiHeaders(): Record<string, string> {
  return { Accept: 'application/json, application/problem+json', 'Accept-Language': locale() }
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const qs = params.toString()
  return `${BASE}${path}${qs ? `?${qs}` : ''}`
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query, headers: Record<string, string> = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: {
        ...apiHeaders(),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiProblem(0, { title: 'Network error', detail: '' })
  }
  const text = await res.text()
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (!res.ok) {
    const problem = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
    throw new ApiProblem(res.status, problem)
  }
  return parsed as T
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, query, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = null>(path: string) => request<T>('DELETE', path),
}

/**
 * Uploads a file as the raw body, its name in `?filename=` (and any other query). The server judges the
 * type by the content (backend/http/uploads.ts); the declared type is the browser's guess.
 */
export async function uploadFile<T>(path: string, file: File, query: Record<string, string> = {}): Promise<T> {
  const params = new URLSearchParams({ ...query, filename: file.name })
  const res = await fetch(`/api/v1${path}?${params}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json, application/problem+json' },
    body: file,
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiProblem(res.status, body)
  return body as T
}

/** Reads a resource that may not exist yet on this server (endpoint still missing): 404 → fallback. */
export async function getOr<T>(path: string, fallback: T, query?: Query): Promise<T> {
  try {
    return await api.get<T>(path, query)
  } catch (err) {
    if (isProblem(err, 404) || isProblem(err, 405)) return fallback
    throw err
  }
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

/** A read whose failure is shown in place (not thrown to the page's boundary). */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise }
  } catch (error) {
    return { ok: false, error }
  }
}
