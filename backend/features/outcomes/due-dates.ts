import { DateTime } from 'luxon'

/**
 * Reporting periods are calendar quarters by default; a quarter's report is due two weeks after it ends.
 * Reminders: one a week before the due date, one the day after it (if the report has not arrived).
 */
export const DUE_AFTER_DAYS = 14
export const REMIND_BEFORE_DAYS = 7
export const OVERDUE_AFTER_DAYS = 1
/** An overdue reminder is not written for quarters older than this (a new installation does not nag for the past). */
export const OVERDUE_WINDOW_DAYS = 30

export interface Quarter {
  /** Inclusive first day, YYYY-MM-DD. */
  from: string
  /** Exclusive: the first day of the next quarter. */
  to: string
  dueOn: string
}

/** The quarter containing the date (YYYY-MM-DD). */
export function quarterOf(date: string): Quarter {
  const d = DateTime.fromISO(date, { zone: 'utc' })
  const from = d.startOf('quarter')
  const to = from.plus({ months: 3 })
  return { from: from.toISODate()!, to: to.toISODate()!, dueOn: to.plus({ days: DUE_AFTER_DAYS }).toISODate()! }
}

/** The last quarter that ended on or before the date. */
export function lastEndedQuarter(date: string): Quarter {
  const current = quarterOf(date)
  return quarterOf(DateTime.fromISO(current.from, { zone: 'utc' }).minus({ days: 1 }).toISODate()!)
}

export type ReminderKind = 'due_soon' | 'overdue'

/** Which reminder, if any, is due on `today` (local date) for the last ended quarter. */
export function reminderDue(today: string): { kind: ReminderKind; quarter: Quarter } | null {
  const quarter = lastEndedQuarter(today)
  const due = DateTime.fromISO(quarter.dueOn, { zone: 'utc' })
  const now = DateTime.fromISO(today, { zone: 'utc' })
  const days = now.diff(due, 'days').days
  if (days >= -REMIND_BEFORE_DAYS && days < 0) return { kind: 'due_soon', quarter }
  if (days >= OVERDUE_AFTER_DAYS && days <= OVERDUE_WINDOW_DAYS) return { kind: 'overdue', quarter }
  return null
}
