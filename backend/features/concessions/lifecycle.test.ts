import { describe, expect, it } from 'vitest'
import { CONCESSION_TRANSITIONS, canTransition, isFinal } from './lifecycle.ts'

describe('the concession lifecycle', () => {
  it('lets a draft become active or be withdrawn', () => {
    expect(canTransition('draft', 'active')).toBe(true)
    expect(canTransition('draft', 'terminated')).toBe(true)
    expect(canTransition('draft', 'expired')).toBe(false)
  })

  it('ends an active concession as expired or terminated, never back to draft', () => {
    expect(canTransition('active', 'expired')).toBe(true)
    expect(canTransition('active', 'terminated')).toBe(true)
    expect(canTransition('active', 'draft')).toBe(false)
  })

  it('keeps terminated and expired final', () => {
    for (const to of Object.keys(CONCESSION_TRANSITIONS) as Array<keyof typeof CONCESSION_TRANSITIONS>) {
      if (to !== 'terminated') expect(canTransition('terminated', to)).toBe(false)
      if (to !== 'expired') expect(canTransition('expired', to)).toBe(false)
    }
    expect(isFinal('terminated')).toBe(true)
    expect(isFinal('expired')).toBe(true)
    expect(isFinal('active')).toBe(false)
  })

  it('treats staying in the same status as no transition', () => {
    expect(canTransition('terminated', 'terminated')).toBe(true)
  })
})
