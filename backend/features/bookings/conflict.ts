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

export interface Conflict {
  start: Date
  end: Date
  reason: ConflictReason
  bookingId?: string
  /** A human explanation (e.g. which equipment type or which grant). */
  detail?: string
}
