import { DateTime } from 'luxon'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { type CalendarOccurrence, cancelIcs, requestIcs } from '../../emails/ics.ts'
import { type BookingEmail, type BookingEmailKind, renderBookingEmail, renderMagicLinkEmail } from '../../emails/templates.ts'
import { type BookingGroup, bumpSequences, loadBookingGroups } from './booking-groups.ts'
import { cancelReminders, enqueue, type NewMessage, type OutboxAttachment } from './enqueue.ts'
import type { NotificationEvent } from './events.ts'
import { bookingRecipients, hubApprovers, type Recipient } from './recipients.ts'

const MAGIC_LINK_MINUTES = 15
const LIVE = new Set(['pending', 'confirmed', 'completed', 'no_show'])

/**
 * Writes the messages an event causes into the outbox, in the caller's transaction: one message per
 * recipient and per series (never per occurrence), rendered in the recipient's language, with the
 * iCalendar attachment; reminders are scheduled (or withdrawn) here too. Nothing is sent inline.
 */
export async function notify(trx: Transaction<Database>, event: NotificationEvent): Promise<void> {
  switch (event.type) {
    case 'auth.magic_link':
      return magicLink(trx, event.userId, event.url)
    case 'booking.created': {
      for (const { group, affected } of await affectedGroups(trx, event.bookingIds)) {
        const confirmed = affected.filter((o) => o.status === 'confirmed')
        const pending = affected.filter((o) => o.status === 'pending')
        if (confirmed.length) await bookingMessage(trx, group, confirmed, { kind: 'booking.confirmed', ics: 'request' })
        if (pending.length) {
          await bookingMessage(trx, group, pending, { kind: 'booking.pending', ics: 'request' })
          await approvalRequest(trx, group, pending)
        }
        await scheduleReminders(trx, group, confirmed)
      }
      return
    }
    case 'booking.approved': {
      await bumpSequences(trx, event.bookingIds)
      for (const { group, affected } of await affectedGroups(trx, event.bookingIds)) {
        await bookingMessage(trx, group, affected, { kind: 'booking.approved', ics: 'request' })
        await scheduleReminders(trx, group, affected)
      }
      return
    }
    case 'booking.rejected': {
      await bumpSequences(trx, event.bookingIds)
      await cancelReminders(trx, event.bookingIds)
      for (const { group, affected } of await affectedGroups(trx, event.bookingIds)) {
        await bookingMessage(trx, group, affected, { kind: 'booking.rejected', ics: 'cancel', reason: event.reason })
      }
      return
    }
    case 'booking.moved': {
      await bumpSequences(trx, [event.bookingId])
      await cancelReminders(trx, [event.bookingId])
      for (const { group, affected } of await affectedGroups(trx, [event.bookingId])) {
        await bookingMessage(trx, group, affected, { kind: 'booking.moved', ics: 'request', previous: event.previous })
        // a member's move in a lab with approval goes back to the hub's staff
        const pending = affected.filter((o) => o.status === 'pending')
        if (pending.length) await approvalRequest(trx, group, pending)
        await scheduleReminders(trx, group, affected)
      }
      return
    }
    case 'booking.cancelled': {
      await bumpSequences(trx, event.bookingIds)
      await cancelReminders(trx, event.bookingIds)
      const kind: BookingEmailKind = event.cause === 'closure' ? 'booking.closure_cancelled' : 'booking.cancelled'
      for (const { group, affected } of await affectedGroups(trx, event.bookingIds)) {
        await bookingMessage(trx, group, affected, { kind, ics: 'cancel', reason: event.reason, scope: event.scope })
      }
      return
    }
    case 'waitlist.promoted': {
      const entry = await trx.selectFrom('waitlist').select('requested_by').where('id', '=', event.waitlistId).executeTakeFirst()
      for (const { group, affected } of await affectedGroups(trx, [event.bookingId])) {
        const extra = entry?.requested_by ? [entry.requested_by] : []
        await bookingMessage(trx, group, affected, { kind: 'waitlist.promoted', ics: 'request' }, extra)
        const pending = affected.filter((o) => o.status === 'pending')
        if (pending.length) await approvalRequest(trx, group, pending)
        await scheduleReminders(
          trx,
          group,
          affected.filter((o) => o.status === 'confirmed'),
          extra,
        )
      }
      return
    }
  }
}

async function magicLink(trx: Transaction<Database>, userId: string, url: string): Promise<void> {
  const user = await trx.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow()
  const email = renderMagicLinkEmail({ locale: user.locale, name: user.name, url, minutes: MAGIC_LINK_MINUTES })
  await enqueue(trx, [{ kind: 'auth.magic_link', recipient: { email: user.email, name: user.name, locale: user.locale }, email }])
}

async function affectedGroups(trx: Transaction<Database>, bookingIds: string[]) {
  const wanted = new Set(bookingIds)
  const groups = await loadBookingGroups(trx, bookingIds)
  return groups.map((group) => ({ group, affected: group.occurrences.filter((o) => wanted.has(o.bookingId)) }))
}

interface MessageSpec {
  kind: BookingEmailKind
  ics: 'request' | 'cancel' | 'none'
  reason?: string | null
  scope?: BookingEmail['scope']
  previous?: { start: Date; end: Date }
}

/** One email per recipient for this series (or booking), listing the occurrences it is about. */
async function bookingMessage(
  trx: Transaction<Database>,
  group: BookingGroup,
  affected: CalendarOccurrence[],
  spec: MessageSpec,
  extraUserIds: string[] = [],
): Promise<void> {
  if (affected.length === 0) return
  const recipients = await bookingRecipients(trx, group, extraUserIds)
  // a request describes what is still live; with nothing live left there is nothing to invite to
  const requestable = spec.ics !== 'request' || group.occurrences.some((o) => LIVE.has(o.status))
  const messages: NewMessage[] = recipients.map((recipient) => {
    const email = renderBookingEmail(emailData(group, affected, spec, recipient))
    const attachments: OutboxAttachment[] = []
    const options = { organizer: group.organizer, attendee: { name: recipient.name ?? recipient.email, email: recipient.email } }
    if (spec.ics === 'request' && requestable) attachments.push(calendarPart('REQUEST', requestIcs(group, options), recipient))
    if (spec.ics === 'cancel') attachments.push(calendarPart('CANCEL', cancelIcs(group, affected, options), recipient))
    return { kind: spec.kind, recipient, email, attachments }
  })
  await enqueue(trx, messages)
}

/** The hub's operator staff hear of a request that awaits them (no invitation: it is not their event). */
async function approvalRequest(trx: Transaction<Database>, group: BookingGroup, pending: CalendarOccurrence[]): Promise<void> {
  const creator = group.createdBy
    ? await trx.selectFrom('users').select('name').where('id', '=', group.createdBy).executeTakeFirst()
    : undefined
  const staff = await hubApprovers(trx, group.hubId)
  await enqueue(
    trx,
    staff.map((recipient) => ({
      kind: 'booking.awaiting_approval',
      recipient,
      email: renderBookingEmail({
        ...emailData(group, pending, { kind: 'booking.awaiting_approval', ics: 'none' }, recipient),
        requestedBy: creator?.name ?? null,
      }),
    })),
  )
}

/**
 * A reminder per confirmed occurrence and recipient, due the day before at the same local time. It names its
 * booking and start: notify() withdraws it when the booking changes, and the worker re-checks both before
 * sending, so a cancelled or moved booking never gets a stale reminder.
 */
async function scheduleReminders(
  trx: Transaction<Database>,
  group: BookingGroup,
  occurrences: CalendarOccurrence[],
  extraUserIds: string[] = [],
): Promise<void> {
  const now = Date.now()
  const due = occurrences
    .filter((o) => o.status === 'confirmed')
    .map((o) => ({ o, at: DateTime.fromJSDate(o.start, { zone: group.place.zone }).minus({ days: 1 }).toJSDate() }))
    .filter(({ at }) => at.getTime() > now)
  if (due.length === 0) return
  await cancelReminders(
    trx,
    due.map(({ o }) => o.bookingId),
  )
  const recipients = await bookingRecipients(trx, group, extraUserIds)
  const messages: NewMessage[] = due.flatMap(({ o, at }) =>
    recipients.map((recipient) => ({
      kind: 'booking.reminder',
      recipient,
      email: renderBookingEmail(emailData(group, [o], { kind: 'booking.reminder', ics: 'none' }, recipient)),
      notBefore: at,
      dedupeKey: `reminder:${o.bookingId}:${recipient.email}`,
      booking: { id: o.bookingId, start: o.start },
    })),
  )
  await enqueue(trx, messages)
}

function emailData(group: BookingGroup, affected: CalendarOccurrence[], spec: MessageSpec, recipient: Recipient): BookingEmail {
  const sorted = [...affected].sort((a, b) => a.start.getTime() - b.start.getTime())
  return {
    kind: spec.kind,
    locale: recipient.locale,
    title: sorted.length === 1 ? sorted[0].title : group.title,
    teamName: group.team?.name ?? null,
    place: group.place,
    slots: sorted.map((o) => ({ start: o.start, end: o.end })),
    link: group.linkFor(sorted[0].bookingId),
    reason: spec.reason ?? null,
    scope: spec.scope,
    previous: spec.previous,
  }
}

function calendarPart(method: 'REQUEST' | 'CANCEL', content: string, recipient: Recipient): OutboxAttachment {
  const filename =
    method === 'CANCEL'
      ? recipient.locale === 'en'
        ? 'cancel.ics'
        : 'annullamento.ics'
      : recipient.locale === 'en'
        ? 'invite.ics'
        : 'invito.ics'
  return { filename, contentType: `text/calendar; charset=utf-8; method=${method}`, content }
}
