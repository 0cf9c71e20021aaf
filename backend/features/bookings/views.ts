import { type RawBuilder, sql } from 'kysely'
import { formatInstant, formatInstantSql } from '../../time.ts'
import { type EquipmentAllocation, equipmentOfBookingColumn } from '../equipment/allocation.ts'
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

/**
 * A listed booking as the statement itself writes it (a list of bookings: issue 18): a row whose columns are the
 * fields of `toBookingView`, in its order and with its values, then `series` — the rule of the booking's series,
 * RFC 5545 RRULE with the first occurrence's start and end in the zone of the series' hub (clients put the rule
 * in words with its times: "ogni martedì, dalle 14:00 alle 17:00"), null for a single booking. `row_to_json`
 * writes it as compact as `JSON.stringify`. Columns: `p` a row of `bookingsWithZone`, `s` its series, `sh` the
 * series' hub. test/api/bookings-list.test.ts checks it against `GET /bookings/:id`.
 */
export function bookingListItemSql(): RawBuilder<unknown> {
  const at = (instant: RawBuilder<Date | null>) => formatInstantSql(instant, sql.ref('p.timezone'))
  const seriesAt = (instant: RawBuilder<Date | null>) => formatInstantSql(instant, sql.ref('sh.timezone'))
  return sql`select p.id as "id", p.series_id as "seriesId", p.lab_id as "labId", p.team_id as "teamId", p.title as "title",
    ${at(sql`p.start`)} as "start", ${at(sql`p."end"`)} as "end", p.status as "status",
    ${equipmentOfBookingColumn(sql.ref('p.id'))} as "equipment", p.hub_id as "hubId", p.lab_name as "labName",
    p.team_name as "teamName", p.expected_participants as "expectedParticipants", p.participants as "participants",
    p.participant_categories as "participantCategories", p.status_reason as "statusReason", p.cancel_cause as "cancelCause",
    p.sequence as "sequence", p.check_in_required as "checkInRequired",
    (select w from (select ${at(sql`p.start - make_interval(mins => p.check_in_before_minutes)`)} as "opensAt",
      ${at(sql`p.start + make_interval(mins => p.check_in_after_minutes)`)} as "closesAt") w) as "checkInWindow",
    ${at(sql`p.checked_in_at`)} as "checkedInAt", ${at(sql`p.released_at`)} as "releasedAt",
    case when s.rrule is not null and s.dtstart is not null and s.duration_minutes is not null and sh.timezone <> '' then
      (select r from (select s.rrule as "rrule", ${seriesAt(sql`s.dtstart`)} as "start",
        ${seriesAt(sql`s.dtstart + make_interval(mins => s.duration_minutes)`)} as "end") r) end as "series"`
}
