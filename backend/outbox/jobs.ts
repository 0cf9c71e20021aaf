import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { releaseMissedCheckIns } from '../features/bookings/release.ts'
import { writeCertificateReminders } from '../features/certifications/expiry-reminders.ts'
import { writeUpcomingReminders } from './reminders.ts'

/** What the outbox worker does on its clock before each batch; returns how many bookings it released. */
export interface PeriodicJobs {
  run(now: Date): Promise<number>
}

const REMINDER_SCAN_MS = 10 * 60_000
/** Bookings' reminders are written this often, well within REMINDER_AHEAD_MS of their time (reminders.ts). */
const BOOKING_REMINDER_SCAN_MS = 60_000
/** The worker's poll interval (worker.ts): a release is at most this late, as when the worker is idle. */
const RELEASE_SCAN_MS = 1_000

/** True when `every` ms of the clock have passed since `last` (or it never ran; a clock set back counts too). */
export function due(last: number | undefined, now: number, every: number): boolean {
  return last === undefined || Math.abs(now - last) >= every
}

/**
 * At most once a second of the worker's clock it releases the bookings nobody checked in for (an index range
 * over the last day, in a transaction of its own); every minute it writes the reminders of bookings falling due
 * in the next few minutes, and every ten minutes those of certificates about to lapse (both idempotent, by
 * dedupe key). All are safe with several processes. A worker draining a backlog
 * runs a batch after another without waiting (session 9): before, each batch of 5 messages paid a release
 * transaction (3 statements), i.e. under a burst of bookings more statements than the messages' own.
 */
export function periodicJobs(db: Kysely<Database>): PeriodicJobs {
  let lastRelease: number | undefined
  let lastReminderScan: number | undefined
  let lastBookingReminderScan: number | undefined
  return {
    async run(now) {
      let released = 0
      if (due(lastRelease, now.getTime(), RELEASE_SCAN_MS)) {
        lastRelease = now.getTime()
        released = (await releaseMissedCheckIns(db, now)).length
      }
      if (due(lastBookingReminderScan, now.getTime(), BOOKING_REMINDER_SCAN_MS)) {
        lastBookingReminderScan = now.getTime()
        await writeUpcomingReminders(db, now)
      }
      if (due(lastReminderScan, now.getTime(), REMINDER_SCAN_MS)) {
        lastReminderScan = now.getTime()
        await writeCertificateReminders(db, now)
      }
      return released
    },
  }
}
