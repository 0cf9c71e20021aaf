import { describe, expect, it } from 'vitest'
import type { FieldError } from '../../http/problem.ts'
import { minutesOf, openingHoursProblems, sortWeek, toHhmm, weeklyOpenHours } from './opening-hours.ts'

const english = (errors: FieldError[]) => errors.map((e) => ({ path: e.path, message: e.message.in('en') }))

describe('opening hours', () => {
  it('reads wall times as minutes since midnight, 24:00 included', () => {
    expect(minutesOf('09:30')).toBe(570)
    expect(minutesOf('21:00:00')).toBe(1260)
    expect(minutesOf('24:00')).toBe(1440)
  })

  it('accepts several intervals a day that only touch', () => {
    const week = [
      { weekday: 1, open: '09:00', close: '13:00' },
      { weekday: 1, open: '13:00', close: '14:00' },
      { weekday: 1, open: '14:00', close: '21:00' },
      { weekday: 2, open: '09:00', close: '13:00' },
    ]
    expect(openingHoursProblems(week)).toEqual([])
  })

  it('names the interval that overlaps another of the same weekday', () => {
    const week = [
      { weekday: 3, open: '14:00', close: '21:00' },
      { weekday: 3, open: '09:00', close: '14:30' },
      { weekday: 4, open: '09:00', close: '14:30' },
    ]
    expect(english(openingHoursProblems(week))).toEqual([{ path: '0', message: 'overlaps 09:00–14:30 of the same weekday' }])
  })

  it('refuses an interval that closes before it opens', () => {
    expect(english(openingHoursProblems([{ weekday: 1, open: '18:00', close: '09:00' }]))).toEqual([
      { path: '0.close', message: 'must be later than open' },
    ])
    expect(openingHoursProblems([{ weekday: 1, open: '09:00', close: '09:00' }])).toHaveLength(1)
  })

  it('orders a week by weekday and opening time, and sums its hours', () => {
    const week = [
      { weekday: 6, open: '09:00', close: '13:00' },
      { weekday: 1, open: '14:00', close: '21:00' },
      { weekday: 1, open: '09:00', close: '13:00' },
    ]
    expect(sortWeek(week).map((i) => `${i.weekday} ${i.open}`)).toEqual(['1 09:00', '1 14:00', '6 09:00'])
    expect(weeklyOpenHours(week)).toBe(15)
    expect(toHhmm('24:00:00')).toBe('24:00')
  })
})
