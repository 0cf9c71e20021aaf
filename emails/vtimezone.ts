import { DateTime } from 'luxon'

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
const REFERENCE_YEAR = 2027
const cache = new Map<string, string | null>()

interface Transition {
  at: number
  from: number
  to: number
}

/**
 * The VTIMEZONE of an IANA zone, written from luxon's own zone data: one STANDARD and one DAYLIGHT rule
 * (yearly, "n-th/last weekday of the month") read from the transitions of a reference year. Europe/Rome
 * gives the EU rule: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
 * Used as ical-generator's `timezone.generator`; null for a zone luxon does not know.
 */
export function vtimezone(zone: string): string | null {
  if (!cache.has(zone)) cache.set(zone, build(zone))
  return cache.get(zone) ?? null
}

function build(zone: string): string | null {
  if (!DateTime.local().setZone(zone).isValid) return null
  const transitions = transitionsIn(zone, REFERENCE_YEAR)
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`]
  if (transitions.length === 0) {
    const offset = DateTime.fromObject({ year: REFERENCE_YEAR }, { zone }).offset
    lines.push('BEGIN:STANDARD', `TZOFFSETFROM:${formatOffset(offset)}`, `TZOFFSETTO:${formatOffset(offset)}`)
    lines.push(...tzname(zone, DateTime.fromObject({ year: REFERENCE_YEAR }, { zone })), 'DTSTART:19700101T000000', 'END:STANDARD')
  }
  for (const t of transitions) {
    const kind = t.to > t.from ? 'DAYLIGHT' : 'STANDARD'
    // DTSTART is the wall time at which the change happens, read with the offset in force before it.
    const wall = DateTime.fromMillis(t.at, { zone: 'UTC' }).plus({ minutes: t.from })
    const day = wall.day
    const nth = day + 7 > (wall.daysInMonth ?? 31) ? -1 : Math.ceil(day / 7)
    const weekday = WEEKDAYS[wall.weekday - 1]
    const first = occurrenceIn(1970, wall.month, wall.weekday, nth).set({ hour: wall.hour, minute: wall.minute })
    lines.push(
      `BEGIN:${kind}`,
      `TZOFFSETFROM:${formatOffset(t.from)}`,
      `TZOFFSETTO:${formatOffset(t.to)}`,
      ...tzname(zone, DateTime.fromMillis(t.at + 3_600_000, { zone })),
      `DTSTART:${first.toFormat("yyyyMMdd'T'HHmmss")}`,
      `RRULE:FREQ=YEARLY;BYMONTH=${wall.month};BYDAY=${nth}${weekday}`,
      `END:${kind}`,
    )
  }
  lines.push('END:VTIMEZONE')
  return `${lines.join('\r\n')}\r\n`
}

/**
 * Offset changes within the year: the offset is read at each midnight UTC, and a day on which it changed is
 * searched by halves for the minute of the change (about 400 look-ups, once per zone; hour by hour took a
 * hundred milliseconds of the first feed's time).
 */
function transitionsIn(zone: string, year: number): Transition[] {
  const DAY = 86_400_000
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset
  const out: Transition[] = []
  const start = Date.UTC(year, 0, 1)
  const end = Date.UTC(year + 1, 0, 1)
  let previous = offsetAt(start)
  for (let day = start; day < end; day += DAY) {
    const next = Math.min(day + DAY, end)
    const offset = offsetAt(next)
    if (offset === previous) continue
    // the first minute of the day with the new offset
    let low = day
    let high = next
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000
      if (offsetAt(middle) === previous) low = middle
      else high = middle
    }
    out.push({ at: high, from: previous, to: offset })
    previous = offset
  }
  return out
}

/** The n-th (or last, n = -1) given weekday of a month, as a UTC wall date. */
function occurrenceIn(year: number, month: number, weekday: number, nth: number): DateTime {
  if (nth === -1) {
    const last = DateTime.utc(year, month, 1).endOf('month').startOf('day')
    return last.minus({ days: (last.weekday - weekday + 7) % 7 })
  }
  const first = DateTime.utc(year, month, 1)
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (nth - 1) * 7 })
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`
}

function tzname(zone: string, at: DateTime): string[] {
  const name = at.setZone(zone).setLocale('en-GB').toFormat('ZZZZ')
  return /^[A-Z]{2,6}$/.test(name) ? [`TZNAME:${name}`] : []
}
