import { type QueryCreator, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { RenderedEmail } from '../../emails/layout.ts'
import type { Recipient } from './recipients.ts'

export interface OutboxAttachment {
  filename: string
  contentType: string
  content: string
  /** 'base64' for binary content (a PDF); text otherwise. */
  encoding?: 'base64'
}

export interface NewMessage {
  kind: string
  recipient: Recipient
  email: RenderedEmail
  attachments?: OutboxAttachment[]
  /** When to send; now by default. */
  notBefore?: Date
  dedupeKey?: string
  /** A reminder's booking and the start it was scheduled for. */
  booking?: { id: string; start: Date }
  /**
   * A booking email the worker renders: the JSON of its snapshot (booking-snapshot.ts), written instead of its
   * body and attachments (`email` then carries the subject alone).
   */
  render?: string
}

/**
 * A message's outbox columns, `not_before` standing for `next_attempt_at` (null: the column's default, now): the
 * one mapping of a message to its row, for outboxInsert and for a booking's one-statement INSERT (bookings-insert.ts).
 */
export function outboxColumns(m: NewMessage) {
  return {
    kind: m.kind,
    recipient: m.recipient.email,
    locale: m.recipient.locale,
    subject: m.email.subject,
    html: m.email.html,
    text: m.email.text,
    attachments: JSON.stringify(m.attachments ?? []),
    dedupe_key: m.dedupeKey ?? null,
    not_before: m.notBefore ?? null,
    booking_id: m.booking?.id ?? null,
    booking_start: m.booking?.start ?? null,
    render: m.render ?? null,
  }
}

/** The outbox's INSERT of these messages (at least one): for enqueue, or as a CTE of the statement of the change. */
export function outboxInsert(db: QueryCreator<Database>, messages: NewMessage[]) {
  const rows = messages.map((m) => {
    const { not_before, ...row } = outboxColumns(m)
    return not_before ? { ...row, next_attempt_at: not_before } : row
  })
  return db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
}

/** Writes messages into the outbox, in the caller's transaction. */
export async function enqueue(trx: Transaction<Database>, messages: NewMessage[]): Promise<void> {
  if (messages.length === 0) return
  await outboxInsert(trx, messages).execute()
}

/** Withdraws the reminders not yet sent for these bookings (cancelled, rejected, or about to be re-scheduled). */
export async function cancelReminders(trx: Transaction<Database>, bookingIds: string[]): Promise<void> {
  if (bookingIds.length === 0) return
  await trx
    .updateTable('outbox')
    .set({ status: 'cancelled', dedupe_key: null, last_error: 'booking changed before the reminder was due' })
    .where('booking_id', '=', sql<string>`any(${bookingIds}::uuid[])`)
    .where('status', '=', 'pending')
    .execute()
}
