import type { Transaction } from 'kysely'
import type { Database, Lab } from '../../../db/schema.ts'
import type { Interval } from '../../time.ts'
import { localDate } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'
import { covers, GrantLedger, type GrantScope, secondsToHours } from './accounting.ts'
import { m } from './messages.ts'
import { coveredBookingsOfTeams, toGrantTerms } from './usage.ts'

export interface QuotaRequest {
  teamId: string | null
  lab: Pick<Lab, 'id' | 'hub_id' | 'type' | 'requires_grant'> & { timezone: string }
  /** In order; each accepted occurrence consumes hours for the next ones. */
  occurrences: Interval[]
  /** Bookings being replaced (a move): their hours do not count. */
  excludeBookingIds?: string[]
  /**
   * The team's grants as read before the transaction, without a lock, when the caller read them. When none
   * of them can cover any occurrence, the lock is not taken (see checkGrantQuota).
   */
  grantsSeen?: GrantScope[]
}

/** The team's grants, locked until the end of the transaction: concurrent bookings of one team queue here. */
export async function lockGrantsForTeam(trx: Transaction<Database>, teamId: string) {
  return trx.selectFrom('grants').selectAll().where('team_id', '=', teamId).orderBy('id').forUpdate().execute()
}

/**
 * Locks the team's grants (SELECT … FOR UPDATE) and returns, per occurrence, its grant conflicts
 * (`no_grant`, `quota_exceeded`). Call inside the booking's transaction, before inserting.
 * The team's existing bookings keep the hours they were given; the new occurrences draw, in order,
 * on what is left. Staff's internal use (no team) is not accounted against any grant.
 *
 * With `grantsSeen` (the team's grants read before the transaction) and none of them covering any occurrence,
 * no grant is locked and no hours are drawn: the occurrences are `no_grant` where the lab requires a grant, free
 * otherwise. This is exact under concurrency. The lock orders bookings that draw on the same grant; these draw on
 * none. A grant created or widened meanwhile (updateGrant locks the team's grants, then reads the bookings its
 * grants cover as they stand before its change, which never include these) gives the same outcome as the
 * booking committed first, then the grant change: the booking was refused or taken without drawing hours, as
 * it would have been then. A grant that did cover something is locked and read again, as before.
 */
export async function checkGrantQuota(trx: Transaction<Database>, req: QuotaRequest): Promise<Conflict[][]> {
  const plan = quotaPlan(req)
  if ('conflicts' in plan) return plan.conflicts
  const { teamId, occurrences } = plan
  // The lock comes first: the bookings read below then include every booking committed before it.
  const grants = await lockGrantsForTeam(trx, teamId)
  const ledger = new GrantLedger(grants.map(toGrantTerms))

  if (occurrences.some((o) => ledger.covering(o).length > 0)) {
    const existing = await coveredBookingsOfTeams(trx, [teamId], req.excludeBookingIds ?? [])
    for (const b of existing) ledger.consume(b)
  }

  return occurrences.map((o): Conflict[] => {
    const covering = ledger.covering(o)
    if (covering.length === 0) return req.lab.requires_grant ? [noGrant(o)] : []
    const left = ledger.remainingFor(o)
    if (ledger.tryConsume(o)) return []
    const references = covering.map((g) => grants.find((r) => r.id === g.id)?.reference).join(', ')
    return [
      {
        start: o.start,
        end: o.end,
        reason: 'quota_exceeded',
        detail: m.quotaExceeded({ needed: secondsToHours(o.seconds), left: secondsToHours(left), references }),
      },
    ]
  })
}

/**
 * The grant conflicts when they need no lock: staff's use (no team), nothing to check, or none of the team's grants
 * seen before (`grantsSeen`) covering any occurrence. Null when a grant can apply: then only checkGrantQuota,
 * under the lock, can say.
 */
export function quotaWithoutLock(req: QuotaRequest): Conflict[][] | null {
  const plan = quotaPlan(req)
  return 'conflicts' in plan ? plan.conflicts : null
}

/** The conflicts when no lock is needed (quotaWithoutLock), or the team and its occurrences to check under it. */
function quotaPlan(req: QuotaRequest): { conflicts: Conflict[][] } | { teamId: string; occurrences: ReturnType<typeof occurrencesOf> } {
  if (!req.teamId || req.occurrences.length === 0) return { conflicts: req.occurrences.map(() => []) }
  const occurrences = occurrencesOf(req)
  const seen = req.grantsSeen
  if (seen && !occurrences.some((o) => seen.some((g) => covers(g, o)))) {
    return { conflicts: occurrences.map((o) => (req.lab.requires_grant ? [noGrant(o)] : [])) }
  }
  return { teamId: req.teamId, occurrences }
}

function occurrencesOf(req: QuotaRequest) {
  return req.occurrences.map((o) => ({
    start: o.start,
    end: o.end,
    seconds: Math.round((o.end.getTime() - o.start.getTime()) / 1000),
    startDate: localDate(o.start, req.lab.timezone),
    hubId: req.lab.hub_id,
    labType: req.lab.type,
    status: 'confirmed' as const,
  }))
}

function noGrant(o: Interval): Conflict {
  return { start: o.start, end: o.end, reason: 'no_grant', detail: m.noGrant() }
}
