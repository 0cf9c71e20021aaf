import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

export interface RetentionPolicy {
  auditRetentionDays: number
}

/** Sign-in failures older than this are of no further use (the lock-out window is 15 minutes). */
const FAILURES_KEPT_HOURS = 24
/** Used or expired sign-in links are kept this long, so that a person asking why a link failed can be answered. */
const LINKS_KEPT_DAYS = 7

export interface Purged {
  loginFailures: number
  sessions: number
  signInLinks: number
  auditEntries: number
}

/**
 * The retention schedule (docs/privacy.md): expired sessions, spent sign-in links and old sign-in failures
 * are deleted; audit entries older than AUDIT_RETENTION_DAYS too. Idempotent: every process may run it.
 */
export async function purgeExpired(db: Kysely<Database>, policy: RetentionPolicy, now = new Date()): Promise<Purged> {
  const ago = (ms: number) => new Date(now.getTime() - ms)
  const failures = await db
    .deleteFrom('login_failures')
    .where('at', '<', ago(FAILURES_KEPT_HOURS * 3_600_000))
    .executeTakeFirst()
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst()
  const links = await db
    .deleteFrom('magic_links')
    .where((eb) => eb.or([eb('expires_at', '<', ago(LINKS_KEPT_DAYS * 86_400_000)), eb('used_at', '<', ago(LINKS_KEPT_DAYS * 86_400_000))]))
    .executeTakeFirst()
  const audit = await db
    .deleteFrom('audit_log')
    .where('at', '<', ago(policy.auditRetentionDays * 86_400_000))
    .executeTakeFirst()
  return {
    loginFailures: Number(failures.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
    signInLinks: Number(links.numDeletedRows),
    auditEntries: Number(audit.numDeletedRows),
  }
}

const EVERY_MS = 60 * 60_000

/** Runs the purge at start and hourly; returns the stop function. */
export function scheduleRetention(db: Kysely<Database>, policy: RetentionPolicy, log: (msg: string, err?: unknown) => void): () => void {
  const run = () =>
    purgeExpired(db, policy).catch((err: unknown) => {
      log('retention purge failed', err)
    })
  const first = setTimeout(run, 5_000)
  const timer = setInterval(run, EVERY_MS)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
