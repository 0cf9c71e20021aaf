import type { FieldError } from '../../http/problem.ts'
import { m } from './messages.ts'

/**
 * A weekly opening interval of a hub: weekday 1..7 (Monday = 1), local wall times "HH:mm" ("HH:mm:ss" as
 * PostgreSQL gives `time`; "24:00" closes at midnight). The one model of opening hours: the API's, the booking
 * rules' (bookings/opening-hours.ts) and the client's (api/types.ts `OpeningHours`).
 */
export interface OpeningInterval {
  weekday: number
  open: string
  close: string
}

/** Minutes since midnight of "HH:mm" (or "HH:mm:ss" as PostgreSQL gives `time`); "24:00" is 1440. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':')
  return Number(h) * 60 + Number(m)
}

/** Problems of a week of intervals, each with the index of the interval at fault. */
export function openingHoursProblems(week: OpeningInterval[]): FieldError[] {
  const problems: FieldError[] = []
  week.forEach((interval, index) => {
    if (minutesOf(interval.close) <= minutesOf(interval.open)) {
      problems.push({ path: `${index}.close`, message: m.closeAfterOpen() })
    }
  })
  const ordered = week
    .map((interval, index) => ({ ...interval, index }))
    .sort((a, b) => a.weekday - b.weekday || minutesOf(a.open) - minutesOf(b.open))
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]
    const current = ordered[i]
    // Half-open intervals: 09:00–13:00 and 13:00–14:00 touch but do not overlap.
    if (previous.weekday === current.weekday && minutesOf(current.open) < minutesOf(previous.close)) {
      problems.push({ path: `${current.index}`, message: m.overlapsInterval({ open: previous.open, close: previous.close }) })
    }
  }
  return problems
}

/** The week in a stable order: by weekday, then opening time. */
export function sortWeek<T extends OpeningInterval>(week: T[]): T[] {
  return [...week].sort((a, b) => a.weekday - b.weekday || minutesOf(a.open) - minutesOf(b.open))
}

/** PostgreSQL `time` ('09:00:00', '24:00:00') → "HH:mm". */
export function toHhmm(time: string): string {
  return time.slice(0, 5)
}

/** Hours open in a week (sum of the intervals). */
export function weeklyOpenHours(week: OpeningInterval[]): number {
  return week.reduce((sum, i) => sum + (minutesOf(i.close) - minutesOf(i.open)) / 60, 0)
}
