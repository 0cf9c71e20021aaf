import { afterAll, describe, expect, it } from 'vitest'
import { setLocale } from '../../../frontend/src/i18n/index.ts'
import { formatClosure, formatWeek } from '../../../frontend/src/lib/format.ts'

afterAll(() => setLocale('it'))

/** [what, start, end, in Italian, in English] */
const CASES: Array<[string, string, string, string, string]> = [
  [
    'a whole day reads as that day',
    '2026-12-07T00:00:00+01:00',
    '2026-12-08T00:00:00+01:00',
    'lunedì 7 dicembre 2026',
    'Monday, 7 December 2026',
  ],
  [
    'whole days read as days, the last one included and unpadded (ICU’s Italian range would say 07–09)',
    '2026-12-07T00:00:00+01:00',
    '2026-12-10T00:00:00+01:00',
    '7–9 dicembre 2026',
    '7–9 December 2026',
  ],
  [
    'whole days across months',
    '2027-07-30T00:00:00+02:00',
    '2027-08-03T00:00:00+02:00',
    '30 luglio – 2 agosto 2027',
    '30 July – 2 August 2027',
  ],
  [
    'whole days across years',
    '2026-12-31T00:00:00+01:00',
    '2027-01-02T00:00:00+01:00',
    '31 dicembre 2026 – 1 gennaio 2027',
    '31 December 2026 – 1 January 2027',
  ],
  [
    'a whole day across the change to summer time (the hub’s wall clock, whatever the offset)',
    '2027-03-28T00:00:00+01:00',
    '2027-03-29T00:00:00+02:00',
    'domenica 28 marzo 2027',
    'Sunday, 28 March 2027',
  ],
  [
    'part of a day reads as a range of times',
    '2027-10-19T08:00:00+02:00',
    '2027-10-19T13:00:00+02:00',
    'martedì 19 ottobre 2027, 08:00–13:00',
    'Tuesday, 19 October 2027, 08:00–13:00',
  ],
  [
    'times across days',
    '2027-10-19T18:00:00+02:00',
    '2027-10-20T00:00:00+02:00',
    'martedì 19 ottobre 2027 18:00 – mercoledì 20 ottobre 2027 00:00',
    'Tuesday, 19 October 2027 18:00 – Wednesday, 20 October 2027 00:00',
  ],
]

describe('a closure in words (formatClosure, the one every page uses)', () => {
  it.each(CASES)('%s', (_what, start, end, italian, english) => {
    setLocale('it')
    expect(formatClosure(start, end)).toBe(italian)
    setLocale('en')
    expect(formatClosure(start, end)).toBe(english)
  })
})

describe('a week in words (formatWeek: the calendars and the board)', () => {
  it.each([
    ['2026-12-07', '7–13 dicembre 2026', '7–13 December 2026'],
    ['2027-03-29', '29 marzo – 4 aprile 2027', '29 March – 4 April 2027'],
    ['2026-12-28', '28 dicembre 2026 – 3 gennaio 2027', '28 December 2026 – 3 January 2027'],
  ])('the week of %s, days unpadded', (monday, italian, english) => {
    setLocale('it')
    expect(formatWeek(monday)).toBe(italian)
    setLocale('en')
    expect(formatWeek(monday)).toBe(english)
  })
})
