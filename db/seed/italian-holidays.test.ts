import { describe, expect, it } from 'vitest'
import { easterSunday, milanHolidays, nextDay } from './italian-holidays.ts'

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2038, '2038-04-25'],
  ])('Easter %i falls on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date)
  })

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const date = easterSunday(year)
      expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(0)
      const monthDay = date.slice(5)
      expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true)
    }
  })
})

describe('milanHolidays', () => {
  it('has Easter Monday the day after Easter, and Milan’s patron on 7 December', () => {
    const days = milanHolidays(2027)
    expect(days).toContainEqual({ date: '2027-03-29', name: "Lunedì dell'Angelo" })
    expect(days).toContainEqual({ date: '2027-12-07', name: "Sant'Ambrogio, patrono di Milano" })
    for (const date of [
      '2027-01-01',
      '2027-01-06',
      '2027-04-25',
      '2027-05-01',
      '2027-06-02',
      '2027-08-15',
      '2027-11-01',
      '2027-12-08',
      '2027-12-25',
      '2027-12-26',
    ]) {
      expect(days.map((d) => d.date)).toContain(date)
    }
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort())
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length)
  })

  it('keeps San Francesco (4 October) only from 2026', () => {
    expect(milanHolidays(2025).map((d) => d.date)).not.toContain('2025-10-04')
    expect(milanHolidays(2026).map((d) => d.date)).toContain('2026-10-04')
  })

  it('steps over month and year ends', () => {
    expect(nextDay('2027-03-31')).toBe('2027-04-01')
    expect(nextDay('2027-12-31')).toBe('2028-01-01')
    expect(nextDay('2028-02-28')).toBe('2028-02-29')
  })
})
