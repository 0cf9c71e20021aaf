import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { expandRule, ruleWithCount } from './recurrence.ts'

const rome = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Rome' }).toJSDate()
const wall = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Rome' }).toFormat("yyyy-MM-dd'T'HH:mm")

describe('expandRule', () => {
  it('a weekly series keeps 18:00 Europe/Rome across the end of summer time', () => {
    const dates = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=4', rome('2027-10-19T18:00'), 'Europe/Rome')
    expect(dates.map(wall)).toEqual(['2027-10-19T18:00', '2027-10-26T18:00', '2027-11-02T18:00', '2027-11-09T18:00'])
    // the UTC hour changes with the offset: 16:00Z in summer, 17:00Z in winter
    expect(dates[0].toISOString()).toBe('2027-10-19T16:00:00.000Z')
    expect(dates[2].toISOString()).toBe('2027-11-02T17:00:00.000Z')
  })

  it('reads UNTIL as an instant', () => {
    const dates = expandRule('FREQ=DAILY;UNTIL=20270323T165959Z', rome('2027-03-20T18:00'), 'Europe/Rome')
    expect(dates.map(wall)).toEqual(['2027-03-20T18:00', '2027-03-21T18:00', '2027-03-22T18:00'])
  })

  it('accepts a rule written with the RRULE: prefix', () => {
    expect(expandRule('RRULE:FREQ=MONTHLY;COUNT=2', rome('2027-01-31T10:00'), 'Europe/Rome').map(wall)).toEqual([
      '2027-01-31T10:00',
      '2027-03-31T10:00',
    ])
  })
})

describe('ruleWithCount', () => {
  it('replaces COUNT or UNTIL with the number of instances', () => {
    expect(ruleWithCount('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T230000Z', 7)).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=7')
    expect(ruleWithCount('RRULE:FREQ=DAILY;COUNT=3', 3)).toBe('FREQ=DAILY;COUNT=3')
  })
})

describe('expandRule, remembered', () => {
  it('gives the same instants again, and other ones for another zone or start', () => {
    const start = rome('2027-10-19T18:00')
    const first = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', start, 'Europe/Rome')
    const again = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', new Date(start.getTime()), 'Europe/Rome')
    expect(again).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    const london = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', start, 'Europe/London')
    // 17:00 in London is 16:00Z in summer time and 17:00Z after it
    expect(london.map((d) => d.toISOString())).toEqual(['2027-10-19T16:00:00.000Z', '2027-10-26T16:00:00.000Z', '2027-11-02T17:00:00.000Z'])
    const later = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', rome('2027-10-26T18:00'), 'Europe/Rome')
    expect(later.map(wall)).toEqual(['2027-10-26T18:00', '2027-11-02T18:00', '2027-11-09T18:00'])
  })
})
