import { describe, expect, it } from 'vitest'
import { computedValue, progressTowards, reportedValue } from './indicator-values.ts'

const figures = { usedSeconds: 3 * 3600 + 1800, events: 2, participants: 25, byCategory: { donne: 12, giovani: 7 } }

describe('indicator values', () => {
  it('computes hours, events, participants and a category from attendance', () => {
    expect(computedValue('hoursUsed', figures)).toBe(3.5)
    expect(computedValue('events', figures)).toBe(2)
    expect(computedValue('participants', figures)).toBe(25)
    expect(computedValue('participants:donne', figures)).toBe(12)
    expect(computedValue('participants:over50', figures)).toBe(0)
  })

  it('adds up reported values without float noise', () => {
    expect(reportedValue([0.1, 0.2])).toBe(0.3)
    expect(reportedValue([])).toBe(0)
  })

  it('measures progress from the baseline towards the target, also for decreasing indicators', () => {
    expect(progressTowards(30, 10, 50)).toBe(0.5)
    expect(progressTowards(5, 20, 10)).toBe(1.5)
    expect(progressTowards(5, null, null)).toBeNull()
    expect(progressTowards(5, 5, 5)).toBeNull()
  })
})
