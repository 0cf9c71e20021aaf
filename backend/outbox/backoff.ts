/** The first retry waits 5 s; each further one twice as long, never more than 10 min. */
export const FIRST_RETRY_MS = 5_000
export const MAX_RETRY_MS = 10 * 60_000
/** Retries go on for at least this long after the first attempt; then the message is marked failed. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000

/** Delay before attempt n+1, after n failed attempts (n ≥ 1). */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 20)
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS)
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' }

/** What a failed attempt leads to: another try after the backoff, or failed once 24 h have passed. */
export function afterFailure(failedAttempts: number, firstAttemptAt: Date, now: Date): AfterFailure {
  if (now.getTime() - firstAttemptAt.getTime() >= GIVE_UP_AFTER_MS) return { status: 'failed' }
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(failedAttempts)) }
}
