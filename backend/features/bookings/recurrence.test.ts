import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { formatInstant, wallToInstant } from '../../time.ts'
import { expandIntervals, expandOccurrences, MAX_OCCURRENCES, MAX_SPAN_YEARS, parseRecurrenceRule, RecurrenceError } from './recurrence.ts'

const ROME = 'Europe/Rome'
const at = (iso: string, zone = ROME) => DateTime.fromISO(iso, { zone })
const iso = (dt: DateTime) => dt.toFormat("yyyy-MM-dd'T'HH:mmZZ")

function expand(rrule: string, start: string, end: string, zone = ROME, exdates?: string[]) {
  return expandOccurrences({ rrule, start: at(start, zone), end: at(end, zone), zone, exdates })
}

function refusal(rrule: string, start = '2027-10-19T18:00', end = '2027-10-19T20:00'): string {
  try {
    expand(rrule, start, end)
  } catch (err) {
    expect(err).toBeInstanceOf(RecurrenceError)
    return (err as Error).message
  }
  throw new Error(`the rule ${rrule} was accepted`)
}

describe('expandOccurrences: daylight saving', () => {
  it('a weekly series keeps 18:00 across the end of summer time (last Sunday of October)', () => {
    const occ = expand('FREQ=WEEKLY;BYDAY=TU;COUNT=3', '2027-10-19T18:00', '2027-10-19T20:00')
    expect(occ.map((o) => iso(o.start))).toEqual(['2027-10-19T18:00+02:00', '2027-10-26T18:00+02:00', '2027-11-02T18:00+01:00'])
    expect(occ.map((o) => iso(o.end))).toEqual(['2027-10-19T20:00+02:00', '2027-10-26T20:00+02:00', '2027-11-02T20:00+01:00'])
  })

  it('a weekly series keeps 18:00 across the start of summer time (last Sunday of March)', () => {
    const occ = expand('FREQ=WEEKLY;BYDAY=TH;COUNT=3', '2028-03-16T18:00', '2028-03-16T20:00')
    expect(occ.map((o) => iso(o.start))).toEqual(['2028-03-16T18:00+01:00', '2028-03-23T18:00+01:00', '2028-03-30T18:00+02:00'])
  })

  it('a daily series at 18:00 crossing the change day itself stays at 18:00', () => {
    const occ = expand('FREQ=DAILY;COUNT=3', '2027-03-27T18:00', '2027-03-27T19:00')
    expect(occ.map((o) => o.start.toFormat('HH:mm'))).toEqual(['18:00', '18:00', '18:00'])
    expect(occ.map((o) => o.start.offset)).toEqual([60, 120, 120])
  })

  it('a wall time in the spring-forward gap moves forward by the gap and keeps its duration', () => {
    const occ = expand('FREQ=DAILY;COUNT=3', '2027-03-27T02:30', '2027-03-27T03:30')
    expect(occ.map((o) => iso(o.start))).toEqual(['2027-03-27T02:30+01:00', '2027-03-28T03:30+02:00', '2027-03-29T02:30+02:00'])
    expect(occ.map((o) => o.end.diff(o.start, 'minutes').minutes)).toEqual([60, 60, 60])
  })

  it('a wall time repeated when the clocks go back means its first occurrence (summer time)', () => {
    const occ = expand('FREQ=DAILY;COUNT=2', '2027-10-30T02:30', '2027-10-30T03:00')
    expect(iso(occ[1].start)).toBe('2027-10-31T02:30+02:00')
  })

  it('wallToInstant follows RFC 5545 in both directions', () => {
    expect(iso(wallToInstant({ year: 2027, month: 3, day: 28, hour: 2, minute: 15 }, ROME))).toBe('2027-03-28T03:15+02:00')
    expect(iso(wallToInstant({ year: 2027, month: 10, day: 31, hour: 2, minute: 15 }, ROME))).toBe('2027-10-31T02:15+02:00')
    expect(iso(wallToInstant({ year: 2027, month: 10, day: 31, hour: 3, minute: 0 }, ROME))).toBe('2027-10-31T03:00+01:00')
    expect(iso(wallToInstant({ year: 2027, month: 7, day: 1, hour: 9, minute: 0 }, 'America/New_York'))).toBe('2027-07-01T09:00-04:00')
  })

  it('reads a start given with an offset in the hub’s zone', () => {
    const occ = expandOccurrences({
      rrule: 'FREQ=WEEKLY;COUNT=2',
      start: DateTime.fromISO('2027-10-26T16:00:00Z', { setZone: true }),
      end: DateTime.fromISO('2027-10-26T18:00:00Z', { setZone: true }),
      zone: ROME,
    })
    expect(occ.map((o) => iso(o.start))).toEqual(['2027-10-26T18:00+02:00', '2027-11-02T18:00+01:00'])
  })
})

describe('expandIntervals: the instants of expandOccurrences', () => {
  it('a weekly series across the end of summer time, an excluded date and an excluded instant', () => {
    const req = {
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5\nEXDATE;TZID=Europe/Rome:20271109T180000',
      start: at('2027-10-19T18:00'),
      end: at('2027-10-19T19:30'),
      zone: ROME,
      exdates: ['2027-10-26'],
    }
    const slots = expandIntervals(req)
    expect(slots.map((s) => formatInstant(s.start, ROME))).toEqual([
      '2027-10-19T18:00:00+02:00',
      '2027-11-02T18:00:00+01:00',
      '2027-11-16T18:00:00+01:00',
    ])
    expect(slots.map((s) => (s.end.getTime() - s.start.getTime()) / 60_000)).toEqual([90, 90, 90])
    expect(expandOccurrences(req).map((o) => ({ start: o.start.toJSDate(), end: o.end.toJSDate() }))).toEqual(slots)
  })

  it('the gap and the repeated hour as expandOccurrences places them', () => {
    const gap = expandIntervals({ rrule: 'FREQ=DAILY;COUNT=3', start: at('2027-03-27T02:30'), end: at('2027-03-27T03:30'), zone: ROME })
    expect(gap.map((s) => s.start.toISOString())).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ])
    const repeated = expandIntervals({
      rrule: 'FREQ=DAILY;COUNT=2',
      start: at('2027-10-30T02:30'),
      end: at('2027-10-30T03:00'),
      zone: ROME,
    })
    expect(repeated.map((s) => s.start.toISOString())).toEqual(['2027-10-30T00:30:00.000Z', '2027-10-31T00:30:00.000Z'])
  })
})

describe('expandOccurrences: rule parts', () => {
  it('DAILY with INTERVAL', () => {
    const occ = expand('FREQ=DAILY;INTERVAL=3;COUNT=3', '2027-01-04T10:00', '2027-01-04T11:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-01-04', '2027-01-07', '2027-01-10'])
  })

  it('WEEKLY with several BYDAY and INTERVAL=2', () => {
    const occ = expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4', '2027-01-04T10:00', '2027-01-04T11:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-01-04', '2027-01-06', '2027-01-18', '2027-01-20'])
  })

  it('WEEKLY without BYDAY repeats the weekday of the start', () => {
    const occ = expand('FREQ=WEEKLY;COUNT=2', '2027-01-07T10:00', '2027-01-07T11:00')
    expect(occ.map((o) => o.start.weekdayLong)).toEqual(['Thursday', 'Thursday'])
  })

  it('MONTHLY with BYMONTHDAY skips months without that day', () => {
    const occ = expand('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3', '2027-01-31T10:00', '2027-01-31T11:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-01-31', '2027-03-31', '2027-05-31'])
  })

  it('MONTHLY with an ordinal BYDAY: the second Tuesday', () => {
    const occ = expand('FREQ=MONTHLY;BYDAY=2TU;COUNT=3', '2027-01-01T14:00', '2027-01-01T17:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-01-12', '2027-02-09', '2027-03-09'])
  })

  it('MONTHLY with BYSETPOS=-1: the last working day', () => {
    const occ = expand('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', '2027-01-01T09:00', '2027-01-01T10:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-01-29', '2027-02-26', '2027-03-31'])
  })

  it('UNTIL as a date includes that whole local day', () => {
    const occ = expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102', '2027-10-19T18:00', '2027-10-19T20:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-10-19', '2027-10-26', '2027-11-02'])
  })

  it('UNTIL in UTC is compared with the occurrences as instants', () => {
    const occ = expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T165959Z', '2027-10-19T18:00', '2027-10-19T20:00')
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-10-19', '2027-10-26'])
    const incl = expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T170000Z', '2027-10-19T18:00', '2027-10-19T20:00')
    expect(incl).toHaveLength(3)
  })

  it('UNTIL as local wall time is read in the hub’s zone', () => {
    const occ = expand('FREQ=DAILY;UNTIL=20271021T180000', '2027-10-19T18:00', '2027-10-19T20:00')
    expect(occ).toHaveLength(3)
  })

  it('EXDATE lines and extra exclusions drop occurrences', () => {
    const occ = expand(
      'RRULE:FREQ=DAILY;COUNT=6\nEXDATE:20271020T180000\nEXDATE;VALUE=DATE:20271022\nEXDATE:20271023T160000Z',
      '2027-10-19T18:00',
      '2027-10-19T20:00',
      ROME,
      ['2027-10-24T18:00+02:00'],
    )
    expect(occ.map((o) => o.start.toISODate())).toEqual(['2027-10-19', '2027-10-21'])
  })

  it('COUNT counts the excluded dates too (RFC 5545)', () => {
    expect(expand('FREQ=DAILY;COUNT=3', '2027-10-19T18:00', '2027-10-19T20:00', ROME, ['2027-10-20'])).toHaveLength(2)
  })

  it('accepts lower case and an RRULE: prefix, and normalises the text', () => {
    expect(parseRecurrenceRule('rrule:freq=weekly;byday=tu;count=10').text).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=10')
  })

  it('allows exactly 366 occurrences', () => {
    expect(expand('FREQ=DAILY;COUNT=366', '2027-01-01T10:00', '2027-01-01T11:00')).toHaveLength(MAX_OCCURRENCES)
  })
})

describe('expandOccurrences: refusals name the fault', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=TU', /COUNT o UNTIL/],
    ['FREQ=DAILY;COUNT=367', /COUNT=367.*366/],
    ['FREQ=DAILY;UNTIL=20281231', /più di 366/],
    ['FREQ=WEEKLY;UNTIL=20301231', /UNTIL.*2 anni/],
    ['FREQ=MONTHLY;COUNT=30', /2 anni/],
    ['FREQ=HOURLY;COUNT=3', /FREQ=HOURLY/],
    ['FREQ=YEARLY;COUNT=3', /FREQ=YEARLY/],
    ['FREQ=MINUTELY;COUNT=3', /FREQ=MINUTELY/],
    ['garbage', /GARBAGE/],
    ['', /vuota/],
    ['COUNT=3', /FREQ è obbligatorio/],
    ['FREQ=DAILY;COUNT=0', /COUNT=0/],
    ['FREQ=DAILY;COUNT=tre', /COUNT=TRE/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20271231', /COUNT e UNTIL/],
    ['FREQ=DAILY;COUNT=3;COUNT=4', /COUNT è ripetuto/],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=3', /BYDAY/],
    ['FREQ=WEEKLY;BYDAY=2TU;COUNT=3', /ordinale/],
    ['FREQ=WEEKLY;BYMONTHDAY=3;COUNT=3', /BYMONTHDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3', /BYMONTHDAY=32/],
    ['FREQ=MONTHLY;BYSETPOS=1;COUNT=3', /BYSETPOS richiede/],
    ['FREQ=DAILY;BYHOUR=10;COUNT=3', /BYHOUR/],
    ['FREQ=DAILY;FOO=1;COUNT=3', /FOO/],
    ['FREQ=DAILY;UNTIL=20270230', /UNTIL=20270230/],
    ['FREQ=DAILY;UNTIL=20271001', /precede/],
    ['FREQ=DAILY;INTERVAL=0;COUNT=3', /INTERVAL/],
    ['DTSTART:20271019T180000\nRRULE:FREQ=DAILY;COUNT=3', /DTSTART/],
    ['FREQ=DAILY;COUNT=2\nEXDATE:20271019T180000\nEXDATE:20271020T180000', /nessuna|alcuna/],
    ['FREQ=DAILY;COUNT=2\nEXDATE:ieri', /EXDATE/],
  ])('%s', (rule, message) => {
    expect(refusal(rule)).toMatch(message)
  })

  it('refuses an end before the start', () => {
    expect(() => expand('FREQ=DAILY;COUNT=2', '2027-10-19T18:00', '2027-10-19T17:00')).toThrow(RecurrenceError)
  })
})

describe('expandOccurrences: properties', () => {
  const zones = fc.constantFrom('Europe/Rome', 'Europe/London', 'America/New_York', 'Australia/Sydney')
  const day = fc.integer({ min: 0, max: 3 * 365 })
  const minuteOfDay = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => q * 15)
  const rule = fc.record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    byDay: fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
    byMonthDay: fc.subarray([1, 7, 15, 28, 31, -1]),
    end: fc.oneof(
      fc.integer({ min: 1, max: 400 }).map((n) => `COUNT=${n}`),
      fc.integer({ min: 0, max: 800 }).map((d) => ({ untilDays: d })),
    ),
  })

  it('every occurrence is at the start’s wall time in the zone, sorted, distinct and within bounds', () => {
    fc.assert(
      fc.property(zones, day, minuteOfDay, fc.integer({ min: 15, max: 600 }), rule, (zone, d, minute, duration, r) => {
        const start = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone })
          .plus({ days: d })
          .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
        const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`]
        if (r.byDay.length) parts.push(`BYDAY=${r.byDay.join(',')}`)
        if (r.freq === 'MONTHLY' && r.byMonthDay.length) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`)
        if (typeof r.end === 'string') parts.push(r.end)
        else parts.push(`UNTIL=${start.plus({ days: r.end.untilDays }).toFormat('yyyyMMdd')}`)
        let occ: ReturnType<typeof expandOccurrences>
        try {
          occ = expandOccurrences({ rrule: parts.join(';'), start, end: start.plus({ minutes: duration }), zone })
        } catch (err) {
          // Only the bounds may refuse a well-formed rule.
          expect(err).toBeInstanceOf(RecurrenceError)
          expect((err as Error).message).toMatch(/366|2 anni|alcuna occorrenza|precede/)
          return
        }
        const limit = start.plus({ years: MAX_SPAN_YEARS })
        const faults: string[] = []
        if (occ.length === 0 || occ.length > MAX_OCCURRENCES) faults.push(`${occ.length} occurrences`)
        for (let i = 0; i < occ.length; i++) {
          const o = occ[i]
          const at = o.start.toISO()
          if (o.start.zoneName !== zone) faults.push(`${at} not in ${zone}`)
          if (o.end.toMillis() - o.start.toMillis() !== duration * 60_000) faults.push(`${at} lasts differently`)
          if (o.start >= limit || o.start < start.startOf('day')) faults.push(`${at} out of bounds`)
          // The wall time is the start's, unless that wall time does not exist that day (then it moved forward).
          const wall = o.start.set({ hour: start.hour, minute: start.minute })
          const exists = wall.hour === start.hour && wall.minute === start.minute
          if (exists && o.start.toFormat('HH:mm') !== start.toFormat('HH:mm')) faults.push(`${at} lost its wall time`)
          const weekday = o.start.toFormat('ccc').slice(0, 2).toUpperCase()
          if (r.byDay.length && r.freq !== 'MONTHLY' && !r.byDay.includes(weekday)) faults.push(`${at} on ${weekday}`)
          if (i > 0 && !(o.start > occ[i - 1].start)) faults.push(`${at} not after the previous one`)
        }
        expect(faults).toEqual([])
      }),
      { numRuns: 150 },
    )
  }, 60_000)

  it('never expands more than the bound, however long the rule asks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 367, max: 100_000 }), (count) => {
        expect(() => expand(`FREQ=DAILY;COUNT=${count}`, '2027-01-01T10:00', '2027-01-01T11:00')).toThrow(/366/)
      }),
      { numRuns: 20 },
    )
  })
})
