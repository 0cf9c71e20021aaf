import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { formatInstant, localDate, parseInstant, zoneNamed } from './time.ts'

// Zones with every kind of transition: the EU rule, half-hour DST (Lord Howe), odd offsets (Kathmandu,
// Chatham, St John's), southern-hemisphere DST, and a zone whose rules changed (Sao Paulo dropped DST in 2019).
const ZONES = ['Europe/Rome', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'America/Sao_Paulo']
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })

describe('zoneNamed', () => {
  it('gives the offsets of the IANA zone, at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (name, ts) => {
        expect(zoneNamed(name).offset(ts)).toBe(IANAZone.create(name).offset(ts))
      }),
      { numRuns: 2000 },
    )
  })

  it('gives them minute by minute across the changes of Europe/Rome in 2027, asked in any order', () => {
    const iana = IANAZone.create('Europe/Rome')
    for (const change of [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1)]) {
      const minutes = Array.from({ length: 121 }, (_, i) => change + (i - 60) * 60_000)
      for (const ts of [...minutes.reverse(), ...minutes]) expect(zoneNamed('Europe/Rome').offset(ts)).toBe(iana.offset(ts))
    }
  })

  it('gives them every five minutes of each day with a transition and of the days around it, in any order', () => {
    const DAY = 86_400_000
    for (const name of ZONES) {
      const iana = IANAZone.create(name)
      const from = Date.UTC(2026, 0, 1) / DAY
      const days = Array.from({ length: 3 * 366 }, (_, i) => (from + i) * DAY).filter((d) => iana.offset(d) !== iana.offset(d + DAY - 1))
      expect(days.length, name).toBeGreaterThanOrEqual(name === 'Asia/Kathmandu' || name === 'America/Sao_Paulo' ? 0 : 6)
      for (const day of days) {
        const minutes = Array.from({ length: (3 * DAY) / 300_000 }, (_, i) => day - DAY + i * 300_000)
        for (const ts of [...minutes].reverse().concat(minutes)) expect(zoneNamed(name).offset(ts)).toBe(iana.offset(ts))
      }
    }
  })

  it('builds, formats and compares DateTimes as the zone name does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (name, ts) => {
        const remembered = DateTime.fromMillis(ts, { zone: zoneNamed(name) })
        const plain = DateTime.fromMillis(ts, { zone: name })
        expect(remembered.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ cccc LLLL")).toBe(plain.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ cccc LLLL"))
        expect(remembered.toISO()).toBe(plain.toISO())
        expect(remembered.zone.equals(plain.zone) && plain.zone.equals(remembered.zone)).toBe(true)
        const wall = remembered.toObject()
        expect(DateTime.fromObject(wall, { zone: zoneNamed(name) }).toMillis()).toBe(DateTime.fromObject(wall, { zone: name }).toMillis())
      }),
      { numRuns: 500 },
    )
  })

  it('is luxon’s invalid zone for a name it does not know', () => {
    expect(zoneNamed('Europe/Atlantide').isValid).toBe(false)
    expect(DateTime.fromMillis(0, { zone: zoneNamed('Europe/Atlantide') }).isValid).toBe(false)
  })
})

describe('request instants', () => {
  it('reads wall times in the hub’s zone and writes them back with the offset', () => {
    expect(formatInstant(parseInstant('2027-10-31T02:30', 'Europe/Rome')!)).toBe('2027-10-31T02:30:00+02:00')
    expect(formatInstant(parseInstant('2027-06-01T10:00:00Z', 'Europe/Rome')!)).toBe('2027-06-01T12:00:00+02:00')
    // the spring-forward gap does not exist
    expect(parseInstant('2027-03-28T02:30', 'Europe/Rome')).toBeNull()
  })
})

describe('parseInstant and localDate', () => {
  /** Days with a transition in 2027 (and the day after), minute by minute from midnight to 05:00 local. */
  const transitionDays: Array<[string, string]> = [
    ['Europe/Rome', '2027-03-28'],
    ['Europe/Rome', '2027-10-31'],
    ['Australia/Lord_Howe', '2027-04-04'],
    ['Australia/Lord_Howe', '2027-10-03'],
    ['America/St_Johns', '2027-03-14'],
    ['Pacific/Chatham', '2027-09-26'],
  ]

  it('refuses exactly the wall times the zone skips, minute by minute across the changes', () => {
    for (const [zone, date] of transitionDays) {
      for (let minute = 0; minute < 5 * 60; minute++) {
        const value = `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
        // luxon moves a skipped wall time forward: it exists when luxon keeps it
        const exists = DateTime.fromISO(value, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") === value
        const read = parseInstant(value, zone)
        expect(read === null, `${value} ${zone}`).toBe(!exists)
        if (read) expect(formatInstant(read, zone).slice(0, 16)).toBe(value)
      }
    }
  })

  it('localDate is luxon’s local date of the instant, at any instant in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, 'UTC', 'Asia/Tokyo'), instants, (zone, ts) => {
        expect(localDate(new Date(ts), zone)).toBe(DateTime.fromMillis(ts).setZone(zone).toISODate())
      }),
      { numRuns: 3000 },
    )
    for (const [zone, date] of transitionDays) {
      const midnight = DateTime.fromISO(date, { zone }).toMillis()
      for (let ts = midnight - 3 * 3_600_000; ts < midnight + 27 * 3_600_000; ts += 15 * 60_000) {
        expect(localDate(new Date(ts), zone)).toBe(DateTime.fromMillis(ts).setZone(zone).toISODate())
      }
    }
  })
})

describe('formatInstant', () => {
  /** What formatInstant gave when it was luxon's own formatting (the contract's strings). */
  const luxon = (instant: Date | DateTime, zone: string) =>
    (instant instanceof Date ? DateTime.fromJSDate(instant) : instant).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")

  it('writes what luxon writes, at any instant (milliseconds included) in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, 'UTC', 'America/New_York', 'Asia/Tokyo'), instants, (name, ts) => {
        expect(formatInstant(new Date(ts), name)).toBe(luxon(new Date(ts), name))
        expect(formatInstant(DateTime.fromMillis(ts, { zone: name }), name)).toBe(luxon(new Date(ts), name))
      }),
      { numRuns: 3000 },
    )
  })

  it('writes what luxon writes second by second and minute by minute across the changes of 2027 (Rome, Lord Howe’s half hour, Chatham)', () => {
    const changes = [
      ['Europe/Rome', Date.UTC(2027, 2, 28, 1)],
      ['Europe/Rome', Date.UTC(2027, 9, 31, 1)],
      ['Australia/Lord_Howe', Date.UTC(2027, 3, 3, 15)],
      ['Australia/Lord_Howe', Date.UTC(2027, 9, 2, 15, 30)],
      ['Pacific/Chatham', Date.UTC(2027, 3, 3, 14)],
    ] as const
    for (const [zone, change] of changes) {
      const seconds = Array.from({ length: 241 }, (_, i) => change + (i - 120) * 1000)
      const minutes = Array.from({ length: 241 }, (_, i) => change + (i - 120) * 60_000 + 999)
      for (const ts of [...seconds, ...minutes]) expect(formatInstant(new Date(ts), zone)).toBe(luxon(new Date(ts), zone))
    }
    expect(formatInstant(new Date(Date.UTC(2027, 9, 31, 0, 30)), 'Europe/Rome')).toBe('2027-10-31T02:30:00+02:00')
    expect(formatInstant(new Date(Date.UTC(2027, 9, 31, 1, 30)), 'Europe/Rome')).toBe('2027-10-31T02:30:00+01:00')
    expect(formatInstant(new Date(Date.UTC(2027, 2, 28, 1)), 'Europe/Rome')).toBe('2027-03-28T03:00:00+02:00')
  })

  it('writes what luxon writes for historical offsets, far years, invalid instants and unknown zones', () => {
    const cases: Array<[number, string]> = [
      [Date.UTC(1850, 5, 1, 12, 0, 30, 999), 'Europe/Rome'], // local mean time, +00:49:56
      [Date.UTC(1893, 9, 31, 23, 10), 'Europe/Rome'],
      [Date.UTC(1, 0, 1) - 86_400_000 * 400, 'Europe/Rome'],
      [Date.UTC(999, 11, 31, 23, 30), 'Europe/Rome'],
      [Date.UTC(9999, 11, 31, 23, 30), 'Europe/Rome'],
      [Date.UTC(12027, 0, 1), 'Asia/Kathmandu'],
      [-1, 'UTC'],
      [Number.NaN, 'Europe/Rome'],
      [Date.UTC(2027, 0, 1), 'Europe/Atlantide'],
    ]
    for (const [ts, zone] of cases) expect(formatInstant(new Date(ts), zone)).toBe(luxon(new Date(ts), zone))
    expect(formatInstant(DateTime.invalid('test'), 'Europe/Rome')).toBe('Invalid DateTime')
    expect(formatInstant(new Date(Number.NaN), 'Europe/Rome')).toBe('Invalid DateTime')
  })
})
