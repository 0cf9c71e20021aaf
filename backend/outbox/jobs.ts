import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { releaseMissedCheckIns } from '../features/bookings/release.ts'
import { writeCertificateReminders } from '../features/certifications/expiry-reminders.ts'

/** What the outbox worker does on its clock before each batch; returns how many bookings it released. */
export interface PeriodicJobs {
  run(now: Date): Promise<number>
}

const REMINDER_SCAN_MS = 10 * 60_000

/**
 * Every batch releases the bookings nobody checked in for (cheap: an index range over the last day); every
 * ten minutes of the worker's clock it writes the reminders of certificates about to lapse (idempotent, by
 * dedupe key). Both are safe with several processes.
 */
export function periodicJobs(db: Kysely<Database>): PeriodicJobs {
  let lastReminderScan: number | undefined
  return {
    async run(now) {
      const released = await releaseMissedCheckIns(db, now)
      if (lastReminderScan === undefined || Math.abs(now.getTime() - lastReminderScan) >= REMINDER_SCAN_MS) {
        lastReminderScan = now.getTime()
        await writeCertificateReminders(db, now)
      }
      return released.length
    },
  }
}
