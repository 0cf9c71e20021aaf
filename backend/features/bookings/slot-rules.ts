import { verbatim } from '../../http/i18n.ts'
import { type Interval, overlaps } from '../../time.ts'
import type { OpeningInterval } from '../catalogue/opening-hours.ts'
import type { Conflict } from './conflict.ts'
import { m } from './messages.ts'
import { fitsOpeningHours } from './opening-hours.ts'

/** What the lab's own rules say about one slot, loaded once for a whole series or search. */
export interface SlotRules {
  zone: string
  minDurationMinutes: number
  maxDurationMinutes: number
  hours: OpeningInterval[]
  /** Closures that apply to the lab (global, its hub, itself). */
  closures: Array<{ id: string; start: Date; end: Date; reason: string }>
  /** Live (pending, confirmed) bookings of the lab. */
  bookings: Array<{ id: string; start: Date; end: Date }>
  now: Date
  /** Staff may record bookings in the past; members may not. */
  allowPast: boolean
}

/**
 * Every reason the slot cannot be booked, by the lab's rules alone (equipment and grants are checked
 * elsewhere): past, duration, outside_opening_hours, closure, booking — one conflict per closure or
 * booking in the way.
 */
export function slotConflicts(slot: Interval, rules: SlotRules): Conflict[] {
  const conflicts: Conflict[] = []
  const at = { start: slot.start, end: slot.end }
  if (!rules.allowPast && slot.start < rules.now) conflicts.push({ ...at, reason: 'past', detail: m.pastSlot() })
  const minutes = (slot.end.getTime() - slot.start.getTime()) / 60_000
  if (minutes < rules.minDurationMinutes || minutes > rules.maxDurationMinutes) {
    conflicts.push({
      ...at,
      reason: 'duration',
      detail: m.durationLimits({ min: rules.minDurationMinutes, max: rules.maxDurationMinutes }),
    })
  }
  if (!fitsOpeningHours(slot, rules.hours, rules.zone)) {
    conflicts.push({ ...at, reason: 'outside_opening_hours', detail: m.outsideOpeningHours() })
  }
  for (const c of rules.closures) if (overlaps(slot, c)) conflicts.push({ ...at, reason: 'closure', detail: verbatim(c.reason) })
  for (const b of rules.bookings) if (overlaps(slot, b)) conflicts.push({ ...at, reason: 'booking', bookingId: b.id })
  return conflicts
}
