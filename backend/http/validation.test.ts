import { describe, expect, it } from 'vitest'
import { isoDate } from './validation.ts'

describe('isoDate', () => {
  it('accepts real calendar dates, leap days included', () => {
    expect(isoDate.safeParse('2027-10-19').success).toBe(true)
    expect(isoDate.safeParse('2028-02-29').success).toBe(true)
  })

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2027-02-30', '2027-02-29', '2027-13-01', '2027-1-5', '19/10/2027']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false)
    }
  })
})
