import { afterAll, describe, expect, it } from 'vitest'
import { setLocale } from '../../../frontend/src/i18n/index.ts'
import { formatClosure } from '../../../frontend/src/lib/format.ts'

afterAll(() => setLocale('it'))

describe('a closure in words (formatClosure, the one every page uses)', () => {
  it('reads a whole day as that day', () => {
    setLocale('it')
    expect(formatClosure('2026-12-07T00:00:00+01:00', '2026-12-08T00:00:00+01:00')).toBe('lunedì 7 dicembre 2026')
  })

  it('reads whole days as a range of days, the last one included, the days unpadded', () => {
    setLocale('it')
    expect(formatClosure('2026-12-07T00:00:00+01:00', '2026-12-10T00:00:00+01:00')).toBe('7–9 dicembre 2026')
    expect(formatClosure('2027-07-30T00:00:00+02:00', '2027-08-03T00:00:00+02:00')).toBe('30 luglio – 2 agosto 2027')
    expect(formatClosure('2026-12-31T00:00:00+01:00', '2027-01-02T00:00:00+01:00')).toBe('31 dicembre 2026 – 1 gennaio 2027')
  })

  it('reads anything but whole days as a range of times, on one day or across days', () => {
    setLocale('it')
    expect(formatClosure('2027-10-19T08:00:00+02:00', '2027-10-19T13:00:00+02:00')).toBe('martedì 19 ottobre 2027, 08:00–13:00')
    expect(formatClosure('2027-10-19T18:00:00+02:00', '2027-10-20T00:00:00+02:00')).toBe(
      'martedì 19 ottobre 2027 18:00 – mercoledì 20 ottobre 2027 00:00',
    )
  })

  it('shows the hub’s wall-clock day, whatever the offset', () => {
    setLocale('it')
    // Across the change to summer time: still the whole of Sunday 28 March.
    expect(formatClosure('2027-03-28T00:00:00+01:00', '2027-03-29T00:00:00+02:00')).toBe('domenica 28 marzo 2027')
  })

  it('speaks English too', () => {
    setLocale('en')
    expect(formatClosure('2026-12-07T00:00:00+01:00', '2026-12-08T00:00:00+01:00')).toBe('Monday, 7 December 2026')
    expect(formatClosure('2026-12-07T00:00:00+01:00', '2026-12-10T00:00:00+01:00')).toBe('7–9 December 2026')
    expect(formatClosure('2027-07-30T00:00:00+02:00', '2027-08-03T00:00:00+02:00')).toBe('30 July – 2 August 2027')
  })
})
