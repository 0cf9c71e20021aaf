import { type Kysely, sql, type Updateable } from 'kysely'
import type { Database, OutboxTable } from '../../db/schema.ts'
import type { RenderedEmail } from '../../emails/templates.ts'
import type { Deps } from '../http/context.ts'
import { afterFailure } from './backoff.ts'
import { type BookingSnapshot, renderBookingSnapshot } from './booking-snapshot.ts'
import type { OutboxAttachment } from './enqueue.ts'
import { type PeriodicJobs, periodicJobs } from './jobs.ts'
import { writeDueReminder } from './reminders.ts'
import { configureOutbox } from './settings.ts'
import { type MailTransport, transportFor } from './transport.ts'

/**
 * The outbox worker: claims due messages, sends them, records the outcome.
 *
 * Exactly once, whatever the number of processes. A message is claimed in one statement that locks due rows
 * with `FOR UPDATE SKIP LOCKED` and, in the same statement, moves their `next_attempt_at` a lease ahead and
 * counts the attempt. Once that commits no other worker sees the row as due until the lease ends; a worker
 * racing for the same rows skips the locked ones or, re-reading them after the commit, finds them not due.
 * Only then is the message sent, and only then marked sent. The marks are fenced by the attempt number, so a
 * worker whose lease ran out cannot overwrite the outcome of a later attempt.
 *   - A send always ends well before the lease (SMTP timeouts, see transport.ts; at most BATCH messages per
 *     claim), so a live worker is never overtaken.
 *   - A crash between the send and the mark leaves the row pending with its lease: when the lease ends it is
 *     sent again, once. That is the only repeat possible, and it carries the same Message-ID. Marking sent
 *     before sending would instead lose the message on such a crash; we prefer one repeat to one loss.
 */
export interface OutboxWorker {
  /** Claims and handles one batch of due messages. */
  runOnce(): Promise<RunReport>
  /** Runs batches until none is due. */
  drain(): Promise<RunReport>
  /** Stops polling, waits for the batch in hand, closes the transport. */
  stop(): Promise<void>
}

export interface RunReport {
  /** Bookings released as no-shows by this batch's periodic work (jobs.ts). */
  released: number
  claimed: number
  sent: number
  retried: number
  failed: number
  cancelled: number
}

export interface OutboxWorkerOptions {
  transport?: MailTransport
  /** The clock (tests move it forward instead of waiting). */
  now?: () => Date
  pollIntervalMs?: number
  batchSize?: number
  leaseMs?: number
  log?: (msg: string, err?: unknown) => void
  /** The work done on the worker's clock before each batch (default: releases and certificate reminders). */
  jobs?: PeriodicJobs
}

const DEFAULT_POLL_MS = 1_000
const DEFAULT_BATCH = 5
/** Longer than BATCH sends at their worst (5 × 90 s): see the header. */
const DEFAULT_LEASE_MS = 10 * 60_000

type ClaimedRow = Awaited<ReturnType<typeof claim>>[number]

/** What sending one claimed message needs of its worker. */
interface Sender {
  db: Deps['db']
  config: Deps['config']
  transport: ReturnType<typeof transportFor>
  now: () => Date
  log: (msg: string, err?: unknown) => void
}

/**
 * Sends one claimed message (a due reminder written first, a booking snapshot rendered first) and records the
 * outcome: sent, retried later with backoff, failed for good, or cancelled (a reminder whose booking changed).
 */
async function sendOne({ db, config, transport, now, log }: Sender, row: ClaimedRow, report: RunReport): Promise<void> {
  // fenced by the attempt number: a worker whose lease ran out never overwrites a later attempt's outcome
  const mark = (values: Updateable<OutboxTable>) =>
    db.updateTable('outbox').set(values).where('id', '=', row.id).where('attempts', '=', row.attempts).execute()
  let email: RenderedEmail = { subject: row.subject, html: row.html, text: row.text }
  let attachments = row.attachments as OutboxAttachment[]
  const reminder = row.kind === 'booking.reminder' && row.booking_id ? { ...row, booking_id: row.booking_id } : null
  if (reminder) {
    const written = await writeDueReminder(db, reminder, now())
    if (!written) {
      await mark({ status: 'cancelled', dedupe_key: null, last_error: 'booking changed before the reminder was due' })
      report.cancelled++
      return
    }
    email = written
  }
  try {
    // a booking email written as its snapshot is rendered now, as it was at the event (booking-snapshot.ts);
    // a failure to render counts as a failed attempt, retried and in the end shown to admins like any other
    if (row.render) ({ email, attachments } = renderBookingSnapshot(row.render as unknown as BookingSnapshot))
    await transport.send({
      id: row.id,
      createdAt: new Date(row.created_at),
      from: config.mailFrom,
      to: row.recipient,
      ...email,
      attachments,
    })
  } catch (err) {
    const outcome = afterFailure(row.attempts, new Date(row.first_attempt_at ?? now()), now())
    const error = err instanceof Error ? err.message : String(err)
    if (outcome.status === 'failed') {
      await mark({ status: 'failed', last_error: error })
      report.failed++
      log(`outbox: giving up on message ${row.id} to ${row.recipient} after ${row.attempts} attempts`, err)
    } else {
      await mark({ next_attempt_at: outcome.nextAttemptAt, last_error: error })
      report.retried++
    }
    return
  }
  // a reminder keeps the body it was sent with; a rendered snapshot becomes the message it was sent as
  const rendered = row.render ? { ...email, attachments: JSON.stringify(attachments), render: null } : {}
  await mark({ status: 'sent', sent_at: now(), last_error: null, ...(reminder ? email : {}), ...rendered })
  report.sent++
}

export function createOutboxWorker(deps: Deps, options: OutboxWorkerOptions = {}): OutboxWorker & { start(): void } {
  const { db, config } = deps
  configureOutbox(config)
  const transport = options.transport ?? transportFor(config)
  const now = options.now ?? (() => new Date())
  const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS
  const batch = options.batchSize ?? DEFAULT_BATCH
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const jobs = options.jobs ?? periodicJobs(db)
  const log = options.log ?? ((msg: string, err?: unknown) => config.logLevel !== 'silent' && console.error(msg, err ?? ''))
  let timer: NodeJS.Timeout | undefined
  let running: Promise<RunReport> | undefined
  let stopped = false

  async function runOnce(): Promise<RunReport> {
    const report: RunReport = { released: 0, claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 }
    try {
      report.released = await jobs.run(now())
    } catch (err) {
      // a failing job must not hold back the emails
      log('outbox: a periodic job failed; the worker goes on sending', err)
    }
    const rows = await claim(db, now(), batch, leaseMs)
    report.claimed = rows.length
    for (const row of rows) await sendOne({ db, config, transport, now, log }, row, report)
    return report
  }

  /** One batch at a time in this process; callers share the batch in hand. */
  function runExclusive(): Promise<RunReport> {
    running ??= runOnce().finally(() => {
      running = undefined
    })
    return running
  }

  function schedule(delay: number) {
    if (stopped) return
    timer = setTimeout(tick, delay)
    timer.unref()
  }

  async function tick() {
    let full = false
    try {
      const report = await runExclusive()
      full = report.claimed >= batch
    } catch (err) {
      log('outbox: the worker could not run (database down?); retrying', err)
    }
    schedule(full ? 0 : pollMs)
  }

  return {
    runOnce: runExclusive,
    async drain() {
      const total: RunReport = { released: 0, claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 }
      for (let round = 0; round < 1000; round++) {
        const r = await runExclusive()
        for (const k of Object.keys(total) as Array<keyof RunReport>) total[k] += r[k]
        if (r.claimed === 0) break
      }
      return total
    },
    start() {
      stopped = false
      schedule(0)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running?.catch(() => undefined)
      transport.close()
    },
  }
}

/** Starts polling in the background (timers unref'd: the worker never keeps a process alive). */
export function startOutboxWorker(deps: Deps, options: OutboxWorkerOptions = {}): OutboxWorker {
  const worker = createOutboxWorker(deps, options)
  worker.start()
  return worker
}

/** Locks due rows, skipping those another worker holds, and leases them in the same statement. */
async function claim(db: Kysely<Database>, now: Date, limit: number, leaseMs: number) {
  return db
    .updateTable('outbox')
    .set({
      attempts: sql<number>`attempts + 1`,
      first_attempt_at: sql<Date>`coalesce(first_attempt_at, ${now.toISOString()}::timestamptz)`,
      next_attempt_at: new Date(now.getTime() + leaseMs),
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'pending')
    .returningAll()
    .execute()
}
