import { type Expression, type RawBuilder, sql } from 'kysely'
import { DateTime, FixedOffsetZone, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon'
import { z } from 'zod'
import { fieldMessage, type LocalText } from './http/i18n.ts'
import { field } from './http/messages.ts'
import { invalid } from './http/validation.ts'

export const DEFAULT_ZONE = 'Europe/Rome'

const QUARTER_HOUR = 15 * 60_000
const DAY = 86_400_000
const MAX_REMEMBERED = 100_000
/** A day of the `days` map that holds a transition: its offsets are kept per quarter hour. */
const SPLIT = Number.NaN

/**
 * An IANA zone for luxon that remembers its offsets. Luxon asks Intl for the offset of every DateTime it builds
 * in an IANA zone (a formatToParts call), and a year-long series, its emails and its invitation build thousands.
 * Offsets change only at transitions, at most twice a year and never twice within a day: one offset is kept per UTC
 * day when the offsets at both ends of the day agree, so no transition falls inside it. A day with a transition is
 * kept per quarter hour the same way, and a quarter with the transition itself is asked for every time. (Each
 * occurrence of a weekly series is a new day: one day's check is two Intl calls where two quarters were four.)
 * Names, formatting and equality are those of the IANA zone (`type` is 'iana', so Intl formats in it).
 */
class RememberedZone extends Zone {
  readonly #iana: IANAZone
  /** Per UTC day: its offset, or SPLIT for a day with a transition. */
  readonly #days = new Map<number, number>()
  readonly #quarters = new Map<number, number>()

  constructor(iana: IANAZone) {
    super()
    this.#iana = iana
  }

  override get type() {
    return 'iana'
  }

  override get name() {
    return this.#iana.name
  }

  override get isUniversal() {
    return false
  }

  override get isValid() {
    return this.#iana.isValid
  }

  override offsetName(ts: number, options: ZoneOffsetOptions) {
    return this.#iana.offsetName(ts, options)
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat) {
    return FixedOffsetZone.instance(this.offset(ts)).formatOffset(ts, format)
  }

  override equals(other: Zone) {
    return this.#iana.equals(other)
  }

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY)
    const known = this.#days.get(day)
    if (known !== undefined && !Number.isNaN(known)) return known
    if (known === undefined) {
      const offset = this.#steady(day * DAY, DAY)
      remember(this.#days, day, offset ?? SPLIT)
      if (offset !== null) return offset
    }
    const quarter = Math.floor(ts / QUARTER_HOUR)
    const inQuarter = this.#quarters.get(quarter)
    if (inQuarter !== undefined) return inQuarter
    const offset = this.#steady(quarter * QUARTER_HOUR, QUARTER_HOUR)
    if (offset === null) return this.#iana.offset(ts)
    remember(this.#quarters, quarter, offset)
    return offset
  }

  /** The offset over [from, from + span), or null when it changes inside. */
  #steady(from: number, span: number): number | null {
    const offset = this.#iana.offset(from)
    return this.#iana.offset(from + span - 1) === offset ? offset : null
  }
}

function remember(map: Map<number, number>, key: number, value: number) {
  if (map.size >= MAX_REMEMBERED) map.clear()
  map.set(key, value)
}

const zones = new Map<string, Zone>()

/**
 * The zone to give luxon for an IANA name (`{ zone: zoneNamed(hub.timezone) }`, `setZone(zoneNamed(…))`):
 * the same zone as the name itself, with its offsets remembered. Hot paths (series, emails, invitations,
 * responses) use it; an unknown name gives luxon's invalid zone, as the name would.
 */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name)
  if (!zone) {
    const iana = IANAZone.create(name)
    zone = iana.isValid ? new RememberedZone(iana) : iana
    zones.set(name, zone)
  }
  return zone
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/

/** Wall time fields read in a zone per RFC 5545 (gap: offset before it; overlap: the first instant). */
export function wallToInstant(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  zone: string,
): DateTime {
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second ?? 0)
  return DateTime.fromMillis(wallMillisToInstant(asUtc, zone), { zone: zoneNamed(zone) })
}

/** The instant (epoch ms) of a wall time given as epoch ms of the same fields in UTC. */
export function wallMillisToInstant(asUtc: number, zone: string): number {
  const tz = zoneNamed(zone)
  const before = tz.offset(asUtc - 86_400_000)
  const after = tz.offset(asUtc + 86_400_000)
  const first = asUtc - before * 60_000
  if (before === after && tz.offset(first) === before) return first
  // Near a transition: the earliest candidate that really shows this wall time, else (a gap) the offset before it.
  const candidates = [first, asUtc - after * 60_000].filter((ts) => ts + tz.offset(ts) * 60_000 === asUtc).sort((a, b) => a - b)
  return candidates[0] ?? first
}

/** A request instant: with an offset it is absolute; without, it is wall time in `zone`. Null when invalid. */
export function parseInstant(value: string, zone: string = DEFAULT_ZONE): DateTime | null {
  if (WITH_OFFSET.test(value)) {
    const dt = DateTime.fromISO(value, { setZone: true })
    return dt.isValid ? dt.setZone(zoneNamed(zone)) : null
  }
  if (LOCAL.test(value)) {
    const fields = DateTime.fromISO(value, { zone: 'utc' })
    if (!fields.isValid) return null
    // A wall time shown twice (the autumn change) is its first instant, as in a series (RFC 5545).
    const dt = DateTime.fromMillis(wallMillisToInstant(fields.toMillis(), zone), { zone: zoneNamed(zone) })
    // A wall time skipped by the spring-forward gap does not exist (formatInstant: luxon's fields, no formatter built).
    if (formatInstant(dt, zone).slice(0, 16) !== value.slice(0, 16)) return null
    return dt
  }
  return null
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

/**
 * A period bound read before its zone is known, for a statement that reads the zone itself (a list by hub or
 * lab: issue 18, no round trip for the zone). An instant with its offset is absolute; a date (its midnight) or a
 * wall time keeps its fields, read in the zone by `boundInSql` as `boundIn` reads them. Fields that are no date
 * or time answer 400 here, as `boundIn` does; a wall time the zone skips answers 400 once the statement says so.
 */
export type PeriodBound = { instant: Date } | { wall: string; skipped: LocalText }

export function periodBound(value: string, path: string): PeriodBound {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const message = isDate ? field.invalidDate() : field.nonexistentLocalTime()
  if (WITH_OFFSET.test(value)) {
    const dt = DateTime.fromISO(value, { setZone: true })
    if (!dt.isValid) throw invalid(path, message)
    return { instant: dt.toJSDate() }
  }
  const fields = isDate || LOCAL.test(value) ? DateTime.fromISO(isDate ? `${value}T00:00` : value, { zone: 'utc' }) : null
  if (!fields?.isValid) throw invalid(path, message)
  return { wall: fields.toISO({ includeOffset: false }) ?? '', skipped: message }
}

/** What kind of bound it is: part of the shape of a statement built once per shape (db/precompiled.ts). */
export function boundKind(bound: PeriodBound): 'instant' | 'wall' {
  return 'instant' in bound ? 'instant' : 'wall'
}

/** The bound's value as the statement's parameter: an instant in ISO 8601, a wall time's fields. */
export function boundText(bound: PeriodBound): string {
  return 'instant' in bound ? bound.instant.toISOString() : bound.wall
}

/**
 * SQL: the bound (its `boundText`, a parameter) as an instant, a wall time read in `zone` as `parseInstant` reads
 * it (migration 0590's `wall_instant`): null when the zone skips it.
 */
export function boundInSql(kind: 'instant' | 'wall', text: string, zone: Expression<string>): RawBuilder<Date | null> {
  if (kind === 'instant') return sql<Date>`${text}::timestamptz`
  return sql<Date | null>`wall_instant(${text}::timestamp, ${zone})`
}

/** Schema of a request instant; the zone is applied later, once the hub is known. */
export const instantString = z.string().refine((v) => WITH_OFFSET.test(v) || LOCAL.test(v), fieldMessage(field.expectedInstant))

const INSTANT_FORMAT = "yyyy-MM-dd'T'HH:mm:ssZZ"
/** Two digits, as a wall clock writes hours, minutes and seconds. */
export const two = (n: number) => (n < 10 ? `0${n}` : String(n))
const offsetTexts = new Map<number, string>()

/** An offset in minutes as luxon's `ZZ` writes it (`+01:00`, `-03:30`; a historical LMT's seconds dropped). */
function offsetText(offset: number): string {
  let text = offsetTexts.get(offset)
  if (text === undefined) {
    const hours = Math.trunc(Math.abs(offset / 60))
    const minutes = Math.trunc(Math.abs(offset % 60))
    text = `${offset >= 0 ? '+' : '-'}${two(hours)}:${two(minutes)}`
    if (offsetTexts.size < 1000) offsetTexts.set(offset, text)
  }
  return text
}

/**
 * The wall clock of an instant in a zone, as luxon computes it: the zone's offset at the instant (remembered per
 * day, RememberedZone) and the instant moved by it, read with the `getUTC…` methods. Null for an unknown zone, an
 * invalid instant or a year outside 1000–9999, which callers leave to luxon or Intl. Hot paths use it instead of a
 * DateTime or a formatter per instant: responses (formatInstant), emails' slots (emails/format.ts).
 */
export function wallClock(instant: Date | DateTime, zone: string): { wall: Date; offset: number } | null {
  const ts = instant.valueOf()
  const tz = zoneNamed(zone)
  if (!tz.isValid || !Number.isFinite(ts)) return null
  const offset = tz.offset(ts)
  const wall = new Date(ts + offset * 60_000)
  const year = wall.getUTCFullYear()
  return year >= 1000 && year <= 9999 ? { wall, offset } : null
}

/**
 * `YYYY-MM-DDTHH:mm:ss±HH:MM` in the given zone, as every response gives instants. The same string as luxon's
 * `setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")`, from the wall clock (`wallClock`) without building a
 * DateTime and a formatter per instant: a hub's week formats four instants per booking (issue 18). Years outside
 * 1000–9999, an invalid instant or an unknown zone go to luxon itself (its padding, "Invalid DateTime").
 */
export function formatInstant(instant: Date | DateTime, zone: string = DEFAULT_ZONE): string {
  const clock = wallClock(instant, zone)
  if (clock) {
    const { wall, offset } = clock
    return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}T${two(wall.getUTCHours())}:${two(
      wall.getUTCMinutes(),
    )}:${two(wall.getUTCSeconds())}${offsetText(offset)}`
  }
  const dt = instant instanceof Date ? DateTime.fromJSDate(instant) : instant
  return dt.setZone(zoneNamed(zone)).toFormat(INSTANT_FORMAT)
}

/**
 * The local date (`YYYY-MM-DD`) of an instant in the zone: luxon's `setZone(zone).toISODate()` for years
 * 1000–9999, without a DateTime per instant (a series asks it for each occurrence: its grant and certification
 * checks).
 */
export function localDate(instant: Date, zone: string): string {
  return formatInstant(instant, zone).slice(0, 10)
}

/**
 * SQL twin of `formatInstant` (migration 0590's `iso_instant`), for answers written as JSON by the statement
 * itself (a list of bookings: issue 18); null for a null instant. `test/api/zone-functions.test.ts` compares the two.
 */
export function formatInstantSql(instant: Expression<Date | null>, zone: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`iso_instant(${instant}, ${zone})`
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
  // getTime(): comparing the Dates themselves converts each one through valueOf, ten times slower (a search makes thousands)
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime()
}
