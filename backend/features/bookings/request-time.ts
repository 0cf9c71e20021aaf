import { DateTime } from 'luxon'
import type { LocalText } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { type AppError, problems } from '../../http/problem.ts'
import { type Interval, parseInstant } from '../../time.ts'
import { m } from './messages.ts'
import { MAX_SPAN_YEARS } from './recurrence.ts'

export function invalid(path: string, message: LocalText, detail?: LocalText): AppError {
  return problems.validation([{ path, message }], detail ?? m.fieldInvalid({ path, message }))
}

/** Reads a request instant in the hub's zone; a wall time that does not exist there is a 400. */
export function instantIn(value: string, zone: string, path: string): DateTime {
  const dt = parseInstant(value, zone)
  if (!dt) throw invalid(path, field.nonexistentLocalTime())
  return dt
}

/** A period bound: a date (`YYYY-MM-DD`) is its midnight in the zone; anything else an instant. */
export function boundIn(value: string, zone: string, path: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const dt = parseInstant(`${value}T00:00`, zone)
    if (!dt) throw invalid(path, field.invalidDate())
    return dt.toJSDate()
  }
  return instantIn(value, zone, path).toJSDate()
}

const DAY_MS = 86_400_000

/**
 * Where a booking's slots can fall, known before its hub's zone is: the request's times read as UTC, a day
 * wider on each side (no zone is a day away from UTC), to the series' farthest bound for a recurrence. What
 * the lab's calendar is read for, together with the lab itself.
 */
export function requestWindow(start: string, end: string, recurring: boolean): Interval {
  const read = (value: string) => DateTime.fromISO(value, { zone: 'utc', setZone: true }).toMillis() || 0
  const from = read(start)
  const to = recurring ? DateTime.fromMillis(read(end), { zone: 'utc' }).plus({ years: MAX_SPAN_YEARS }).toMillis() : read(end)
  return { start: new Date(from - DAY_MS), end: new Date(to + DAY_MS) }
}
