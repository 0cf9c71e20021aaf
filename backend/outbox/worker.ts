import type { Deps } from '../http/context.ts'

export interface OutboxWorker {
  stop(): Promise<void>
}

/** Sends due outbox messages in the background. Placeholder until the emails feature lands. */
export function startOutboxWorker(_deps: Deps): OutboxWorker {
  return { stop: async () => {} }
}
