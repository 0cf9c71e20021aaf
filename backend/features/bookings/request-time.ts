import { DateTime } from 'luxon'
import type { Interval } from '../../time.ts'
import { MAX_SPAN_YEARS } from './recurrence.ts'

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
