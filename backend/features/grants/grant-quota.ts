import type { Transaction } from 'kysely'
import type { Database, Lab } from '../../../db/schema.ts'
import type { Interval } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'

export interface QuotaRequest {
  teamId: string | null
  lab: Pick<Lab, 'id' | 'hub_id' | 'type' | 'requires_grant'>
  /** In order; each accepted occurrence consumes hours for the next ones. */
  occurrences: Interval[]
  /** Bookings being replaced (a move): their hours do not count. */
  excludeBookingIds?: string[]
}

/**
 * Locks the team's grants (SELECT … FOR UPDATE) and returns, per occurrence, its grant conflicts
 * (`no_grant`, `quota_exceeded`). Call inside the booking's transaction, before inserting.
 * STUB until the grants feature lands: no conflicts.
 */
export async function checkGrantQuota(_trx: Transaction<Database>, req: QuotaRequest): Promise<Conflict[][]> {
  return req.occurrences.map(() => [])
}
