import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { CalendarOccurrence } from '../../emails/ics.ts'
import {
  type BookingEmailKind,
  bookingEmailSubject,
  renderMagicLinkEmail,
  renderTeamInvitationEmail,
  renderUseOidcEmail,
} from '../../emails/templates.ts'
import { cooperative } from '../cooperative.ts'
import { MAGIC_LINK_MINUTES } from '../features/auth/tokens.ts'
import {
  type BookingGroup,
  bookingEmailOf,
  bumpSequences,
  type GroupRow,
  groupsOf,
  loadBookingGroups,
  withEquipment,
} from './booking-groups.ts'
import { bookingSnapshotsJson, type MessageSpec, renderBookingMessage } from './booking-snapshot.ts'
import { applicationMessages } from './call-messages.ts'
import { cancelReminders, enqueue, type NewMessage } from './enqueue.ts'
import type { NotificationEvent } from './events.ts'
import { bookingRecipients, hubApprovers, type Recipient, type RecipientUser } from './recipients.ts'

/**
 * Writes the messages an event causes into the outbox, in the caller's transaction and in one statement:
 * one message per recipient and per series (never per occurrence), rendered in the recipient's language,
 * with the iCalendar attachment; reminders already written are withdrawn here (a change that ends or moves a
 * booking), while the outbox worker writes them from the bookings when they fall due (reminders.ts). Nothing is
 * sent inline.
 */
export async function notify(trx: Transaction<Database>, event: NotificationEvent, known?: Known): Promise<void> {
  await enqueue(trx, await messagesOf(trx, event, known))
}

/**
 * What the caller already holds and notify() would otherwise read: the bookings of the event as
 * loadBookingGroups reads them, and the active accounts among their recipients. A booking just created
 * passes them, sparing two queries while its locks are held.
 */
export interface Known {
  rows: GroupRow[]
  users: RecipientUser[]
  /** false: none of the rows holds equipment (nothing to read back); unset: read it. */
  equipment?: boolean
}

/**
 * The events whose booking emails the worker renders (from the snapshot written here, booking-snapshot.ts).
 * A release is written by the worker itself, outside any request; a restore (an undo within seconds) is rare,
 * and both keep the rendered rows their readers look at.
 */
const DEFERRED: ReadonlySet<NotificationEvent['type']> = new Set([
  'booking.created',
  'booking.approved',
  'booking.rejected',
  'booking.moved',
  'booking.updated',
  'booking.cancelled',
  'booking.reinstated',
  'waitlist.promoted',
])

/**
 * The messages of new bookings: the confirmation or pending notice to each recipient, the approval request to
 * the hub's staff (the reminders are written by the worker when due, reminders.ts). With `known`, it reads
 * nothing for confirmed bookings (the staff for pending ones): a booking written in one statement computes them
 * first and writes them with it (bookings/service.ts).
 */
export async function createdMessages(db: Kysely<Database>, bookingIds: string[], known?: Known): Promise<NewMessage[]> {
  const out: NewMessage[] = []
  const deferred = DEFERRED.has('booking.created')
  for await (const { group, affected, recipients } of affectedGroups(db, bookingIds, [], known)) {
    const confirmed = affected.filter((o) => o.status === 'confirmed')
    const pending = affected.filter((o) => o.status === 'pending')
    out.push(
      ...bookingMessages(group, recipients, confirmed, { kind: 'booking.confirmed', ics: 'request' }, deferred),
      ...bookingMessages(group, recipients, pending, { kind: 'booking.pending', ics: 'request' }, deferred),
      ...(await approvalRequests(db, group, affected, deferred)),
    )
  }
  return out
}

async function messagesOf(trx: Transaction<Database>, event: NotificationEvent, known?: Known): Promise<NewMessage[]> {
  const out: NewMessage[] = []
  const deferred = DEFERRED.has(event.type)
  switch (event.type) {
    case 'auth.magic_link':
      return magicLink(trx, event.userId, event.url)
    case 'auth.use_oidc':
      return useOidc(trx, event.userId, event.url)
    case 'team.invitation':
      return teamInvitation(trx, event.invitationId, event.url, event.days)
    case 'call.application':
      return applicationMessages(trx, event)
    case 'booking.created':
      return createdMessages(trx, event.bookingIds, known)
    case 'booking.approved': {
      await bumpSequences(trx, event.bookingIds)
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(...bookingMessages(group, recipients, affected, { kind: 'booking.approved', ics: 'request' }, deferred))
      }
      return out
    }
    case 'booking.rejected': {
      await bumpSequences(trx, event.bookingIds)
      await cancelReminders(trx, event.bookingIds)
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(
          ...bookingMessages(group, recipients, affected, { kind: 'booking.rejected', ics: 'cancel', reason: event.reason }, deferred),
        )
      }
      return out
    }
    case 'booking.moved': {
      await bumpSequences(trx, [event.bookingId])
      await cancelReminders(trx, [event.bookingId])
      for await (const { group, affected, recipients } of affectedGroups(trx, [event.bookingId])) {
        out.push(
          ...bookingMessages(group, recipients, affected, { kind: 'booking.moved', ics: 'request', previous: event.previous }, deferred),
          // a member's move in a lab with approval goes back to the hub's staff
          ...(await approvalRequests(trx, group, affected, deferred)),
        )
      }
      return out
    }
    case 'booking.updated': {
      await bumpSequences(trx, [event.bookingId])
      for await (const { group, affected, recipients } of affectedGroups(trx, [event.bookingId])) {
        out.push(...bookingMessages(group, recipients, affected, { kind: 'booking.updated', ics: 'request' }, deferred))
      }
      return out
    }
    case 'booking.cancelled': {
      await bumpSequences(trx, event.bookingIds)
      await cancelReminders(trx, event.bookingIds)
      const kind: BookingEmailKind = event.cause === 'closure' ? 'booking.closure_cancelled' : 'booking.cancelled'
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(
          ...bookingMessages(group, recipients, affected, { kind, ics: 'cancel', reason: event.reason, scope: event.scope }, deferred),
        )
      }
      return out
    }
    case 'booking.released': {
      await bumpSequences(trx, event.bookingIds)
      await cancelReminders(trx, event.bookingIds)
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(...bookingMessages(group, recipients, affected, { kind: 'booking.released', ics: 'cancel' }, deferred))
      }
      return out
    }
    case 'booking.reinstated': {
      await bumpSequences(trx, [event.bookingId])
      for await (const { group, affected, recipients } of affectedGroups(trx, [event.bookingId])) {
        out.push(...bookingMessages(group, recipients, affected, { kind: 'booking.reinstated', ics: 'request' }, deferred))
      }
      return out
    }
    case 'booking.restored': {
      await bumpSequences(trx, event.bookingIds)
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(...bookingMessages(group, recipients, affected, { kind: 'booking.restored', ics: 'request' }, deferred))
      }
      return out
    }
    case 'waitlist.promoted': {
      // each promoted booking was created by whoever asked for it (promoteWaitlist): the group's creator, a recipient
      for await (const { group, affected, recipients } of affectedGroups(trx, event.bookingIds)) {
        out.push(
          ...bookingMessages(group, recipients, affected, { kind: 'waitlist.promoted', ics: 'request' }, deferred),
          ...(await approvalRequests(trx, group, affected, deferred)),
        )
      }
      return out
    }
  }
}

async function magicLink(trx: Transaction<Database>, userId: string, url: string): Promise<NewMessage[]> {
  const user = await trx.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow()
  const email = renderMagicLinkEmail({ locale: user.locale, name: user.name, url, minutes: MAGIC_LINK_MINUTES })
  return [{ kind: 'auth.magic_link', recipient: { email: user.email, name: user.name, locale: user.locale }, email }]
}

async function teamInvitation(trx: Transaction<Database>, invitationId: string, url: string, days: number): Promise<NewMessage[]> {
  const invitation = await trx
    .selectFrom('team_invitations as i')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .leftJoin('users as inviter', 'inviter.id', 'i.invited_by')
    .select(['i.email', 't.name as team_name', 'inviter.name as inviter_name'])
    .where('i.id', '=', invitationId)
    .executeTakeFirstOrThrow()
  // The invitee's own language when the email has an account (only the invitee reads it).
  const account = await trx.selectFrom('users').select('locale').where('email', '=', invitation.email).executeTakeFirst()
  const locale = account?.locale ?? 'it'
  const email = renderTeamInvitationEmail({ locale, teamName: invitation.team_name, inviterName: invitation.inviter_name, url, days })
  return [{ kind: 'team.invitation', recipient: { email: invitation.email, name: null, locale }, email }]
}

async function useOidc(trx: Transaction<Database>, userId: string, url: string): Promise<NewMessage[]> {
  const user = await trx.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow()
  const email = renderUseOidcEmail({ locale: user.locale, name: user.name, url })
  return [{ kind: 'auth.use_oidc', recipient: { email: user.email, name: user.name, locale: user.locale }, email }]
}

/** The groups of the bookings, each with the occurrences the event is about and who hears of it. */
/**
 * The groups (series or single bookings) of the event, each with its affected occurrences and recipients, one
 * at a time: the caller renders each group's messages in its loop, and every ~20 ms other requests get a
 * turn (a closure cancelling a month of a busy hub renders hundreds of emails; issue 11, the event loop).
 */
async function* affectedGroups(trx: Kysely<Database>, bookingIds: string[], extraUserIds: string[] = [], known?: Known) {
  const wanted = new Set(bookingIds)
  const groups = known ? groupsOf(known.rows) : await loadBookingGroups(trx, bookingIds)
  if (known?.equipment === false) for (const group of groups) group.equipment = []
  else await withEquipment(trx, groups)
  const pause = cooperative()
  for (const group of groups) {
    const affected = group.occurrences.filter((o) => wanted.has(o.bookingId))
    yield { group, affected, recipients: await bookingRecipients(trx, group, extraUserIds, known?.users) }
    await pause()
  }
}

/**
 * One email per recipient for this series (or booking), listing the occurrences it is about. Deferred (the
 * booking events of DEFERRED): written as the subject and the snapshot the worker renders the rest from, so
 * the transaction holds no rendering; otherwise rendered here, whole.
 */
function bookingMessages(
  group: BookingGroup,
  recipients: Recipient[],
  affected: CalendarOccurrence[],
  spec: MessageSpec,
  deferred: boolean,
): NewMessage[] {
  if (affected.length === 0) return []
  const snapshotFor = deferred ? bookingSnapshotsJson(group, affected, spec) : undefined
  return recipients.map((recipient) => {
    if (snapshotFor) {
      const subject = bookingEmailSubject(bookingEmailOf(group, affected, spec, recipient.locale))
      return {
        kind: spec.kind,
        recipient,
        email: { subject, html: '', text: '' },
        render: snapshotFor(recipient),
      }
    }
    const { email, attachments } = renderBookingMessage(group, affected, spec, recipient)
    return { kind: spec.kind, recipient, email, attachments }
  })
}

/** The hub's operator staff hear of the pending ones, which await them (no invitation: it is not their event). */
async function approvalRequests(
  trx: Kysely<Database>,
  group: BookingGroup,
  affected: CalendarOccurrence[],
  deferred: boolean,
): Promise<NewMessage[]> {
  const pending = affected.filter((o) => o.status === 'pending')
  if (pending.length === 0) return []
  const creator = group.createdBy
    ? await trx.selectFrom('users').select('name').where('id', '=', group.createdBy).executeTakeFirst()
    : undefined
  const staff = await hubApprovers(trx, group.hubId)
  const spec: MessageSpec = { kind: 'booking.awaiting_approval', ics: 'none', requestedBy: creator?.name ?? null }
  return bookingMessages(group, staff, pending, spec, deferred)
}
