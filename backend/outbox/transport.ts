import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer/index.js'
import type { OutboxAttachment } from './enqueue.ts'

export interface OutgoingMail {
  /** The outbox id: also the Message-ID, so a repeat after a crash is recognisable as the same message. */
  id: string
  createdAt: Date
  from: string
  to: string
  subject: string
  text: string
  html: string
  attachments: OutboxAttachment[]
}

export interface MailTransport {
  readonly kind: 'smtp' | 'mailbox'
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export const MESSAGE_ID_DOMAIN = 'spazicomuni.comune.milano.it'

/** How long an SMTP connection stays open with nothing to send (below the 60 s socket timeout). */
const IDLE_MS = 30_000

/** Our message as nodemailer's: a text/calendar part goes as `icalEvent` (an alternative plus an .ics attachment). */
export function toMailOptions(mail: OutgoingMail): Mail.Options {
  const calendar = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))
  const method = calendar ? (/method=([A-Z]+)/i.exec(calendar.contentType)?.[1] ?? 'PUBLISH') : undefined
  return {
    messageId: `<${mail.id}@${MESSAGE_ID_DOMAIN}>`,
    date: new Date(),
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(calendar && method ? { icalEvent: { method, filename: calendar.filename, content: calendar.content } } : {}),
    attachments: mail.attachments
      .filter((a) => a !== calendar)
      .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.encoding && { encoding: a.encoding }) })),
  }
}

/**
 * SMTP_URL. Timeouts are short and bounded so that one send always ends well within the worker's lease
 * (see worker.ts): connection 15 s + greeting 15 s + socket idle 60 s.
 *
 * One connection kept open and reused (nodemailer's pool, which renews it after 100 messages), since the worker
 * sends one message after another: a connection per message paid the TCP (and TLS) handshake, the server's
 * greeting and EHLO each time: 4.2 ms of CPU a message against 1.9 ms pooled, and the greeting's wait (100 ms
 * from smtp-server; relays may wait seconds for clients they do not know) for every message rather than once
 * (docs/benchmarks.md). An idle
 * connection is closed after IDLE_MS, before servers usually drop it; one the server dropped anyway is
 * replaced at the next message, and a message it was carrying fails and is retried like any other.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    idleTimeout: IDLE_MS,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(toMailOptions(mail))
    },
    close: () => transporter.close(),
  }
}

/**
 * No SMTP_URL: each message becomes `<created>-<id>.eml` in the demo mailbox directory. Writing to a temporary
 * name and renaming makes a message appear whole or not at all; a repeat overwrites the same file.
 */
export function mailboxTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    kind: 'mailbox',
    async send(mail) {
      const info = await transporter.sendMail(toMailOptions(mail))
      const name = mailboxFileName(mail)
      const tmp = path.join(dir, `.${name}.tmp`)
      const write = () => fs.writeFile(tmp, info.message as Buffer)
      // The directory is made when it is missing (the first message, or after someone emptied the mailbox), not
      // asked for before every message.
      await write().catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err
        await fs.mkdir(dir, { recursive: true })
        await write()
      })
      await fs.rename(tmp, path.join(dir, name))
    },
    close: () => transporter.close(),
  }
}

export function mailboxFileName(mail: { id: string; createdAt: Date }): string {
  const stamp = mail.createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  return `${stamp}-${mail.id}.eml`
}

export function mailboxDir(dataDir: string): string {
  return path.join(dataDir, 'mail')
}

export function transportFor(config: { smtpUrl: string | undefined; dataDir: string }): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : mailboxTransport(mailboxDir(config.dataDir))
}
