/**
 * Work that must not change how long a request takes to answer (backend/features/auth: whether an account
 * exists must not show in the timing), started once the answer is on its way. Failures are logged, never
 * thrown at the client that has its answer already.
 */
const pending = new Set<Promise<void>>()

export function afterResponse(task: () => Promise<void>, log: (msg: string, err?: unknown) => void): void {
  const run = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .catch((err) => log('work after the response failed', err))
    .finally(() => pending.delete(run))
  pending.add(run)
}

/** Resolves when every task started so far has ended (tests, and a graceful shutdown). */
export async function afterResponseIdle(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending])
}
