import { formatInstant } from '../../time.ts'
import type { EquipmentAllocation } from '../equipment/allocation.ts'
import { checkInWindow } from './check-in-window.ts'
import type { BookingRow } from './queries.ts'

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
