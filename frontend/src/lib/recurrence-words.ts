/**
 * An RFC 5545 RRULE (as the API stores a series) in words, for people: "ogni martedì, dalle 14:00 alle 17:00,
 * fino al 1 marzo 2027". Pure: the language is an argument, every date a `YYYY-MM-DD` string.
 */
import type { Locale } from '../api/types.ts'

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

export interface RuleParts {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | string
  interval: number
  /** ISO weekdays, Monday = 1. */
  days: number[]
  count: number | null
  /** `YYYY-MM-DD`, the last day (in the hub's zone) an occurrence may fall on. */
  until: string | null
}

export function parseRule(rule: string, zone = 'Europe/Rome'): RuleParts {
  const parts = new Map<string, string>()
  for (const p of rule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = p.split('=')
    if (k && v) parts.set(k.trim().toUpperCase(), v.trim().toUpperCase())
  }
  const days = (parts.get('BYDAY') ?? '')
    .split(',')
    .map((d) => BYDAY.indexOf(d.replace(/^[+-]?\d+/, '')) + 1)
    .filter((d) => d > 0)
  return {
    freq: parts.get('FREQ') ?? '',
    interval: Math.max(1, Number(parts.get('INTERVAL') ?? 1) || 1),
    days,
    count: parts.has('COUNT') ? Number(parts.get('COUNT')) : null,
    until: untilDate(parts.get('UNTIL'), zone),
  }
}

function untilDate(value: string | undefined, zone: string): string | null {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/)
  if (!m) return null
  if (!m[7]) return `${m[1]}-${m[2]}-${m[3]}`
  // A UTC instant: its date in the hub's zone (23:59:59Z of the 1st is already the 2nd in Milan in summer).
  const instant = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

const TAG: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' }

function dayName(isoDay: number, locale: Locale): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(TAG[locale], { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)))
}

function longDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  )
}

function list(items: string[], locale: Locale): string {
  return new Intl.ListFormat(TAG[locale], { style: 'long', type: 'conjunction' }).format(items)
}

/** Italian elides the article before a vowel sound: "fino all’8 marzo", "fino all’11 marzo", "fino al 1 marzo". */
function finoAl(date: string): string {
  const day = Number(date.slice(8, 10))
  return `${day === 8 || day === 11 ? 'fino all’' : 'fino al '}${longDate(date, 'it')}`
}

/**
 * The rule in words, with the times of the first occurrence (`HH:mm`) when given. Unknown shapes fall back to
 * a plain "recurring" wording rather than the rule's text.
 */
export function describeRecurrence(
  rule: string,
  opts: { locale: Locale; firstDate?: string; startTime?: string; endTime?: string; zone?: string },
): string {
  const r = parseRule(rule, opts.zone)
  const it = opts.locale === 'it'
  const pr = new Intl.PluralRules(TAG[opts.locale])
  const every = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', String(n)))
  const days = r.days.length
    ? r.days
    : r.freq === 'WEEKLY' && opts.firstDate
      ? [((new Date(`${opts.firstDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1]
      : []
  let what: string
  if (r.freq === 'DAILY') {
    what = it ? every(r.interval, 'ogni giorno', 'ogni # giorni') : every(r.interval, 'every day', 'every # days')
  } else if (r.freq === 'WEEKLY') {
    const names = list(
      days.map((d) => dayName(d, opts.locale)),
      opts.locale,
    )
    if (r.interval === 1) what = it ? `ogni ${names}` : `every ${names}`
    else what = it ? `ogni ${r.interval} settimane, il ${names}` : `every ${r.interval} weeks on ${names}`
  } else if (r.freq === 'MONTHLY') {
    const day = opts.firstDate ? Number(opts.firstDate.slice(8, 10)) : null
    const base = it ? every(r.interval, 'ogni mese', 'ogni # mesi') : every(r.interval, 'every month', 'every # months')
    what = day ? (it ? `${base}, il giorno ${day}` : `${base} on day ${day}`) : base
  } else {
    what = it ? 'ricorrente' : 'recurring'
  }
  const parts = [what]
  if (opts.startTime && opts.endTime) parts.push(it ? `dalle ${opts.startTime} alle ${opts.endTime}` : `${opts.startTime}–${opts.endTime}`)
  if (r.until) parts.push(it ? finoAl(r.until) : `until ${longDate(r.until, 'en')}`)
  else if (r.count) {
    const one = pr.select(r.count) === 'one'
    parts.push(it ? `per ${r.count} ${one ? 'volta' : 'volte'}` : `${r.count} ${one ? 'time' : 'times'}`)
  }
  return parts.join(', ')
}

/** A series' rule in words with the times of its first occurrence, as lists receive it (`GET /bookings` `series`). */
export function seriesInWords(series: { rrule: string; start: string; end: string }, locale: Locale, zone?: string): string {
  return describeRecurrence(series.rrule, {
    locale,
    firstDate: series.start.slice(0, 10),
    startTime: series.start.slice(11, 16),
    endTime: series.end.slice(11, 16),
    zone,
  })
}
