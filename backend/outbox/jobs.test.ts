import { describe, expect, it } from 'vitest'
import { due } from './jobs.ts'

describe('due (the periodic jobs of the outbox worker)', () => {
  it('runs the first time, then once the interval has passed on the worker clock', () => {
    expect(due(undefined, 5_000, 1_000)).toBe(true)
    expect(due(5_000, 5_000, 1_000)).toBe(false)
    expect(due(5_000, 5_999, 1_000)).toBe(false)
    expect(due(5_000, 6_000, 1_000)).toBe(true)
  })

  it('runs again when the clock was set back by the interval or more (tests move it both ways)', () => {
    expect(due(5_000, 4_500, 1_000)).toBe(false)
    expect(due(5_000, 4_000, 1_000)).toBe(true)
  })
})
