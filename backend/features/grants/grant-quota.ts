import type { Transaction } from 'kysely'
import { DateTime } from 'luxon'
import type { Database, Lab } from '../../../db/schema.ts'
import type { Interval } from '../../time.ts'
import { zoneNamed } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'
import { GrantLedger, secondsToHours } from './accounting.ts'
import { m } from './messages.ts'
import { coveredBookingsOfTeams, toGrantTerms } from './usage.ts'

export interface QuotaRequest {
  teamId: string | null
  lab: Pick<Lab, 'id' | 'hub_id' | 'type' | 'requires_grant'> & { timezone: string }
  /** In order; each accepted occurrence consumes hours for the next ones. */
  occurrences: Interval[]
  /** Bookings being replaced (a move): their hours do not count. */
  excludeBookingIds?: string[]
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
 */
export async function checkGrantQuota(trx: Transaction<Database>, req: QuotaRequest): Promise<Conflict[][]> {
  if (!req.teamId || req.occurrences.length === 0) return req.occurrences.map(() => [])
  // The lock comes first: the bookings read below then include every booking committed before it.
  const grants = await lockGrantsForTeam(trx, req.teamId)
  const ledger = new GrantLedger(grants.map(toGrantTerms))
  const occurrences = req.occurrences.map((o) => ({
    start: o.start,
    end: o.end,
    seconds: Math.round((o.end.getTime() - o.start.getTime()) / 1000),
    startDate: DateTime.fromJSDate(o.start).setZone(zoneNamed(req.lab.timezone)).toISODate()!,
    hubId: req.lab.hub_id,
    labType: req.lab.type,
    status: 'confirmed' as const,
  }))

  if (occurrences.some((o) => ledger.covering(o).length > 0)) {
    const existing = await coveredBookingsOfTeams(trx, [req.teamId], req.excludeBookingIds ?? [])
    for (const b of existing) ledger.consume(b)
  }

  return occurrences.map((o): Conflict[] => {
    const covering = ledger.covering(o)
    if (covering.length === 0) {
      if (!req.lab.requires_grant) return []
      return [
        {
          start: o.start,
          end: o.end,
          reason: 'no_grant',
          detail: m.noGrant(),
        },
      ]
    }
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
