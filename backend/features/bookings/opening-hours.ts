import { DateTime } from 'luxon'
import { type Interval, wallToInstant, zoneNamed } from '../../time.ts'
import { minutesOf, type OpeningInterval } from '../catalogue/opening-hours.ts'

/**
 * Opening-hours arithmetic. Hours are wall times of the hub's zone per ISO weekday (Monday = 1);
 * a day may have several intervals, and intervals that touch (12:00–14:00, 14:00–18:00) count as one.
 * A close of 24:00 ends at the next midnight.
 */

const MINUTES_PER_DAY = 1440
const DAY_MS = 86_400_000

type Span = [number, number]

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out: Span[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
    else out.push([s[0], s[1]])
  }
  return out
}

function spansOf(hours: OpeningInterval[], weekday: number, shift = 0): Span[] {
  return hours.filter((h) => h.weekday === weekday).map((h) => [minutesOf(h.open) + shift, minutesOf(h.close) + shift])
}

/** Where an interval sits in local wall time: its start's weekday and minutes from that day's midnight. */
export interface LocalSpan {
  weekday: number
  startMin: number
  endMin: number
}

export function localSpanOf(interval: Interval, zone: string): LocalSpan {
  // Wall times as luxon computes them (the instant moved by the zone's offset there), without a DateTime: the
  // end's minutes count from the start's local midnight, one day per local date between them.
  const tz = zoneNamed(zone)
  const start = new Date(interval.start.getTime() + tz.offset(interval.start.getTime()) * 60_000)
  const end = new Date(interval.end.getTime() + tz.offset(interval.end.getTime()) * 60_000)
  const endDays = Math.floor(end.getTime() / DAY_MS) - Math.floor(start.getTime() / DAY_MS)
  return {
    weekday: start.getUTCDay() || 7,
    startMin: start.getUTCHours() * 60 + start.getUTCMinutes() + start.getUTCSeconds() / 60,
    // summed in this order, as before: the same number to the last bit
    endMin: endDays * MINUTES_PER_DAY + end.getUTCHours() * 60 + end.getUTCMinutes() + end.getUTCSeconds() / 60,
  }
}

/** True when the interval lies inside one opening interval of the local day on which it starts. */
export function fitsOpeningHours(interval: Interval, hours: OpeningInterval[], zone: string): boolean {
  const { weekday, startMin, endMin } = localSpanOf(interval, zone)
  // The next day's hours matter only for an interval past midnight (a hub open until 24:00 and from 00:00).
  const nextWeekday = (weekday % 7) + 1
  const spans =
    endMin > MINUTES_PER_DAY
      ? merge([...spansOf(hours, weekday), ...spansOf(hours, nextWeekday, MINUTES_PER_DAY)])
      : merge(spansOf(hours, weekday))
  return spans.some(([open, close]) => open <= startMin && endMin <= close)
}

/** The opening intervals (instants, merged, sorted) that overlap the window, not clipped to it. */
export function openingIntervals(hours: OpeningInterval[], window: Interval, zone: string): Interval[] {
  if (hours.length === 0 || window.end <= window.start) return []
  const first = DateTime.fromJSDate(window.start, { zone: zoneNamed(zone) })
    .startOf('day')
    .minus({ days: 1 })
  const last = DateTime.fromJSDate(window.end, { zone: zoneNamed(zone) }).startOf('day')
  const out: Interval[] = []
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    for (const [open, close] of merge(spansOf(hours, day.weekday))) {
      const at = (m: number) => {
        const d = m >= MINUTES_PER_DAY ? day.plus({ days: 1 }) : day
        const rest = m % MINUTES_PER_DAY
        return wallToInstant({ year: d.year, month: d.month, day: d.day, hour: Math.floor(rest / 60), minute: rest % 60 }, zone).toJSDate()
      }
      out.push({ start: at(open), end: at(close) })
    }
  }
  return mergeIntervals(out).filter((i) => i.start < window.end && window.start < i.end)
}

/** Sorted, with overlapping or touching intervals joined. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime())
  const out: Interval[] = []
  for (const i of sorted) {
    const last = out[out.length - 1]
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end
    } else out.push({ start: i.start, end: i.end })
  }
  return out
}

/** `base` minus every interval of `cut`. */
export function subtractIntervals(base: Interval[], cut: Interval[]): Interval[] {
  const cuts = mergeIntervals(cut)
  const out: Interval[] = []
  for (const b of mergeIntervals(base)) {
    let cursor = b.start
    for (const c of cuts) {
      if (c.end <= cursor || c.start >= b.end) continue
      if (c.start > cursor) out.push({ start: cursor, end: c.start })
      if (c.end > cursor) cursor = c.end
      if (cursor >= b.end) break
    }
    if (cursor < b.end) out.push({ start: cursor, end: b.end })
  }
  return out
}

/** Free time in the window: opening hours, clipped to the window, minus every busy interval. */
export function freeIntervals(window: Interval, hours: OpeningInterval[], zone: string, busy: Interval[]): Interval[] {
  const open = openingIntervals(hours, window, zone).map((i) => ({
    start: new Date(Math.max(i.start.getTime(), window.start.getTime())),
    end: new Date(Math.min(i.end.getTime(), window.end.getTime())),
  }))
  return subtractIntervals(open, busy)
}
