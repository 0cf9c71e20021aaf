import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { formatInstant, parseInstant, zoneNamed } from './time.ts'

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
