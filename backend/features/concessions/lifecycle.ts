import type { ConcessionStatus } from '../../../db/schema.ts'

/**
 * The life of a concession: a draft becomes active (or is withdrawn as terminated); an active one
 * ends as expired (its period ran out) or terminated (revoked early). Expired and terminated are final.
 */
export const CONCESSION_TRANSITIONS: Readonly<Record<ConcessionStatus, readonly ConcessionStatus[]>> = {
  draft: ['active', 'terminated'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
}

export function canTransition(from: ConcessionStatus, to: ConcessionStatus): boolean {
  return from === to || CONCESSION_TRANSITIONS[from].includes(to)
}

export function isFinal(status: ConcessionStatus): boolean {
  return CONCESSION_TRANSITIONS[status].length === 0
}
