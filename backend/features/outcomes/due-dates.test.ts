import { describe, expect, it } from 'vitest'
import { lastEndedQuarter, quarterOf, reminderDue } from './due-dates.ts'

describe('reporting quarters', () => {
  it('names the quarter of a date, half-open, due two weeks after it ends', () => {
    expect(quarterOf('2027-02-14')).toEqual({ from: '2027-01-01', to: '2027-04-01', dueOn: '2027-04-15' })
    expect(quarterOf('2027-12-31')).toEqual({ from: '2027-10-01', to: '2028-01-01', dueOn: '2028-01-15' })
    expect(lastEndedQuarter('2027-01-03')).toEqual({ from: '2026-10-01', to: '2027-01-01', dueOn: '2027-01-15' })
  })

  it('reminds a week before the due date and the day after it, and not in between or long after', () => {
    expect(reminderDue('2027-04-07')).toBeNull()
    expect(reminderDue('2027-04-08')).toEqual({ kind: 'due_soon', quarter: expect.objectContaining({ from: '2027-01-01' }) })
    expect(reminderDue('2027-04-14')?.kind).toBe('due_soon')
    expect(reminderDue('2027-04-15')).toBeNull()
    expect(reminderDue('2027-04-16')?.kind).toBe('overdue')
    expect(reminderDue('2027-05-15')?.kind).toBe('overdue')
    expect(reminderDue('2027-05-16')).toBeNull()
  })
})
