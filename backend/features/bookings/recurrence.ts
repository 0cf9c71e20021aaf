import { DateTime } from 'luxon'
import * as rruleModule from 'rrule'
import type { LocalText } from '../../http/i18n.ts'
import { type Interval, wallMillisToInstant, wallToInstant, zoneNamed } from '../../time.ts'
import { rruleText } from './messages.ts'

/**
 * Expansion of a booking series: an RFC 5545 RRULE (without DTSTART) from a first occurrence given in
 * the hub's zone. The rule is expanded in "floating" time — the local wall time written as if it were
 * UTC — and each occurrence is then placed in the zone, so 18:00 stays 18:00 across daylight saving.
 *
 * Wall times that do not exist or exist twice follow RFC 5545 §3.3.5: a time in the spring-forward gap
 * is read with the offset before the gap (02:30 becomes 03:30 summer time); a time repeated when the
 * clocks go back means its first occurrence (02:30 summer time). Every occurrence lasts as long as the
 * first one.
 */

// rrule ships CommonJS to Node (its ESM build serves bundlers only): there the classes sit on `default`.
const { RRule, Weekday } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule

export const MAX_OCCURRENCES = 366
export const MAX_SPAN_YEARS = 2

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY'
const FREQUENCIES: Record<Frequency, number> = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY }
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
const UNSUPPORTED_PARTS: Record<string, (p: { key: string }) => LocalText> = {
  BYHOUR: rruleText.timeFromStart,
  BYMINUTE: rruleText.timeFromStart,
  BYSECOND: rruleText.timeFromStart,
  BYYEARDAY: rruleText.yearlyOnly,
  BYWEEKNO: rruleText.yearlyOnly,
}

/** A rule the API refuses; `message` names the faulty part (shown as a 400 problem). */
export class RecurrenceError extends Error {
  override readonly name = 'RecurrenceError'
  readonly text: LocalText
  constructor(text: LocalText) {
    super(text.in('it'))
    this.text = text
  }
}

/**
 * An exclusion: a local date (`YYYY-MM-DD`: every occurrence starting that day), one exact start
 * instant, or a wall time in the hub's zone (floating, resolved when the zone is known).
 */
export type ExcludedDate = { date: string } | { instant: DateTime } | { wall: DateTime }

type Until = { kind: 'date'; date: string } | { kind: 'local'; wall: DateTime } | { kind: 'utc'; instant: DateTime }

export interface RecurrenceRule {
  freq: Frequency
  interval: number
  count: number | null
  until: Until | null
  /** 0 = Monday … 6 = Sunday; `nth` (e.g. 2 = second, -1 = last) only for MONTHLY. */
  byDay: Array<{ weekday: number; nth: number | null }>
  byMonthDay: number[]
  bySetPos: number[]
  byMonth: number[]
  wkst: number | null
  exdates: ExcludedDate[]
  /** The RRULE normalised (upper case, no `RRULE:` prefix, no EXDATE), as stored with the series. */
  text: string
}

export interface Occurrence {
  start: DateTime
  end: DateTime
}

export interface ExpandRequest {
  /** `FREQ=WEEKLY;BYDAY=TU;COUNT=10`, optionally `RRULE:`-prefixed and followed by `EXDATE:` lines. */
  rrule: string | RecurrenceRule
  /** The first occurrence (DTSTART and its end); any zone, read in `zone`. */
  start: DateTime
  end: DateTime
  zone: string
  /** More exclusions: `YYYY-MM-DD` or instants (with offset, or local wall time in `zone`). */
  exdates?: string[]
}

function fail(text: LocalText): never {
  throw new RecurrenceError(text)
}

function integer(part: string, raw: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(raw)) fail(rruleText.notInteger({ part, raw }))
  const n = Number(raw)
  if (n < min || n > max || n === 0) fail(rruleText.outOfRange({ part, raw, min: String(min), max: String(max) }))
  return n
}

function list(part: string, raw: string): string[] {
  const items = raw.split(',')
  if (items.some((i) => i === '')) fail(rruleText.emptyItem({ part }))
  return items
}

function parseUntil(raw: string): Until {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(raw)
  if (!m) fail(rruleText.untilFormat({ raw }))
  const [, y, mo, d, h, mi, s, z] = m
  const fields = { year: +y, month: +mo, day: +d, hour: +(h ?? 0), minute: +(mi ?? 0), second: +(s ?? 0) }
  const wall = DateTime.fromObject(fields, { zone: 'utc' })
  if (!wall.isValid || wall.day !== fields.day || wall.hour !== fields.hour) fail(rruleText.untilInvalid({ raw }))
  if (h === undefined) return { kind: 'date', date: `${y}-${mo}-${d}` }
  return z ? { kind: 'utc', instant: wall } : { kind: 'local', wall }
}

function parseExdateValue(raw: string, zone: string | null): ExcludedDate {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(raw)
  if (!m) fail(rruleText.exdateFormat({ raw }))
  const [, y, mo, d, h, mi, s, z] = m
  const probe = DateTime.fromObject({ year: +y, month: +mo, day: +d, hour: +(h ?? 0), minute: +(mi ?? 0) }, { zone: 'utc' })
  if (!probe.isValid || probe.day !== +d || probe.hour !== +(h ?? 0)) fail(rruleText.exdateInvalid({ raw }))
  if (h === undefined) return { date: `${y}-${mo}-${d}` }
  const fields = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s }
  if (z) return { instant: DateTime.fromObject(fields, { zone: 'utc' }) }
  return zone ? { instant: wallToInstant(fields, zone) } : { wall: DateTime.fromObject(fields, { zone: 'utc' }) }
}

function parseExdateLine(line: string): ExcludedDate[] {
  const colon = line.indexOf(':')
  if (colon < 0) fail(rruleText.exdateNoValues({ line }))
  const params = line.slice('EXDATE'.length, colon).split(';').filter(Boolean)
  let zone: string | null = null
  for (const p of params) {
    const [key, value] = p.split('=')
    if (key === 'TZID' && value) {
      if (!DateTime.now().setZone(value).isValid) fail(rruleText.exdateUnknownZone({ zone: value }))
      zone = value
    } else if (!(key === 'VALUE' && (value === 'DATE' || value === 'DATE-TIME'))) fail(rruleText.exdateBadParameter({ param: p }))
  }
  return list('EXDATE', line.slice(colon + 1)).map((v) => parseExdateValue(v, zone))
}

/** Parses and checks the rule text; throws RecurrenceError naming the fault. */
export function parseRecurrenceRule(input: string): RecurrenceRule {
  const lines = input
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  if (lines.length === 0) fail(rruleText.empty())
  let ruleLine: string | null = null
  const exdates: ExcludedDate[] = []
  for (const raw of lines) {
    const line = raw.toUpperCase()
    if (line.startsWith('EXDATE')) exdates.push(...parseExdateLine(line))
    else if (line.startsWith('DTSTART')) fail(rruleText.noDtstart())
    else if (line.startsWith('RDATE') || line.startsWith('EXRULE')) fail(rruleText.unsupportedLine({ name: line.split(/[:;]/)[0] }))
    else {
      if (ruleLine !== null) fail(rruleText.oneRule())
      ruleLine = line.startsWith('RRULE:') ? line.slice('RRULE:'.length) : line
    }
  }
  if (ruleLine === null || ruleLine.trim() === '') fail(rruleText.missingRule())

  const parts = new Map<string, string>()
  for (const part of ruleLine.split(';')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    if (eq <= 0 || eq === part.length - 1) fail(rruleText.badPart({ part }))
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (parts.has(key)) fail(rruleText.repeated({ key }))
    parts.set(key, value)
  }

  const freqRaw = parts.get('FREQ')
  if (!freqRaw) fail(rruleText.freqRequired())
  if (!(freqRaw in FREQUENCIES)) fail(rruleText.freqNotAllowed({ freq: freqRaw }))
  const freq = freqRaw as Frequency

  const rule: RecurrenceRule = {
    freq,
    interval: 1,
    count: null,
    until: null,
    byDay: [],
    byMonthDay: [],
    bySetPos: [],
    byMonth: [],
    wkst: null,
    exdates,
    text: '',
  }
  for (const [key, value] of parts) {
    switch (key) {
      case 'FREQ':
        break
      case 'INTERVAL':
        rule.interval = integer('INTERVAL', value, 1, 1000)
        break
      case 'COUNT':
        if (!/^\d+$/.test(value) || Number(value) < 1) fail(rruleText.countPositive({ value }))
        if (Number(value) > MAX_OCCURRENCES) fail(rruleText.countTooHigh({ value, max: MAX_OCCURRENCES }))
        rule.count = Number(value)
        break
      case 'UNTIL':
        rule.until = parseUntil(value)
        break
      case 'BYDAY':
        rule.byDay = list('BYDAY', value).map((item) => {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item)
          if (!m) fail(rruleText.badDay({ item }))
          const nth = m[1] === undefined ? null : integer('BYDAY', m[1], -5, 5)
          if (nth !== null && freq !== 'MONTHLY') fail(rruleText.ordinalOnlyMonthly({ item }))
          return { weekday: WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]), nth }
        })
        break
      case 'BYMONTHDAY':
        if (freq === 'WEEKLY') fail(rruleText.monthDayNotWeekly())
        rule.byMonthDay = list('BYMONTHDAY', value).map((v) => integer('BYMONTHDAY', v, -31, 31))
        break
      case 'BYSETPOS':
        rule.bySetPos = list('BYSETPOS', value).map((v) => integer('BYSETPOS', v, -366, 366))
        break
      case 'BYMONTH':
        rule.byMonth = list('BYMONTH', value).map((v) => integer('BYMONTH', v, 1, 12))
        break
      case 'WKST': {
        const wkst = WEEKDAYS.indexOf(value as (typeof WEEKDAYS)[number])
        if (wkst < 0) fail(rruleText.badWkst({ value }))
        rule.wkst = wkst
        break
      }
      default:
        if (key in UNSUPPORTED_PARTS) fail(UNSUPPORTED_PARTS[key]({ key }))
        fail(rruleText.unknownPart({ key }))
    }
  }
  if (rule.count === null && rule.until === null) fail(rruleText.mustEnd())
  if (rule.count !== null && rule.until !== null) fail(rruleText.countAndUntil())
  if (rule.bySetPos.length > 0 && rule.byDay.length + rule.byMonthDay.length + rule.byMonth.length === 0) {
    fail(rruleText.setPosNeedsBy())
  }
  rule.text = [...parts].map(([k, v]) => `${k}=${v}`).join(';')
  return rule
}

/** The wall time of an instant in its zone, as a floating (UTC-labelled) DateTime. */
function floating(dt: DateTime): DateTime {
  return DateTime.fromObject(
    { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute, second: dt.second },
    { zone: 'utc' },
  )
}

function fromFloating(d: DateTime, zone: string): DateTime {
  return DateTime.fromMillis(wallMillisToInstant(d.toMillis(), zone), { zone: zoneNamed(zone) })
}

function parseExtraExdate(value: string, zone: string): ExcludedDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!DateTime.fromISO(value, { zone }).isValid) fail(rruleText.exdatesDate({ value }))
    return { date: value }
  }
  const withOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value)
  const dt = withOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: 'utc' })
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) fail(rruleText.exdatesValue({ value }))
  return withOffset ? { instant: dt } : { wall: dt }
}

/**
 * Every occurrence of the series, sorted, in `zone`. Throws RecurrenceError when the rule is invalid
 * or the series is out of bounds (no end, more than 366 occurrences, longer than 2 years, empty).
 */
export function expandOccurrences(req: ExpandRequest): Occurrence[] {
  const tz = zoneNamed(req.zone)
  return expandIntervals(req).map((o) => ({
    start: DateTime.fromJSDate(o.start, { zone: tz }),
    end: DateTime.fromJSDate(o.end, { zone: tz }),
  }))
}

/**
 * The occurrences of expandOccurrences as instants, without a luxon DateTime per occurrence (a booking's checks
 * and its INSERT need only the instants: two DateTimes per occurrence were most of a 52-week series' expansion).
 */
export function expandIntervals(req: ExpandRequest): Interval[] {
  const rule = typeof req.rrule === 'string' ? parseRecurrenceRule(req.rrule) : req.rrule
  const zone = req.zone
  const start = req.start.setZone(zoneNamed(zone))
  const end = req.end.setZone(zoneNamed(zone))
  if (!start.isValid || !end.isValid) fail(rruleText.startEndInvalid())
  if (end <= start) fail(rruleText.endAfterStart())

  const dtstart = floating(start)
  const durationMs = end.toMillis() - start.toMillis()
  const limit = dtstart.plus({ years: MAX_SPAN_YEARS })

  let until: DateTime | null = null
  if (rule.until) {
    if (rule.until.kind === 'date') until = DateTime.fromISO(rule.until.date, { zone: 'utc' }).endOf('day')
    else if (rule.until.kind === 'local') until = rule.until.wall
    else until = floating(rule.until.instant.setZone(zone))
    if (until >= limit) fail(rruleText.untilTooFar({ years: MAX_SPAN_YEARS }))
    if (until < dtstart) fail(rruleText.untilBeforeStart())
  }

  const rrule = new RRule({
    freq: FREQUENCIES[rule.freq],
    dtstart: dtstart.toJSDate(),
    interval: rule.interval,
    count: rule.count,
    until: until ? until.toJSDate() : null,
    wkst: rule.wkst,
    byweekday: rule.byDay.length ? rule.byDay.map((d) => (d.nth === null ? new Weekday(d.weekday) : new Weekday(d.weekday, d.nth))) : null,
    bymonthday: rule.byMonthDay.length ? rule.byMonthDay : null,
    bysetpos: rule.bySetPos.length ? rule.bySetPos : null,
    bymonth: rule.byMonth.length ? rule.byMonth : null,
  })

  let tooMany = false
  let tooLong = false
  const dates = rrule.all((date, index) => {
    if (index >= MAX_OCCURRENCES) {
      tooMany = true
      return false
    }
    if (date.getTime() >= limit.toMillis()) {
      tooLong = true
      return false
    }
    return true
  })
  if (tooMany) fail(rruleText.tooManyOccurrences({ max: MAX_OCCURRENCES }))
  if (tooLong) fail(rruleText.tooLong({ years: MAX_SPAN_YEARS }))

  const excludedDates = new Set<string>()
  const excludedInstants = new Set<number>()
  for (const x of [...rule.exdates, ...(req.exdates ?? []).map((v) => parseExtraExdate(v, zone))]) {
    if ('date' in x) excludedDates.add(x.date)
    else excludedInstants.add('instant' in x ? x.instant.toMillis() : fromFloating(x.wall, zone).toMillis())
  }

  const occurrences: Interval[] = []
  const seen = new Set<number>()
  for (const date of dates) {
    const startMs = wallMillisToInstant(date.getTime(), zone)
    if (excludedDates.size > 0 && excludedDates.has(date.toISOString().slice(0, 10))) continue
    if (excludedInstants.has(startMs) || seen.has(startMs)) continue
    seen.add(startMs)
    occurrences.push({ start: new Date(startMs), end: new Date(startMs + durationMs) })
  }
  if (occurrences.length === 0) fail(rruleText.noOccurrence())
  return occurrences
}
