import { type Kysely, sql } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../db/schema.ts'
import { bookingEmailSubject, type Locale, type RenderedEmail, renderBookingEmail } from '../../emails/templates.ts'
import { cooperative } from '../cooperative.ts'
import { zoneNamed } from '../time.ts'
import { bookingEmailOf, loadBookingGroups } from './booking-groups.ts'
import { type NewMessage, outboxInsert } from './enqueue.ts'
import { bookingRecipients } from './recipients.ts'

const REMINDER = { kind: 'booking.reminder' } as const

/** How far ahead of its time a reminder is written into the outbox: several scans (REMINDER_SCAN_MS) before it is due. */
export const REMINDER_AHEAD_MS = 5 * 60_000
/** How many bookings one read of the scan takes (it reads again until it finds fewer). */
const SCAN_BATCH = 200

/** When a booking's reminder is due: the day before, at the same local time in the hub's zone. */
export function reminderAt(start: Date, zone: string): Date {
  return DateTime.fromJSDate(start, { zone: zoneNamed(zone) })
    .minus({ days: 1 })
    .toJSDate()
}

/**
 * Reminders the day before, computed from the bookings rather than written with them (issue 18: a 52-week
 * series used to write 52 reminder rows per recipient in its INSERT). The outbox worker runs this on its clock
 * (jobs.ts, every minute): the confirmed bookings whose reminder falls due within REMINDER_AHEAD_MS, that have
 * none yet, get one outbox row per recipient (team contact and who booked), due at the reminder's time, with its
 * subject only; the worker writes the body when it is due (`writeDueReminder`).
 *
 * What decides whether a booking has a reminder is the booking as it is: a cancelled, rejected or released
 * occurrence is not confirmed, so it gets none (and notify() withdraws one already written, `cancelReminders`);
 * a moved one gets one for its new time. A booking confirmed, moved or restored after its reminder's time
 * (`updated_at` later than it) gets none, as when the reminder was written with the change. A reminder already
 * sent keeps its dedupe key: a later move does not remind again. Several processes may scan at once: the dedupe
 * key `reminder:<booking>:<email>` lets one row in. A scan missed while every worker was down is caught up by the
 * next one, up to the booking's start (the worker refuses a reminder whose booking has begun).
 */
export async function writeUpcomingReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const until = new Date(now.getTime() + REMINDER_AHEAD_MS)
  const pause = cooperative()
  let written = 0
  for (let after: string | null = null; ; ) {
    const due = await upcomingWithoutReminder(db, now, until, after)
    if (due.length === 0) return written
    after = due[due.length - 1]
    const wanted = new Set(due)
    for (const group of await loadBookingGroups(db, due)) {
      const occurrences = group.occurrences.filter((o) => wanted.has(o.bookingId) && o.status === 'confirmed')
      if (occurrences.length === 0) continue
      const recipients = await bookingRecipients(db, group)
      const messages: NewMessage[] = occurrences.flatMap((o) =>
        recipients.map((recipient) => ({
          kind: REMINDER.kind,
          recipient,
          email: { subject: bookingEmailSubject(bookingEmailOf(group, [o], REMINDER, recipient.locale)), html: '', text: '' },
          notBefore: reminderAt(o.start, group.place.zone),
          dedupeKey: `reminder:${o.bookingId}:${recipient.email}`,
          booking: { id: o.bookingId, start: o.start },
        })),
      )
      if (messages.length > 0) {
        const [result] = await outboxInsert(db, messages).execute()
        written += Number(result?.numInsertedOrUpdatedRows ?? 0n)
      }
      await pause()
    }
    if (due.length < SCAN_BATCH) return written
  }
}

/**
 * The confirmed bookings not yet begun whose reminder (the day before, same local time) is due by `until`, was due
 * after their last change, and is not in the outbox (pending, sent or failed; a withdrawn one has lost its key), by
 * id after `after`. An index range on the start (bookings_start_idx): at most a day and a bit of bookings.
 */
async function upcomingWithoutReminder(db: Kysely<Database>, now: Date, until: Date, after: string | null): Promise<string[]> {
  const at = sql<Date>`((lower(b.during) at time zone h.timezone) - interval '1 day') at time zone h.timezone`
  const { rows } = await sql<{ id: string }>`
    select b.id
    from bookings b
    join labs l on l.id = b.lab_id
    join hubs h on h.id = l.hub_id
    where b.status = 'confirmed'
      and lower(b.during) > ${now.toISOString()}::timestamptz
      and lower(b.during) <= ${until.toISOString()}::timestamptz + interval '26 hours'
      and ${at} <= ${until.toISOString()}::timestamptz
      and ${at} > b.updated_at
      and not exists (
        select 1 from outbox o where o.booking_id = b.id and o.kind = ${REMINDER.kind} and o.dedupe_key is not null
      )
      and (${after}::uuid is null or b.id > ${after}::uuid)
    order by b.id
    limit ${SCAN_BATCH}
  `.execute(db)
  return rows.map((r) => r.id)
}

/**
 * The email of a reminder that is due, or null when it must not go out: its booking is no longer confirmed,
 * no longer at the start it was scheduled for (a change that bypassed notify()), or has already begun.
 */
export async function writeDueReminder(
  db: Kysely<Database>,
  reminder: { booking_id: string; booking_start: Date | null; locale: Locale },
  now: Date,
): Promise<RenderedEmail | null> {
  const [group] = await loadBookingGroups(db, [reminder.booking_id])
  const occurrence = group?.occurrences.find((o) => o.bookingId === reminder.booking_id)
  if (occurrence?.status !== 'confirmed' || !reminder.booking_start) return null
  const start = occurrence.start.getTime()
  if (start !== new Date(reminder.booking_start).getTime() || start <= now.getTime()) return null
  return renderBookingEmail(bookingEmailOf(group, [occurrence], REMINDER, reminder.locale))
}
