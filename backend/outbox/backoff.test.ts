import { describe, expect, it } from 'vitest'
import { afterFailure, retryDelayMs } from './backoff.ts'

describe('retryDelayMs', () => {
  it('starts at 5 s and doubles up to 10 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map(retryDelayMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000, 600_000,
    ])
  })
})

describe('afterFailure', () => {
  const first = new Date('2027-10-19T10:00:00Z')

  it('retries after the backoff within 24 h of the first attempt', () => {
    expect(afterFailure(1, first, first)).toEqual({ status: 'pending', nextAttemptAt: new Date('2027-10-19T10:00:05Z') })
    expect(afterFailure(100, first, new Date('2027-10-20T09:59:59Z'))).toEqual({
      status: 'pending',
      nextAttemptAt: new Date('2027-10-20T10:09:59Z'),
    })
  })

  it('gives up once 24 h have passed', () => {
    expect(afterFailure(150, first, new Date('2027-10-20T10:00:00Z'))).toEqual({ status: 'failed' })
  })

  it('keeps trying for at least 24 h: the attempts a day of outage makes', () => {
    let now = first
    let attempts = 0
    for (;;) {
      attempts++
      const next = afterFailure(attempts, first, now)
      if (next.status === 'failed') break
      now = next.nextAttemptAt
    }
    expect(now.getTime() - first.getTime()).toBeGreaterThanOrEqual(24 * 3600_000)
    expect(attempts).toBeGreaterThan(140)
    expect(attempts).toBeLessThan(160)
  })
})
