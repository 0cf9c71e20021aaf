import type { OpeningHours } from '../../api/types.ts'

/** Opening hours as the editor holds them, and their checks (pure: unit-tested without a browser). */

/** One interval of a day in the editor: the server's opening interval without its weekday (the day's index). */
export type Interval = Omit<OpeningHours, 'weekday'>

/** Week of intervals, Monday (index 0 = weekday 1) to Sunday, each day sorted by opening time. */
export function toWeek(rows: OpeningHours[]): Interval[][] {
  const week: Interval[][] = Array.from({ length: 7 }, () => [])
  for (const r of rows)
    if (r.weekday >= 1 && r.weekday <= 7) week[r.weekday - 1].push({ open: r.open.slice(0, 5), close: r.close.slice(0, 5) })
  for (const day of week) day.sort((a, b) => a.open.localeCompare(b.open))
  return week
}

export function fromWeek(week: Interval[][]): OpeningHours[] {
  return week.flatMap((day, i) => day.map((iv) => ({ weekday: i + 1, open: iv.open, close: iv.close })))
}

export type HoursProblem = { weekday: number; index: number; kind: 'missing' | 'order' | 'overlap' }

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** What is wrong with a week: an empty time, a close not after its open, two intervals of a day overlapping. */
export function checkWeek(week: Interval[][]): HoursProblem[] {
  const problems: HoursProblem[] = []
  week.forEach((day, d) => {
    day.forEach((iv, i) => {
      if (!HHMM.test(iv.open) || !HHMM.test(iv.close)) problems.push({ weekday: d + 1, index: i, kind: 'missing' })
      else if (iv.close <= iv.open) problems.push({ weekday: d + 1, index: i, kind: 'order' })
    })
    const sorted = day.map((iv, i) => ({ ...iv, i })).sort((a, b) => a.open.localeCompare(b.open))
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].open < sorted[k - 1].close) problems.push({ weekday: d + 1, index: sorted[k].i, kind: 'overlap' })
    }
  })
  return problems
}

/** Hours open in the week (for the editor's summary and the concession's minimum). */
export function weeklyHours(week: Interval[][]): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
  let total = 0
  for (const day of week)
    for (const iv of day) if (HHMM.test(iv.open) && HHMM.test(iv.close)) total += Math.max(0, minutes(iv.close) - minutes(iv.open))
  return total / 60
}

/** The board's first and last hour: the earliest opening and latest closing of the week, or 07–23 without hours. */
export function boardHours(rows: Pick<OpeningHours, 'open' | 'close'>[]): { min: string; max: string } {
  if (rows.length === 0) return { min: '07:00', max: '23:00' }
  const open = rows.map((r) => r.open.slice(0, 5)).sort()[0]
  const close =
    rows
      .map((r) => r.close.slice(0, 5))
      .sort()
      .at(-1) ?? '23:00'
  const floorHour = (hhmm: string) => `${hhmm.slice(0, 2)}:00`
  const ceilHour = (hhmm: string) => {
    const h = Number(hhmm.slice(0, 2)) + (hhmm.slice(3, 5) === '00' ? 0 : 1)
    return `${String(Math.min(h, 24)).padStart(2, '0')}:00`
  }
  return { min: floorHour(open), max: ceilHour(close) }
}
