import type { Context, MiddlewareHandler } from 'hono'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { catalogueText, fieldMessage, LocalText, type Params, verbatim } from './i18n.ts'
import { field, http, type notFound } from './messages.ts'
import { AppError, type FieldError, problems } from './problem.ts'

const zodLocales = { it: z.locales.it(), en: z.locales.en() }

function localeMessage(locale: 'it' | 'en', issue: z.core.$ZodIssue): string {
  const made = zodLocales[locale].localeError(issue as Parameters<typeof zodLocales.it.localeError>[0])
  if (typeof made === 'string') return made
  return made?.message ?? issue.message
}

/**
 * A zod issue's message in both languages: a schema's own message names a catalogue id (`fieldMessage`),
 * filled from the issue's params; any other issue is worded by zod's Italian and English locales.
 */
export function issueText(issue: z.core.$ZodIssue): LocalText {
  const params = 'params' in issue && issue.params ? (issue.params as Params) : {}
  const ours = catalogueText(issue.message, params)
  if (ours) return ours
  // zod's own wording (the default message is English); a custom string not in the catalogue stays as written
  const english = localeMessage('en', issue)
  if (english !== issue.message) return verbatim(issue.message)
  return LocalText.of({ it: localeMessage('it', issue), en: english })
}

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issueText(issue),
  }))
}

/** PostgreSQL cannot store U+0000 in text (error 22021): such input is refused at the edge, field named. */
export const UNSTORABLE_TEXT = field.unstorableText
const NUL = '\u0000'

/** The paths of every string (or object key) in a JSON value that holds a NUL character. */
export function unstorableTextPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path.join('.')] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableTextPaths(v, [...path, String(i)]))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k.includes(NUL) ? [[...path, k.replaceAll(NUL, '\\0')].join('.')] : unstorableTextPaths(v, [...path, k]),
    )
  }
  return []
}

function refuseUnstorableText(value: unknown): void {
  const paths = unstorableTextPaths(value)
  if (paths.length) throw problems.validation(paths.map((path) => ({ path, message: UNSTORABLE_TEXT() })))
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  refuseUnstorableText(value)
  // reportInput: the locales word "expected number, received string" from the input
  const result = schema.safeParse(value, { reportInput: true })
  if (!result.success) throw problems.validation(toFieldErrors(result.error))
  return result.data
}

/** Reads and validates a JSON body: malformed JSON and schema faults are 400 problems. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? ''
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', http.sendJson())
  }
  const raw = await c.req.text()
  let value: unknown
  try {
    value = raw === '' ? {} : JSON.parse(raw)
  } catch {
    throw new AppError('malformed_json', http.malformedJson())
  }
  return parseWith(schema, value)
}

/** Validates the query string (single values; repeated keys keep the last). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query())
}

/** Ids are UUIDs: anything else names no record (callers answer 404 or "unavailable", never 400). */
const uuid = z.uuid()
export const isUuid = (value: string): boolean => uuid.safeParse(value).success

export function readId(c: Context, name = 'id', what: keyof typeof notFound = 'resource'): string {
  const value = c.req.param(name) ?? ''
  if (!isUuid(value)) throw problems.notFound(what)
  return value
}

// Shared field schemas.
export const text = (max: number) => z.string().trim().min(1).max(max)
export const optionalText = (max: number) => z.string().trim().max(max).nullish()
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, fieldMessage(field.expectedDate))
  // Date.parse would roll 2027-02-30 over to March: a calendar date must exist.
  .refine((s) => DateTime.fromISO(s).isValid, fieldMessage(field.notARealDate))
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, fieldMessage(field.expectedTime))
export const email = z.string().trim().toLowerCase().pipe(z.email())
export const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
}

/**
 * The same refusal for every path segment and query parameter, before any route reads them (some read a
 * parameter without a schema): `?category=a%00b` is a 400 naming `category`, never a database error.
 */
export function refuseUnstorableUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const errors: FieldError[] = []
    for (const [key, value] of url.searchParams) {
      if (key.includes(NUL) || value.includes(NUL)) errors.push({ path: key.replaceAll(NUL, '\\0'), message: UNSTORABLE_TEXT() })
    }
    let path = url.pathname
    try {
      path = decodeURIComponent(path)
    } catch {
      // A malformed escape is the router's business (404), not a NUL.
    }
    if (path.includes(NUL)) errors.push({ path: 'path', message: UNSTORABLE_TEXT() })
    if (errors.length) throw problems.validation(errors)
    await next()
  }
}

/** A 400 naming one field and what is wrong with it (the detail repeats both unless given). */
export function invalid(path: string, message: LocalText, detail?: LocalText): AppError {
  return problems.validation([{ path, message }], detail ?? http.fieldInvalid({ path, message }))
}
