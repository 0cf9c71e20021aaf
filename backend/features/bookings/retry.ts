/**
 * A transaction that lost a race (the exclusion constraint fired, a deadlock, a serialization failure)
 * is run again from the start: its checks then see the winner and explain the conflict properly.
 */
const RETRYABLE = new Set(['23P01', '40P01', '40001'])

export function isRetryable(err: unknown): boolean {
  return RETRYABLE.has((err as { code?: string })?.code ?? '')
}

/** The exclusion constraint refused a booking: another live booking holds part of its time in the lab. */
export function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string }
  return e?.code === '23P01' && e.constraint === 'bookings_no_overlap'
}

export async function withRetries<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (err) {
      if (!isRetryable(err) || attempt >= attempts) throw err
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt))
    }
  }
}
