import { describe, expect, it } from 'vitest'
import { formatDateText, monthGrid, parseDateText, parseTimeText } from '../../../frontend/src/lib/date-input.ts'

describe('a typed date', () => {
  it('reads day/month/year the Italian way, and the ISO form a link brings', () => {
    expect(parseDateText('01/03/2027')).toBe('2027-03-01')
    expect(parseDateText('1/3/27')).toBe('2027-03-01')
    expect(parseDateText(' 1.3.2027 ')).toBe('2027-03-01')
    expect(parseDateText('2027-03-01')).toBe('2027-03-01')
  })

  it('refuses what is no date: the 31st of April, 29 February outside leap years, the US month first', () => {
    expect(parseDateText('31/04/2027')).toBeNull()
    expect(parseDateText('29/02/2027')).toBeNull()
    expect(parseDateText('29/02/2028')).toBe('2028-02-29')
    expect(parseDateText('03/15/2027')).toBeNull()
    expect(parseDateText('domani')).toBeNull()
    expect(parseDateText('')).toBeNull()
  })

  it('writes a date back as dd/mm/yyyy', () => {
    expect(formatDateText('2027-03-01')).toBe('01/03/2027')
    expect(formatDateText('')).toBe('')
  })
})

describe('a typed time', () => {
  it('reads 24-hour times with or without a separator', () => {
    expect(parseTimeText('14:30')).toBe('14:30')
    expect(parseTimeText('9')).toBe('09:00')
    expect(parseTimeText('9.30')).toBe('09:30')
    expect(parseTimeText('930')).toBe('09:30')
    expect(parseTimeText('1430')).toBe('14:30')
  })

  it('refuses hours and minutes out of range and the 12-hour clock', () => {
    expect(parseTimeText('24:00')).toBeNull()
    expect(parseTimeText('12:60')).toBeNull()
    expect(parseTimeText('2:30 PM')).toBeNull()
    expect(parseTimeText('')).toBeNull()
  })
})

describe('a month grid', () => {
  it('starts weeks on Monday with blanks before the 1st and after the last day', () => {
    // March 2027 begins on a Monday; February 2027 on a Monday too and has exactly four weeks.
    const march = monthGrid('2027-03')
    expect(march[0][0]).toBe('2027-03-01')
    expect(march.at(-1)?.filter(Boolean).at(-1)).toBe('2027-03-31')
    expect(monthGrid('2027-02')).toHaveLength(4)
    // December 2026 begins on a Tuesday.
    expect(monthGrid('2026-12')[0].slice(0, 2)).toEqual([null, '2026-12-01'])
  })
})
