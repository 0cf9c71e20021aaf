import { formatInstant } from '../../time.ts'
import type { EquipmentAllocation } from '../equipment/allocation.ts'
import { checkInWindow } from './check-in-window.ts'
import type { BookingRow, ListedBookingRow } from './queries.ts'

/** A booking as the API shows it: the contract's fields, then the details of its life. */
export function toBookingView(row: BookingRow, equipment: EquipmentAllocation[] = []) {
  return {
    id: row.id,
    seriesId: row.series_id,
    labId: row.lab_id,
    teamId: row.team_id,
    title: row.title,
    start: formatInstant(row.start, row.timezone),
    end: formatInstant(row.end, row.timezone),
    status: row.status,
    equipment,
    hubId: row.hub_id,
    labName: row.lab_name,
    teamName: row.team_name,
    expectedParticipants: row.expected_participants,
    participants: row.participants,
    participantCategories: row.participant_categories,
    statusReason: row.status_reason,
    /** 'closure' when a closure cancelled it (statusReason is then the closure's reason). */
    cancelCause: row.cancel_cause,
    sequence: row.sequence,
    checkInRequired: row.check_in_required,
    checkInWindow: windowView(row),
    checkedInAt: row.checked_in_at ? formatInstant(row.checked_in_at, row.timezone) : null,
    releasedAt: row.released_at ? formatInstant(row.released_at, row.timezone) : null,
  }
}

function windowView(row: BookingRow) {
  const w = checkInWindow(row.start, { beforeMinutes: row.check_in_before_minutes, afterMinutes: row.check_in_after_minutes })
  return { opensAt: formatInstant(w.opensAt, row.timezone), closesAt: formatInstant(w.closesAt, row.timezone) }
}
export type BookingView = ReturnType<typeof toBookingView>

/**
 * The rule of a listed booking's series, as lists show it: the RFC 5545 RRULE, and the first occurrence's start
 * and end in the zone of the series' hub (clients put the rule in words with its times: "ogni martedì, dalle
 * 14:00 alle 17:00"); null for a single booking.
 */
export function seriesRuleView(row: ListedBookingRow): { rrule: string; start: string; end: string } | null {
  if (row.series_rrule === null || row.series_dtstart === null || row.series_duration_minutes === null || !row.series_timezone) return null
  const start = new Date(row.series_dtstart)
  const end = new Date(start.getTime() + row.series_duration_minutes * 60_000)
  return { rrule: row.series_rrule, start: formatInstant(start, row.series_timezone), end: formatInstant(end, row.series_timezone) }
}
