import { describe, expect, it } from 'vitest'
import { passwordAllowed } from './password-policy.ts'

describe('AUTH_PASSWORD', () => {
  it('on: everyone may use a password', () => {
    for (const role of ['admin', 'operator', 'evaluator', 'member']) expect(passwordAllowed('on', role)).toBe(true)
  })
  it('staff: every role but member', () => {
    expect(passwordAllowed('staff', 'admin')).toBe(true)
    expect(passwordAllowed('staff', 'operator')).toBe(true)
    expect(passwordAllowed('staff', 'evaluator')).toBe(true)
    expect(passwordAllowed('staff', 'member')).toBe(false)
  })
  it('off: nobody', () => {
    for (const role of ['admin', 'operator', 'evaluator', 'member']) expect(passwordAllowed('off', role)).toBe(false)
  })
})
