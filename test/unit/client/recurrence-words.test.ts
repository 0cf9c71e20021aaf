import { describe, expect, it } from 'vitest'
import { describeRecurrence, parseRule } from '../../../frontend/src/lib/recurrence-words.ts'

describe('a recurrence in words', () => {
  it('says "every Tuesday, from 14:00 to 17:00, until 1 March 2027" in Italian and English', () => {
    const rule = 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301'
    const o = { firstDate: '2026-12-01', startTime: '14:00', endTime: '17:00' }
    expect(describeRecurrence(rule, { ...o, locale: 'it' })).toBe('ogni martedì, dalle 14:00 alle 17:00, fino al 1 marzo 2027')
    expect(describeRecurrence(rule, { ...o, locale: 'en' })).toBe('every Tuesday, 14:00–17:00, until 1 March 2027')
  })

  it('lists several days, an interval and a count with the right plural', () => {
    expect(describeRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10', { locale: 'it' })).toBe(
      'ogni 2 settimane, il martedì e giovedì, per 10 volte',
    )
    expect(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=1', { locale: 'en' })).toBe('every Monday, Wednesday and Friday, 1 time')
    expect(describeRecurrence('FREQ=DAILY;COUNT=1', { locale: 'it' })).toBe('ogni giorno, per 1 volta')
  })

  it('elides the article before 8 and 11 in Italian', () => {
    expect(describeRecurrence('FREQ=DAILY;UNTIL=20270308', { locale: 'it' })).toBe('ogni giorno, fino all’8 marzo 2027')
    expect(describeRecurrence('FREQ=DAILY;UNTIL=20271111', { locale: 'it' })).toBe('ogni giorno, fino all’11 novembre 2027')
  })

  it('names the day of the month of a monthly rule', () => {
    expect(describeRecurrence('FREQ=MONTHLY;COUNT=6', { locale: 'it', firstDate: '2027-01-15' })).toBe(
      'ogni mese, il giorno 15, per 6 volte',
    )
    expect(describeRecurrence('FREQ=MONTHLY;INTERVAL=2;COUNT=6', { locale: 'en', firstDate: '2027-01-15' })).toBe(
      'every 2 months on day 15, 6 times',
    )
  })

  it('reads an UNTIL instant in UTC as the hub’s local date', () => {
    expect(parseRule('FREQ=WEEKLY;UNTIL=20270630T230000Z').until).toBe('2027-07-01')
    expect(parseRule('FREQ=WEEKLY;UNTIL=20270630T120000Z').until).toBe('2027-06-30')
  })
})
