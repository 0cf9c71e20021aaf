import { describe, expect, it } from 'vitest'
import { buildRRule, firstOccurrenceDate, recurrenceProblems, weekdayOf } from '../../../frontend/src/lib/rrule-builder.ts'

describe('the recurrence builder of the booking form', () => {
  it('gives no rule for a single booking', () => {
    expect(buildRRule({ kind: 'once' })).toBeNull()
  })

  it('builds "every Tuesday, ten times"', () => {
    expect(buildRRule({ kind: 'weekly', interval: 1, days: [2], end: { kind: 'count', count: 10 } })).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=10')
  })

  it('sorts and de-duplicates the weekdays, Monday first', () => {
    expect(buildRRule({ kind: 'weekly', interval: 1, days: [7, 4, 2, 4], end: { kind: 'count', count: 3 } })).toBe(
      'FREQ=WEEKLY;BYDAY=TU,TH,SU;COUNT=3',
    )
  })

  it('builds "every other week on Monday and Wednesday until a date" with UNTIL as a date', () => {
    expect(buildRRule({ kind: 'weekly', interval: 2, days: [1, 3], end: { kind: 'until', until: '2027-12-31' } })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20271231',
    )
  })

  it('builds a monthly rule on the first date’s day of the month', () => {
    expect(buildRRule({ kind: 'monthly', end: { kind: 'count', count: 6 } })).toBe('FREQ=MONTHLY;COUNT=6')
    expect(buildRRule({ kind: 'monthly', interval: 3, end: { kind: 'until', until: '2028-06-30' } })).toBe(
      'FREQ=MONTHLY;INTERVAL=3;UNTIL=20280630',
    )
  })

  it('reports what is wrong before anything is sent', () => {
    expect(recurrenceProblems({ kind: 'weekly', interval: 1, days: [], end: { kind: 'count', count: 5 } }, '2027-10-19')).toEqual(['days'])
    expect(recurrenceProblems({ kind: 'weekly', interval: 0, days: [2], end: { kind: 'count', count: 0 } }, '2027-10-19')).toEqual([
      'interval',
      'count',
    ])
    expect(recurrenceProblems({ kind: 'weekly', interval: 1, days: [2], end: { kind: 'count', count: 367 } }, '2027-10-19')).toEqual([
      'count',
    ])
    expect(recurrenceProblems({ kind: 'monthly', end: { kind: 'until', until: '2027-10-01' } }, '2027-10-19')).toEqual(['untilBeforeStart'])
    expect(recurrenceProblems({ kind: 'monthly', end: { kind: 'until', until: '' } }, '2027-10-19')).toEqual(['until'])
    expect(recurrenceProblems({ kind: 'once' }, '')).toEqual([])
  })

  it('holds a series to the server’s bounds: its last day within two years, at most 366 occurrences', () => {
    const weekly = (days: number[], until: string, interval = 1) => ({
      kind: 'weekly' as const,
      interval,
      days,
      end: { kind: 'until' as const, until },
    })
    expect(recurrenceProblems(weekly([2], '2029-10-19'), '2027-10-19')).toEqual([])
    expect(recurrenceProblems(weekly([2], '2029-10-20'), '2027-10-19')).toEqual(['untilTooFar'])
    expect(recurrenceProblems({ kind: 'monthly', end: { kind: 'until', until: '2030-01-01' } }, '2027-10-19')).toEqual(['untilTooFar'])
    // every weekday for a year: 5 × 52 = 260 sessions; for two years, 521: too many
    expect(recurrenceProblems(weekly([1, 2, 3, 4, 5], '2028-10-15'), '2027-10-18')).toEqual([])
    expect(recurrenceProblems(weekly([1, 2, 3, 4, 5], '2029-10-15'), '2027-10-18')).toEqual(['tooMany'])
    // every other week, the same two years: 261, within the bound
    expect(recurrenceProblems(weekly([1, 2, 3, 4, 5], '2029-10-15', 2), '2027-10-18')).toEqual([])
    // 366 daily sessions fit exactly; a 367th does not
    const everyDay = [1, 2, 3, 4, 5, 6, 7]
    expect(recurrenceProblems(weekly(everyDay, '2028-10-17'), '2027-10-18')).toEqual([])
    expect(recurrenceProblems(weekly(everyDay, '2028-10-18'), '2027-10-18')).toEqual(['tooMany'])
  })

  it('starts a weekly series on its first chosen weekday on or after the date', () => {
    expect(weekdayOf('2027-10-18')).toBe(1)
    expect(weekdayOf('2027-10-24')).toBe(7)
    const choice = { kind: 'weekly' as const, interval: 1, days: [2, 4], end: { kind: 'count' as const, count: 4 } }
    expect(firstOccurrenceDate(choice, '2027-10-18')).toBe('2027-10-19')
    expect(firstOccurrenceDate(choice, '2027-10-19')).toBe('2027-10-19')
    expect(firstOccurrenceDate(choice, '2027-10-22')).toBe('2027-10-26')
    expect(firstOccurrenceDate({ kind: 'once' }, '2027-10-22')).toBe('2027-10-22')
  })
})
