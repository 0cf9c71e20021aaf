import type { LocalText } from '../../http/i18n.ts'
import { formatInstant } from '../../time.ts'

/** Why an occurrence cannot be booked (the contract's `reason`). */
export type ConflictReason =
  | 'booking'
  | 'closure'
  | 'outside_opening_hours'
  | 'duration'
  | 'equipment_unavailable'
  | 'maintenance'
  | 'quota_exceeded'
  | 'no_grant'
  | 'past'
  | 'training_required'
  | 'training_expired'

export interface Conflict {
  start: Date
  end: Date
  reason: ConflictReason
  bookingId?: string
  /** A human explanation (e.g. which equipment type or which grant), in every language. */
  detail?: LocalText
}

/** A conflict as the API shows it: instants in the hub's zone. */
export interface ConflictView {
  start: string
  end: string
  reason: ConflictReason
  bookingId?: string
  detail?: LocalText
}

export function toConflictView(c: Conflict, zone: string, options: { withBookingId?: boolean } = {}): ConflictView {
  const view: ConflictView = { start: formatInstant(c.start, zone), end: formatInstant(c.end, zone), reason: c.reason }
  if (c.bookingId && options.withBookingId !== false) view.bookingId = c.bookingId
  if (c.detail) view.detail = c.detail
  return view
}
