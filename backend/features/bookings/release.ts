import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { notify } from '../../outbox/notify.ts'
import { promoteFreedTime } from './waitlist.ts'

const BATCH = 50
export const RELEASE_REASON = 'check_in_missed'

/**
 * Releases the bookings nobody checked in for: confirmed bookings of a team, in a lab that requires check-in
 * (since before they started), whose window closed at `now` while they still run. Each becomes a `no_show` with
 * `released_at`, so the exclusion constraint (live statuses only) frees its slot; its equipment is freed, the
 * waitlist offered the time and the team told, in the same transaction.
 *
 * Never staff's bookings (no team, or booked by someone who is not a member), never a lab without check-in.
 * Safe with several processes: due rows are locked with SKIP LOCKED and the update repeats the predicate, so a
 * row is released once. Run by the outbox worker on its clock (`now`), which tests drive.
 */
export async function releaseMissedCheckIns(db: Kysely<Database>, now: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString()
    const { rows } = await sql<{ id: string; lab_id: string; start: Date; end: Date; team_id: string }>`
      with due as (
        select b.id
        from bookings b
        join labs l on l.id = b.lab_id
        where b.status = 'confirmed' and b.checked_in_at is null and b.team_id is not null
          and l.check_in_required
          and lower(b.during) >= coalesce(l.check_in_since, '-infinity'::timestamptz)
          and lower(b.during) > ${at}::timestamptz - interval '1 day'
          and lower(b.during) + make_interval(mins => l.check_in_after_minutes) <= ${at}::timestamptz
          and upper(b.during) > ${at}::timestamptz
          and not exists (select 1 from users u where u.id = b.created_by and u.role <> 'member')
        order by lower(b.during), b.id
        limit ${BATCH}
        for update of b skip locked
      )
      update bookings b
      set status = 'no_show', released_at = ${at}::timestamptz, status_reason = ${RELEASE_REASON}, participants = 0, updated_at = now()
      from due
      where b.id = due.id and b.status = 'confirmed' and b.checked_in_at is null
      returning b.id, b.lab_id, b.team_id, lower(b.during) as "start", upper(b.during) as "end"
    `.execute(trx)
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    // stamped with the release's own instant, so that a reinstatement finds exactly these allocations again
    await trx
      .updateTable('equipment_allocations')
      .set({ released_at: now })
      .where('booking_id', 'in', ids)
      .where('released_at', 'is', null)
      .execute()
    await notify(trx, { type: 'booking.released', bookingIds: ids })
    await recordAudit(
      trx,
      rows.map((r) => ({
        actorUserId: null,
        action: 'booking.released',
        entity: 'booking',
        entityId: r.id,
        details: { labId: r.lab_id, teamId: r.team_id, reason: RELEASE_REASON, at },
      })),
    )
    // the rest of the slot goes to the waitlist at once (what already passed cannot be booked)
    const freed = rows.map((r) => ({
      lab_id: r.lab_id,
      start: new Date(Math.max(new Date(r.start).getTime(), now.getTime())),
      end: new Date(r.end),
    }))
    await promoteFreedTime(trx, freed, now)
    return ids
  })
}
