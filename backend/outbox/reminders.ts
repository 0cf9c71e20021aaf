import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../db/schema.ts'
import type { CalendarOccurrence } from '../../emails/ics.ts'
import { bookingEmailSubject, type Locale, type RenderedEmail, renderBookingEmail } from '../../emails/templates.ts'
import { zoneNamed } from '../time.ts'
import { type BookingGroup, bookingEmailOf, loadBookingGroups } from './booking-groups.ts'
import type { NewMessage } from './enqueue.ts'
import type { Recipient } from './recipients.ts'

const REMINDER = { kind: 'booking.reminder' } as const

/**
 * Reminders the day before: one outbox message per confirmed occurrence and recipient, due the day before
 * at the same local time. notify() writes them in the booking's transaction, so every later change withdraws
 * them in its own (`cancelReminders`, called by notify() before it schedules again), but they carry only
 * their subject: the worker writes the body when the reminder is due (`writeDueReminder`), from the booking
 * as it is then. A yearly series schedules 52 small rows instead of rendering 52 emails while it holds its
 * locks.
 */
export function reminders(group: BookingGroup, occurrences: CalendarOccurrence[], recipients: Recipient[]): NewMessage[] {
  const now = Date.now()
  const due = occurrences
    .filter((o) => o.status === 'confirmed')
    .map((o) => ({
      o,
      at: DateTime.fromJSDate(o.start, { zone: zoneNamed(group.place.zone) })
        .minus({ days: 1 })
        .toJSDate(),
    }))
    .filter(({ at }) => at.getTime() > now)
  return due.flatMap(({ o, at }) =>
    recipients.map((recipient) => ({
      kind: REMINDER.kind,
      recipient,
      email: { subject: bookingEmailSubject(bookingEmailOf(group, [o], REMINDER, recipient.locale)), html: '', text: '' },
      notBefore: at,
      dedupeKey: `reminder:${o.bookingId}:${recipient.email}`,
      booking: { id: o.bookingId, start: o.start },
    })),
  )
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
