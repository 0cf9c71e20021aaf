/**
 * The booking form's recurrence choices → an RFC 5545 RRULE without DTSTART, as the API takes it
 * (`FREQ=WEEKLY;BYDAY=TU;COUNT=10`). Pure: no dates of the browser, only `YYYY-MM-DD` strings.
 */

export type RecurrenceEnd = { kind: 'until'; until: string } | { kind: 'count'; count: number }

export type RecurrenceChoice =
  | { kind: 'once' }
  /** Every `interval` weeks (1 = every week) on the ISO weekdays listed (Monday = 1). */
  | { kind: 'weekly'; interval: number; days: number[]; end: RecurrenceEnd }
  /** Every month on the first occurrence's day of the month. */
  | { kind: 'monthly'; interval?: number; end: RecurrenceEnd }

export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

export type RecurrenceProblem = 'days' | 'interval' | 'count' | 'until' | 'untilBeforeStart' | 'untilTooFar' | 'tooMany'

export const MAX_OCCURRENCES = 366
/** The server's bound on a series (docs/api.md, Limits): its last day at most this many years after its first. */
export const MAX_SPAN_YEARS = 2
const DAY_MS = 86_400_000

function isoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
}

/** What is wrong with a choice, if anything (checked before building). */
export function recurrenceProblems(choice: RecurrenceChoice, firstDate: string): RecurrenceProblem[] {
  if (choice.kind === 'once') return []
  const problems: RecurrenceProblem[] = []
  if (choice.kind === 'weekly') {
    if (choice.days.length === 0 || choice.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push('days')
    if (!Number.isInteger(choice.interval) || choice.interval < 1 || choice.interval > 52) problems.push('interval')
  }
  if (
    choice.kind === 'monthly' &&
    choice.interval !== undefined &&
    (!Number.isInteger(choice.interval) || choice.interval < 1 || choice.interval > 12)
  ) {
    problems.push('interval')
  }
  if (choice.end.kind === 'count') {
    if (!Number.isInteger(choice.end.count) || choice.end.count < 1 || choice.end.count > MAX_OCCURRENCES) problems.push('count')
  } else if (!isoDate(choice.end.until)) {
    problems.push('until')
  } else if (isoDate(firstDate) && choice.end.until < firstDate) {
    problems.push('untilBeforeStart')
  } else if (isoDate(firstDate) && choice.end.until > yearsAfter(firstDate, MAX_SPAN_YEARS)) {
    problems.push('untilTooFar')
  } else if (choice.kind === 'weekly' && isoDate(firstDate) && weeklyCount(choice, firstDate, choice.end.until) > MAX_OCCURRENCES) {
    problems.push('tooMany')
  }
  return problems
}

function yearsAfter(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`
}

/** How many days from `first` to `until` (both included) a weekly choice falls on, counting up to one more than the bound. */
function weeklyCount(choice: Extract<RecurrenceChoice, { kind: 'weekly' }>, first: string, until: string): number {
  const start = Date.parse(`${first}T00:00:00Z`)
  const end = Date.parse(`${until}T00:00:00Z`)
  const monday = start - (weekdayOf(first) - 1) * DAY_MS
  const interval = Math.max(1, choice.interval)
  let n = 0
  for (let at = start; at <= end && n <= MAX_OCCURRENCES; at += DAY_MS) {
    const weekday = ((new Date(at).getUTCDay() + 6) % 7) + 1
    if (choice.days.includes(weekday) && Math.floor((at - monday) / (7 * DAY_MS)) % interval === 0) n++
  }
  return n
}

/**
 * The RRULE for a choice, or null for a single booking. Weekdays are sorted Monday first; UNTIL is the
 * last day as a date (`UNTIL=20271231`: occurrences on that day still count).
 */
export function buildRRule(choice: RecurrenceChoice): string | null {
  if (choice.kind === 'once') return null
  const parts: string[] = []
  if (choice.kind === 'weekly') {
    parts.push('FREQ=WEEKLY')
    if (choice.interval > 1) parts.push(`INTERVAL=${choice.interval}`)
    const days = [...new Set(choice.days)].sort((a, b) => a - b)
    parts.push(`BYDAY=${days.map((d) => BYDAY[d - 1]).join(',')}`)
  } else {
    parts.push('FREQ=MONTHLY')
    if (choice.interval && choice.interval > 1) parts.push(`INTERVAL=${choice.interval}`)
  }
  if (choice.end.kind === 'count') parts.push(`COUNT=${choice.end.count}`)
  else parts.push(`UNTIL=${choice.end.until.replaceAll('-', '')}`)
  return parts.join(';')
}

/** ISO weekday (Monday = 1) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/**
 * The first occurrence on or after `date` for a weekly choice: a series "every Tuesday and Thursday"
 * started on a Monday begins on that Tuesday, so DTSTART is itself an occurrence.
 */
export function firstOccurrenceDate(choice: RecurrenceChoice, date: string): string {
  if (choice.kind !== 'weekly' || choice.days.length === 0 || !isoDate(date)) return date
  const start = weekdayOf(date)
  const ahead = Math.min(...choice.days.map((d) => (d - start + 7) % 7))
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + ahead)
  return next.toISOString().slice(0, 10)
}
