import { formatInstant } from '../../time.ts'
import type { EquipmentAllocation } from '../equipment/allocation.ts'
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
    sequence: row.sequence,
  }
}
export type BookingView = ReturnType<typeof toBookingView>
