import { problems } from '../../http/problem.ts'
import { bounds as m } from './messages.ts'

/**
 * Every request that names a slot or a period is bounded before any work is done on it (issue: one
 * 100-year occurrence held the process for seconds). docs/api.md "Limits" lists these.
 */

/** No occurrence is longer than a day (labs' own maximum durations are at most that, by constraint). */
export const DEFAULT_MAX_SLOT_MINUTES = 24 * 60
/** How far from today a slot may lie: staff record the recent past; nobody books decades ahead. */
export const HORIZON_PAST_YEARS = 5
export const HORIZON_FUTURE_YEARS = 5

const YEAR_MS = 365.25 * 86_400_000

/** The longest occurrence a lab takes: its maximum duration, or a day when it has none. */
export function maxSlotMinutes(lab: { max_duration_minutes: number | null }): number {
  return Math.min(lab.max_duration_minutes ?? DEFAULT_MAX_SLOT_MINUTES, DEFAULT_MAX_SLOT_MINUTES)
}

/** 400 unless [start, end) lasts at most `maxMinutes` and lies within the horizon around now. */
export function assertSlotBounded(start: Date, end: Date, maxMinutes: number, now = new Date()): void {
  assertWithinHorizon(start, 'start', now)
  assertWithinHorizon(end, 'end', now)
  if (end.getTime() - start.getTime() > maxMinutes * 60_000) {
    const hours = Math.round((maxMinutes / 60) * 100) / 100
    throw problems.validation([{ path: 'end', message: m.slotTooLong({ hours }) }], m.slotTooLongDetail({ hours }))
  }
}

/** 400 unless the instant lies between HORIZON_PAST_YEARS before and HORIZON_FUTURE_YEARS after now. */
export function assertWithinHorizon(instant: Date, path: string, now = new Date()): void {
  const t = instant.getTime()
  if (t < now.getTime() - HORIZON_PAST_YEARS * YEAR_MS || t > now.getTime() + HORIZON_FUTURE_YEARS * YEAR_MS) {
    const years = { past: HORIZON_PAST_YEARS, future: HORIZON_FUTURE_YEARS }
    throw problems.validation([{ path, message: m.outsideHorizon(years) }], m.outsideHorizonDetail(years))
  }
}
