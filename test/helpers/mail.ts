import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string[]
  raw: string
  parsed: ParsedMail
}

/**
 * A real SMTP server on 127.0.0.1 (random port, no auth, no TLS) that keeps what it receives, parsed with
 * mailparser. `down()` closes it (connections are refused, as in an outage); `up()` listens again on the
 * same port.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  /** Connections opened by clients since the server started. */
  let connections = 0
  let port = 0
  let server: SMTPServer | undefined

  function create() {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // down() ends the connections the app keeps open (its SMTP pool) at once, as an outage would, instead of
      // waiting 30 s for them to close
      closeTimeout: 50,
      onConnect(_session, callback) {
        connections++
        callback()
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          simpleParser(raw)
            .then((parsed) => {
              received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed })
              callback()
            })
            .catch(callback)
        })
      },
    })
  }

  async function up() {
    if (server) return
    const s = create()
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => resolve())
    })
    port = (s.server.address() as AddressInfo).port
    server = s
  }

  async function down() {
    const s = server
    server = undefined
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  await up()
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`
    },
    received,
    get connections() {
      return connections
    },
    /** Messages received for one address. */
    to: (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())),
    up,
    down,
    close: down,
  }
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>

/** The iCalendar text of a parsed message (the text/calendar alternative or the .ics attachment). */
export function calendarOf(mail: ParsedMail): string | undefined {
  const part = mail.attachments.find((a) => /calendar|ics/i.test(a.contentType) || a.filename?.endsWith('.ics'))
  return part?.content.toString('utf8')
}
