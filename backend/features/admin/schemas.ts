import { z } from 'zod'
import { paginationQuery } from '../../http/validation.ts'

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

export const OutboxQuery = z.object({
  status: z.enum(['pending', 'sent', 'failed', 'cancelled']).optional(),
  kind: z.string().trim().min(1).max(100).optional(),
  recipient: z.string().trim().toLowerCase().min(1).max(320).optional(),
  ...paginationQuery,
})
export const MailboxQuery = z.object({ ...paginationQuery })

// ── Answers (the OpenAPI document's response schemas) ────────────────────────────────────────

/** A message of the email outbox as the API answers it. */
export const OutboxMessageView = z.object({
  id: z.string(),
  kind: z.string(),
  recipient: z.string(),
  locale: z.enum(['it', 'en']),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  firstAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  bookingId: z.string().nullable(),
  attachments: z.array(z.string()).describe('File names.'),
})

/** A message of the demo mailbox (emails written as files instead of sent), in the list. */
export const MailboxEntry = z.object({ id: z.string(), to: z.string(), subject: z.string(), date: z.string().nullable() })

/** One message of the demo mailbox, sign-in links redacted. */
export const MailboxMessageView = MailboxEntry.extend({
  from: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(z.string()),
})
