import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { problems } from '../../http/problem.ts'
import { readId, readQuery } from '../../http/validation.ts'
import { type BookingSnapshot, snapshotAttachmentNames } from '../../outbox/booking-snapshot.ts'
import { isMailboxId, listMailbox, readMessage } from '../../outbox/mailbox.ts'
import { mailboxDir } from '../../outbox/transport.ts'
import { formatInstant } from '../../time.ts'
import { m } from './messages.ts'
import { countOutbox, listOutbox, type OutboxRow, outboxMessageExists, requeueMessage } from './outbox-queries.ts'
import { MailboxEntry, MailboxMessageView, MailboxQuery, OutboxMessageView, OutboxQuery } from './schemas.ts'

const instant = (d: Date | null) => (d ? formatInstant(d) : null)

function toOutboxMessage(r: OutboxRow) {
  return {
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    locale: r.locale,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: instant(r.next_attempt_at),
    firstAttemptAt: instant(r.first_attempt_at),
    lastError: r.last_error,
    sentAt: instant(r.sent_at),
    createdAt: instant(r.created_at),
    bookingId: r.booking_id,
    // a booking email waiting for the worker to render it names the attachments it will have
    attachments: r.render ? snapshotAttachmentNames(r.render as unknown as BookingSnapshot) : r.attachments.map((a) => a.filename),
  }
}

/** Admin tools of the outbox: what was sent, what failed (and resending it), and the demo mailbox. */
export function adminRoutes(deps: Deps) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/admin/outbox',
    doc({
      tag: 'Admin',
      summary: 'The outgoing emails: queued, sent, failed (admin)',
      query: OutboxQuery,
      responses: { 200: z.array(OutboxMessageView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      requireRole(c, 'admin')
      const q = readQuery(c, OutboxQuery)
      const [rows, total] = await Promise.all([listOutbox(db, q), countOutbox(db, q)])
      return paginated(c, rows.map(toOutboxMessage), { limit: q.limit, offset: q.offset, total })
    },
  )

  app.post(
    '/admin/outbox/:id/resend',
    doc({
      tag: 'Admin',
      summary: 'Queue a failed or sent email again (admin; 409 while it is still queued)',
      responses: { 200: OutboxMessageView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      requireRole(c, 'admin')
      const id = readId(c, 'id', 'message')
      const row = await requeueMessage(db, id)
      if (!row) {
        if (await outboxMessageExists(db, id)) throw problems.conflict(m.alreadyQueued())
        throw problems.notFound('message')
      }
      return c.json(toOutboxMessage(row))
    },
  )

  app.get(
    '/admin/mailbox',
    doc({
      tag: 'Admin',
      summary: 'The demo mailbox: emails written to disk when no SMTP_URL is set (admin)',
      query: MailboxQuery,
      responses: { 200: z.array(MailboxEntry) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      requireRole(c, 'admin')
      const q = readQuery(c, MailboxQuery)
      const { total, items } = await listMailbox(mailboxDir(config.dataDir), q)
      return paginated(c, items, { limit: q.limit, offset: q.offset, total })
    },
  )

  app.get(
    '/admin/mailbox/:id',
    doc({
      tag: 'Admin',
      summary: 'One email of the demo mailbox, sign-in links redacted (admin)',
      responses: {
        200: MailboxMessageView,
      },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      requireRole(c, 'admin')
      const id = c.req.param('id')
      const message = isMailboxId(id) ? await readMessage(mailboxDir(config.dataDir), id) : null
      if (!message) throw problems.notFound('message')
      return c.json(message)
    },
  )

  return app
}
