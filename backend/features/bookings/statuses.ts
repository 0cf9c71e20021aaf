import type { BookingStatus } from '../../../db/schema.ts'

/**
 * The booking statuses, grouped by what they mean for the lab's time. Two groups, each defined here once:
 *
 * - live: not yet decided or over; a live booking can still be approved, moved, cancelled (and the database's
 *   exclusion constraint keeps two live bookings of a lab apart);
 * - holding: the booking holds, or held, its time: it is on the calendars and feeds, counts against the
 *   team's hour grant and places the team at the hub. A rejected or cancelled booking holds nothing.
 */
export const LIVE_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed']
export const HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'completed', 'no_show']

/** `HOLDING_STATUSES` as a set, for the hot loops of calendars and emails. */
export const HOLDING: ReadonlySet<BookingStatus> = new Set(HOLDING_STATUSES)
