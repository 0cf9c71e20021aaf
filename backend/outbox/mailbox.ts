import fs from 'node:fs/promises'
import path from 'node:path'

/** The demo mailbox: the `.eml` files the outbox writes when there is no SMTP server. */

export interface MailboxEntry {
  id: string
  to: string
  subject: string
  date: string | null
}

export interface MailboxMessage extends MailboxEntry {
  from: string
  text: string
  html: string | null
  attachments: string[]
}

const ID = /^[0-9TZ]{16}-[0-9a-f-]{36}$/

export function isMailboxId(id: string): boolean {
  return ID.test(id)
}

/**
 * The mailbox is read by admins, who must not be able to sign in as anyone: every `token=` of a link (sign-in
 * links, and any other secret link) is shown as `token=…`. The .eml files on disk keep the real message.
 */
export const REDACTED = '…'
export function redactTokens(text: string): string {
  return text.replace(/([?&](?:amp;)?token=)[^&\s"'<>]+/g, `$1${REDACTED}`)
}

/** Newest first (file names start with the message's creation time). */
export async function listMailbox(dir: string, page: { limit: number; offset: number }): Promise<{ total: number; items: MailboxEntry[] }> {
  const names = await fileNames(dir)
  const slice = names.slice(page.offset, page.offset + page.limit)
  const items = await Promise.all(
    slice.map(async (name) => {
      const m = await readMessage(dir, name.slice(0, -4))
      return { id: m!.id, to: m!.to, subject: m!.subject, date: m!.date }
    }),
  )
  return { total: names.length, items }
}

export async function readMessage(dir: string, id: string): Promise<MailboxMessage | null> {
  if (!isMailboxId(id)) return null
  let raw: Buffer
  try {
    raw = await fs.readFile(path.join(dir, `${id}.eml`))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  // mailparser is loaded when an admin first reads the demo mailbox, not with the server (≈ 0.3 s and 25 MB)
  const { simpleParser } = await import('mailparser')
  const parsed = await simpleParser(raw)
  const addresses = (a: typeof parsed.to) => (a ? (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text) : '')
  const html = typeof parsed.html === 'string' ? parsed.html : null
  return {
    id,
    to: addresses(parsed.to),
    from: addresses(parsed.from),
    subject: parsed.subject ?? '',
    date: parsed.date ? parsed.date.toISOString() : null,
    text: redactTokens(parsed.text ?? ''),
    html: html === null ? null : redactTokens(html),
    attachments: parsed.attachments.map((a) => a.filename ?? a.contentType),
  }
}

async function fileNames(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return names
    .filter((n) => n.endsWith('.eml') && isMailboxId(n.slice(0, -4)))
    .sort()
    .reverse()
}
