import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import type { Interval } from '../../time.ts'
import type { OpeningInterval } from '../catalogue/opening-hours.ts'
import { fitsOpeningHours, freeIntervals, localSpanOf, mergeIntervals, openingIntervals, subtractIntervals } from './opening-hours.ts'

const ROME = 'Europe/Rome'
const t = (iso: string) => DateTime.fromISO(iso, { zone: ROME }).toJSDate()
const span = (a: string, b: string): Interval => ({ start: t(a), end: t(b) })
const show = (list: Interval[]) =>
  list.map(
    (i) =>
      `${DateTime.fromJSDate(i.start, { zone: ROME }).toFormat('dd HH:mm')}–${DateTime.fromJSDate(i.end, { zone: ROME }).toFormat('dd HH:mm')}`,
  )

const WEEKDAYS_9_18: OpeningInterval[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00:00', close: '18:00:00' }))
const SPLIT: OpeningInterval[] = [
  { weekday: 2, open: '09:00', close: '13:00' },
  { weekday: 2, open: '14:00', close: '18:00' },
  { weekday: 3, open: '09:00', close: '12:00' },
  { weekday: 3, open: '12:00', close: '18:00' },
]

describe('fitsOpeningHours', () => {
  it('places an interval in local wall time as luxon does (weekday, minutes, days to its end), across DST changes', () => {
    const luxonSpan = (interval: Interval, zone: string) => {
      const start = DateTime.fromJSDate(interval.start, { zone })
      const end = DateTime.fromJSDate(interval.end, { zone })
      const endDays = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days)
      return {
        weekday: start.weekday,
        startMin: start.hour * 60 + start.minute + start.second / 60,
        endMin: endDays * 1440 + end.hour * 60 + end.minute + end.second / 60,
      }
    }
    const zones = [ROME, 'Australia/Lord_Howe', 'America/Havana', 'Asia/Kathmandu', 'America/Sao_Paulo']
    const changes = [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1), Date.UTC(2027, 3, 3, 15), Date.UTC(2027, 2, 14, 5)]
    const starts = fc.oneof(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.constantFrom(...changes).chain((c) => fc.integer({ min: c - 2 * 86_400_000, max: c + 86_400_000 })),
    )
    fc.assert(
      fc.property(fc.constantFrom(...zones), starts, fc.integer({ min: 1, max: 3 * 86_400_000 }), (zone, start, length) => {
        const interval = { start: new Date(start), end: new Date(start + length) }
        expect(localSpanOf(interval, zone)).toEqual(luxonSpan(interval, zone))
      }),
      { numRuns: 3000 },
    )
  })

  it('accepts an interval inside the day’s hours, edges included', () => {
    expect(fitsOpeningHours(span('2027-10-19T09:00', '2027-10-19T18:00'), WEEKDAYS_9_18, ROME)).toBe(true)
    expect(fitsOpeningHours(span('2027-10-19T14:00', '2027-10-19T17:00'), WEEKDAYS_9_18, ROME)).toBe(true)
  })

  it('refuses an interval that starts early, ends late, or falls on a closed weekday', () => {
    expect(fitsOpeningHours(span('2027-10-19T08:30', '2027-10-19T10:00'), WEEKDAYS_9_18, ROME)).toBe(false)
    expect(fitsOpeningHours(span('2027-10-19T17:00', '2027-10-19T18:01'), WEEKDAYS_9_18, ROME)).toBe(false)
    expect(fitsOpeningHours(span('2027-10-23T10:00', '2027-10-23T11:00'), WEEKDAYS_9_18, ROME)).toBe(false)
    expect(fitsOpeningHours(span('2027-10-19T10:00', '2027-10-19T11:00'), [], ROME)).toBe(false)
  })

  it('must lie inside one interval: the lunch break splits the day', () => {
    expect(fitsOpeningHours(span('2027-10-19T12:00', '2027-10-19T15:00'), SPLIT, ROME)).toBe(false)
    expect(fitsOpeningHours(span('2027-10-19T14:00', '2027-10-19T15:00'), SPLIT, ROME)).toBe(true)
  })

  it('joins intervals that touch', () => {
    expect(fitsOpeningHours(span('2027-10-20T11:00', '2027-10-20T13:00'), SPLIT, ROME)).toBe(true)
  })

  it('compares wall times, so the hours hold on both sides of a daylight-saving change', () => {
    expect(fitsOpeningHours(span('2027-10-25T09:00', '2027-10-25T18:00'), WEEKDAYS_9_18, ROME)).toBe(true)
    expect(fitsOpeningHours(span('2027-11-01T09:00', '2027-11-01T18:00'), WEEKDAYS_9_18, ROME)).toBe(true)
    expect(fitsOpeningHours(span('2028-03-27T09:00', '2028-03-27T18:00'), WEEKDAYS_9_18, ROME)).toBe(true)
    // 08:00 UTC+1 in winter is 09:00 wall time
    expect(fitsOpeningHours({ start: new Date('2027-11-01T08:00:00Z'), end: new Date('2027-11-01T09:00:00Z') }, WEEKDAYS_9_18, ROME)).toBe(
      true,
    )
    expect(fitsOpeningHours({ start: new Date('2027-10-25T08:00:00Z'), end: new Date('2027-10-25T09:00:00Z') }, WEEKDAYS_9_18, ROME)).toBe(
      true,
    )
    expect(fitsOpeningHours({ start: new Date('2027-10-25T06:30:00Z'), end: new Date('2027-10-25T09:00:00Z') }, WEEKDAYS_9_18, ROME)).toBe(
      false,
    )
  })

  it('lets a booking pass midnight only when the hub is open through it', () => {
    const nights: OpeningInterval[] = [
      { weekday: 5, open: '18:00', close: '24:00' },
      { weekday: 6, open: '00:00', close: '02:00' },
    ]
    expect(fitsOpeningHours(span('2027-10-22T23:00', '2027-10-23T01:00'), nights, ROME)).toBe(true)
    expect(fitsOpeningHours(span('2027-10-22T23:00', '2027-10-23T03:00'), nights, ROME)).toBe(false)
    expect(fitsOpeningHours(span('2027-10-22T23:00', '2027-10-23T00:00'), nights, ROME)).toBe(true)
  })
})

describe('openingIntervals and freeIntervals', () => {
  it('lists the week’s opening intervals as instants', () => {
    const list = openingIntervals(WEEKDAYS_9_18, span('2027-10-18T00:00', '2027-10-25T00:00'), ROME)
    expect(show(list)).toEqual(['18 09:00–18 18:00', '19 09:00–19 18:00', '20 09:00–20 18:00', '21 09:00–21 18:00', '22 09:00–22 18:00'])
  })

  it('keeps 09:00 wall time across the end of summer time', () => {
    const list = openingIntervals(WEEKDAYS_9_18, span('2027-10-29T00:00', '2027-11-02T00:00'), ROME)
    expect(list.map((i) => i.start.toISOString())).toEqual(['2027-10-29T07:00:00.000Z', '2027-11-01T08:00:00.000Z'])
  })

  it('free time is the opening hours clipped to the window minus what is busy', () => {
    const free = freeIntervals(span('2027-10-19T10:00', '2027-10-21T00:00'), WEEKDAYS_9_18, ROME, [
      span('2027-10-19T12:00', '2027-10-19T13:00'),
      span('2027-10-19T12:30', '2027-10-19T14:00'),
      span('2027-10-20T00:00', '2027-10-20T10:00'),
      span('2027-10-20T17:00', '2027-10-20T19:00'),
    ])
    expect(show(free)).toEqual(['19 10:00–19 12:00', '19 14:00–19 18:00', '20 10:00–20 17:00'])
  })

  it('a day wholly closed has no free time', () => {
    expect(
      freeIntervals(span('2027-12-07T00:00', '2027-12-08T00:00'), WEEKDAYS_9_18, ROME, [span('2027-12-07T00:00', '2027-12-08T00:00')]),
    ).toEqual([])
  })

  it('subtraction never leaves busy time and never adds time (property)', () => {
    const base = Date.UTC(2027, 0, 1)
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 200 }))
      .map(([s, d]) => ({ start: new Date(base + s * 60_000), end: new Date(base + (s + d) * 60_000) }))
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), fc.array(interval, { maxLength: 8 }), (a, b) => {
        const result = subtractIntervals(a, b)
        const faults: string[] = []
        for (const r of result) {
          if (!(r.start < r.end)) faults.push('empty piece')
          if (b.some((x) => x.start < r.end && r.start < x.end)) faults.push('overlaps busy time')
          if (!mergeIntervals(a).some((x) => x.start <= r.start && r.end <= x.end)) faults.push('outside the base')
        }
        for (let i = 1; i < result.length; i++)
          if (!(result[i - 1].end < result[i].start || result[i - 1].end <= result[i].start)) faults.push('unsorted')
        // Every free minute of the base is kept.
        for (let m = 0; m < 1200; m += 7) {
          const at = new Date(base + m * 60_000)
          const inBase = a.some((x) => x.start <= at && at < x.end)
          const inCut = b.some((x) => x.start <= at && at < x.end)
          const inResult = result.some((x) => x.start <= at && at < x.end)
          if (inResult !== (inBase && !inCut)) faults.push(`minute ${m}`)
        }
        expect(faults).toEqual([])
      }),
      { numRuns: 200 },
    )
  })
})
