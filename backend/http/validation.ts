import type { Context } from 'hono'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { AppError, type FieldError, problems } from './problem.ts'

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw problems.validation(toFieldErrors(result.error))
  return result.data
}

/** Reads and validates a JSON body: malformed JSON and schema faults are 400 problems. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? ''
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json.')
  }
  const raw = await c.req.text()
  let value: unknown
  try {
    value = raw === '' ? {} : JSON.parse(raw)
  } catch {
    throw new AppError('malformed_json', 'The body is not valid JSON.')
  }
  return parseWith(schema, value)
}

/** Validates the query string (single values; repeated keys keep the last). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query())
}

/** Validates a path parameter that must be an id (ids are UUIDs; anything else is simply unknown). */
/** Ids are UUIDs: anything else names no record (callers answer 404 or "unavailable", never 400). */
export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success

export function readId(c: Context, name = 'id', what = 'resource'): string {
  const value = c.req.param(name) ?? ''
  if (!isUuid(value)) throw problems.notFound(what)
  return value
}

// Shared field schemas.
export const text = (max: number) => z.string().trim().min(1).max(max)
export const optionalText = (max: number) => z.string().trim().max(max).nullish()
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  // Date.parse would roll 2027-02-30 over to March: a calendar date must exist.
  .refine((s) => DateTime.fromISO(s).isValid, 'not a real date')
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:mm')
export const email = z.string().trim().toLowerCase().pipe(z.email())
export const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
}
