import { DateTime } from 'luxon'
import { type RawBuilder, sql } from 'kysely'
import { z } from 'zod'

export const DEFAULT_ZONE = 'Europe/Rome'

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/

/** A request instant: with an offset it is absolute; without, it is wall time in `zone`. Null when invalid. */
export function parseInstant(value: string, zone: string = DEFAULT_ZONE): DateTime | null {
  if (WITH_OFFSET.test(value)) {
    const dt = DateTime.fromISO(value, { setZone: true })
    return dt.isValid ? dt.setZone(zone) : null
  }
  if (LOCAL.test(value)) {
    const dt = DateTime.fromISO(value, { zone })
    // A wall time skipped by the spring-forward gap does not exist; luxon would silently shift it.
    if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== value.slice(0, 16)) return null
    return dt
  }
  return null
}

/** Schema of a request instant; the zone is applied later, once the hub is known. */
export const instantString = z
  .string()
  .refine((v) => WITH_OFFSET.test(v) || LOCAL.test(v), 'expected YYYY-MM-DDTHH:mm[:ss] with an optional offset')

/** `YYYY-MM-DDTHH:mm:ss±HH:MM` in the given zone, as every response gives instants. */
export function formatInstant(instant: Date | DateTime, zone: string = DEFAULT_ZONE): string {
  const dt = instant instanceof Date ? DateTime.fromJSDate(instant) : instant
  return dt.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")
}

/** SQL for a half-open `[start, end)` tstzrange. */
export function tstzrange(start: Date | DateTime, end: Date | DateTime): RawBuilder<string> {
  const s = start instanceof Date ? start : start.toJSDate()
  const e = end instanceof Date ? end : end.toJSDate()
  return sql<string>`tstzrange(${s.toISOString()}::timestamptz, ${e.toISOString()}::timestamptz, '[)')`
}

export interface Interval {
  start: Date
  end: Date
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end
}
