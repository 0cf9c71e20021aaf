import type { Config } from '../config.ts'

export interface OutboxSettings {
  /** Base of the links in emails and invitations. */
  publicUrl: string
  /** `Name <address>` of the sender; its address is the organizer of hubs without an email of their own. */
  mailFrom: string
}

let current: OutboxSettings = {
  publicUrl: 'http://localhost:8080',
  mailFrom: 'Spazi Comuni <noreply@spazicomuni.comune.milano.it>',
}

/**
 * notify(trx, event) keeps the signature the features call, so the process's configuration reaches the
 * rendering here, set once when the app is built (every process renders with its own, identical, config).
 */
export function configureOutbox(config: Pick<Config, 'publicUrl' | 'mailFrom'>): void {
  current = { publicUrl: config.publicUrl, mailFrom: config.mailFrom }
}

export function outboxSettings(): OutboxSettings {
  return current
}

/** The bare address of `Name <address>`. */
export function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim()
}
