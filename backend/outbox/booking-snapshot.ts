import type { BookingStatus } from '../../db/schema.ts'
import { type CalendarOccurrence, cancelIcs, requestIcs } from '../../emails/ics.ts'
import type { RenderedEmail } from '../../emails/layout.ts'
import { type BookingEmail, type BookingEmailKind, renderBookingEmail } from '../../emails/templates.ts'
import { HOLDING } from '../features/bookings/statuses.ts'
import { type BookingGroup, bookingEmailOf } from './booking-groups.ts'
import type { OutboxAttachment } from './enqueue.ts'
import type { Recipient } from './recipients.ts'

/** What a booking email is about, besides its group and its recipient. */
export interface MessageSpec {
  kind: BookingEmailKind
  ics: 'request' | 'cancel' | 'none'
  reason?: string | null
  scope?: BookingEmail['scope']
  previous?: { start: Date; end: Date }
  /** Who asked, for the operator's approval request. */
  requestedBy?: string | null
}

/**
 * One booking email rendered: subject, HTML, text and its invitation. The one function both paths use, so an
 * email rendered in the change's transaction and one rendered by the worker from its snapshot are the same.
 */
export function renderBookingMessage(
  group: BookingGroup,
  affected: CalendarOccurrence[],
  spec: MessageSpec,
  recipient: Recipient,
): { email: RenderedEmail; attachments: OutboxAttachment[] } {
  const about = bookingEmailOf(group, affected, spec, recipient.locale)
  const email = renderBookingEmail(spec.kind === 'booking.awaiting_approval' ? { ...about, requestedBy: spec.requestedBy ?? null } : about)
  const attachments: OutboxAttachment[] = []
  const options = { organizer: group.organizer, attendee: { name: recipient.name ?? recipient.email, email: recipient.email } }
  if (spec.ics === 'request' && requestable(group)) attachments.push(calendarPart('REQUEST', requestIcs(group, options), recipient))
  if (spec.ics === 'cancel') attachments.push(calendarPart('CANCEL', cancelIcs(group, affected, options), recipient))
  return { email, attachments }
}

/** A request describes what is still live; with nothing live left there is nothing to invite to. */
function requestable(group: BookingGroup): boolean {
  return group.occurrences.some((o) => HOLDING.has(o.status))
}

function calendarPart(method: 'REQUEST' | 'CANCEL', content: string, recipient: Recipient): OutboxAttachment {
  return { filename: calendarFilename(method, recipient.locale), contentType: `text/calendar; charset=utf-8; method=${method}`, content }
}

function calendarFilename(method: 'REQUEST' | 'CANCEL', locale: Recipient['locale']): string {
  if (method === 'CANCEL') return locale === 'en' ? 'cancel.ics' : 'annullamento.ics'
  return locale === 'en' ? 'invite.ics' : 'invito.ics'
}

/**
 * The outbox's `render` column: everything a booking email is written from, as it is at the event (the
 * group's rows as notify() holds them, the occurrences concerned, the recipient, the kind of message), in
 * plain JSON (instants as epoch milliseconds). The worker rebuilds the group from it and renders with
 * renderBookingMessage, so what the email says is what it would have said in the transaction, whatever
 * changed since (a renamed lab, a cancelled booking).
 */
export interface BookingSnapshot {
  v: 1
  spec: Omit<MessageSpec, 'previous'> & { previous?: { start: number; end: number } }
  recipient: Recipient
  group: GroupSnapshot
  /** Indexes into group.occurrences. */
  affected: number[]
}

/** [bookingId, start, end, recurrenceStart, status, title, sequence, updatedAt] */
type OccurrenceTuple = [string, number, number, number, BookingStatus, string, number, number]

interface GroupSnapshot extends Omit<BookingGroup, 'linkFor' | 'occurrences' | 'series'> {
  /** linkFor(id) = linkBase + id */
  linkBase: string
  series: { rrule: string; dtstart: number; durationMinutes: number; title: string } | null
  occurrences: OccurrenceTuple[]
}

/**
 * The snapshots of one event's messages about a group, as the JSON texts the `render` column takes, one per
 * recipient: the group is written once, however many recipients it has. (Once per call, not kept in a WeakMap
 * keyed by the group: V8 keeps a WeakMap's entries through every young-generation collection, so such a map held
 * each request's groups, and all they reference, until the next full collection; docs/benchmarks.md.)
 */
export function bookingSnapshotsJson(
  group: BookingGroup,
  affected: CalendarOccurrence[],
  spec: MessageSpec,
): (recipient: Recipient) => string {
  const json = JSON.stringify(groupSnapshot(group))
  const index = new Map(group.occurrences.map((o, i) => [o, i]))
  const affectedIndexes = affected.map((o) => index.get(o) ?? -1)
  if (affectedIndexes.includes(-1)) throw new Error('bookingSnapshotsJson: an affected occurrence is not in its group')
  const storedSpec = { ...spec, previous: spec.previous && { start: spec.previous.start.getTime(), end: spec.previous.end.getTime() } }
  return (recipient) => {
    const rest: Omit<BookingSnapshot, 'group'> = { v: 1, spec: storedSpec, recipient, affected: affectedIndexes }
    return `${JSON.stringify(rest).slice(0, -1)},"group":${json}}`
  }
}

function groupSnapshot(group: BookingGroup): GroupSnapshot {
  const { linkFor, occurrences, series, ...rest } = group
  return {
    ...rest,
    linkBase: linkFor(''),
    series: series && { ...series, dtstart: series.dtstart.getTime() },
    occurrences: occurrences.map((o) => [
      o.bookingId,
      o.start.getTime(),
      o.end.getTime(),
      o.recurrenceStart.getTime(),
      o.status,
      o.title,
      o.sequence,
      o.updatedAt.getTime(),
    ]),
  }
}

/** The email a snapshot describes, rendered now exactly as it would have been at the event. */
export function renderBookingSnapshot(snapshot: BookingSnapshot): { email: RenderedEmail; attachments: OutboxAttachment[] } {
  if (snapshot.v !== 1) throw new Error(`outbox: unknown snapshot version ${String(snapshot.v)}`)
  const { linkBase, occurrences, series, ...rest } = snapshot.group
  const group: BookingGroup = {
    ...rest,
    linkFor: (id) => `${linkBase}${id}`,
    series: series && { ...series, dtstart: new Date(series.dtstart) },
    occurrences: occurrences.map(([bookingId, start, end, recurrenceStart, status, title, sequence, updatedAt]) => ({
      bookingId,
      start: new Date(start),
      end: new Date(end),
      recurrenceStart: new Date(recurrenceStart),
      status,
      title,
      sequence,
      updatedAt: new Date(updatedAt),
    })),
  }
  const { previous, ...spec } = snapshot.spec
  const affected = snapshot.affected.map((i) => group.occurrences[i])
  return renderBookingMessage(
    group,
    affected,
    { ...spec, ...(previous ? { previous: { start: new Date(previous.start), end: new Date(previous.end) } } : {}) },
    snapshot.recipient,
  )
}

/** The attachments a waiting snapshot will have (what the admin outbox lists before the worker renders it). */
export function snapshotAttachmentNames(snapshot: BookingSnapshot): string[] {
  const { spec, recipient, group } = snapshot
  if (spec.ics === 'cancel') return [calendarFilename('CANCEL', recipient.locale)]
  if (spec.ics === 'request' && group.occurrences.some((o) => HOLDING.has(o[4]))) return [calendarFilename('REQUEST', recipient.locale)]
  return []
}
