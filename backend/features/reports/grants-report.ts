import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { grantUsage } from '../grants/usage.ts'
import { hoursFromSeconds } from './utilisation.ts'

export type GrantGrouping = 'grant' | 'team' | 'reference'

export interface GrantScope {
  /** 'all' for the Comune; an operator sees the grants scoped to the hubs it manages. */
  hubIds: 'all' | string[]
  hubId?: string
  type?: string
  areaId?: string
  teamId?: string
  reference?: string
}

interface Hours {
  grantedHours: number
  bookedHours: number
  usedHours: number
  remainingHours: number
}

export interface GrantReportRow extends Hours {
  key: string
  label: string
  /** Per grant: the grant as GET /teams/:id/grants shows it. */
  grantId?: string
  teamId?: string
  teamName?: string
  reference?: string
  from?: string
  to?: string
  hubId?: string | null
  labType?: string | null
  hours?: number
  hoursBooked?: number
  hoursUsed?: number
  hoursRemaining?: number
  /** Per team or reference: how many grants (and, per reference, teams) the row sums. */
  grants?: number
  teams?: number
}

interface Seconds {
  granted: number
  booked: number
  used: number
  remaining: number
}

const hours = (s: Seconds): Hours => ({
  grantedHours: hoursFromSeconds(s.granted),
  bookedHours: hoursFromSeconds(s.booked),
  usedHours: hoursFromSeconds(s.used),
  remainingHours: hoursFromSeconds(s.remaining),
})

const collator = new Intl.Collator('it')

/**
 * Granted, booked, used and remaining hours per grant, team or call reference. The accounting (which grant a
 * booking draws on) is the grants feature's own `grantUsage`, so this report and GET /teams/:id/grants agree.
 */
export async function grantsReport(db: Kysely<Database>, groupBy: GrantGrouping, scope: GrantScope): Promise<GrantReportRow[]> {
  if (scope.hubIds !== 'all' && scope.hubIds.length === 0) return []
  let q = db
    .selectFrom('grants as g')
    .innerJoin('teams as t', 't.id', 'g.team_id')
    .leftJoin('hubs as h', 'h.id', 'g.hub_id')
    .select(['g.id', 'g.team_id', 't.name as team_name', 'g.reference', 'g.from_date', 'g.to_date', 'g.hub_id', 'g.lab_type', 'g.hours'])
    // nearly in the answer's order already: sorting it with the Italian collator below then takes a pass, not n log n comparisons
    .orderBy('t.name')
    .orderBy('g.reference')
    .orderBy('g.from_date')
  if (scope.hubIds !== 'all') q = q.where('g.hub_id', 'in', scope.hubIds)
  if (scope.hubId) q = q.where('g.hub_id', '=', scope.hubId)
  if (scope.type) q = q.where(sql<string>`g.lab_type`, '=', scope.type)
  if (scope.areaId) q = q.where('h.area_id', '=', scope.areaId)
  if (scope.teamId) q = q.where('g.team_id', '=', scope.teamId)
  if (scope.reference) q = q.where('g.reference', '=', scope.reference)
  const grants = await q.execute()
  if (grants.length === 0) return []

  // Every grant (the Comune's unfiltered report): no list of ids to send and look up.
  const every = scope.hubIds === 'all' && !scope.hubId && !scope.type && !scope.areaId && !scope.teamId && !scope.reference
  const usage = new Map((await grantUsage(db, every ? {} : { grantIds: grants.map((g) => g.id) })).map((u) => [u.grantId, u]))
  const perGrant = grants.map((g) => {
    const u = usage.get(g.id)!
    const s: Seconds = {
      granted: u.seconds.grantedSeconds,
      booked: u.seconds.bookedSeconds,
      used: u.seconds.usedSeconds,
      remaining: u.seconds.remainingSeconds,
    }
    return { g, u, s }
  })

  if (groupBy === 'grant') {
    return perGrant
      .map(({ g, u, s }) => ({
        key: g.id,
        label: `${g.team_name} — ${g.reference}`,
        grantId: g.id,
        teamId: g.team_id,
        teamName: g.team_name,
        reference: g.reference,
        from: g.from_date,
        to: g.to_date,
        hubId: g.hub_id,
        labType: g.lab_type,
        hours: u.hours,
        hoursBooked: u.hoursBooked,
        hoursUsed: u.hoursUsed,
        hoursRemaining: u.hoursRemaining,
        ...hours(s),
      }))
      .sort((a, b) => collator.compare(a.label, b.label) || a.from.localeCompare(b.from))
  }

  const groups = new Map<string, { label: string; s: Seconds; grants: number; teams: Set<string> }>()
  for (const { g, s } of perGrant) {
    const key = groupBy === 'team' ? g.team_id : g.reference
    const entry = groups.get(key) ?? {
      label: groupBy === 'team' ? g.team_name : g.reference,
      s: { granted: 0, booked: 0, used: 0, remaining: 0 },
      grants: 0,
      teams: new Set<string>(),
    }
    entry.s.granted += s.granted
    entry.s.booked += s.booked
    entry.s.used += s.used
    entry.s.remaining += s.remaining
    entry.grants += 1
    entry.teams.add(g.team_id)
    groups.set(key, entry)
  }
  return [...groups]
    .map(([key, e]) => ({
      key,
      label: e.label,
      grants: e.grants,
      ...(groupBy === 'reference' ? { teams: e.teams.size } : {}),
      ...hours(e.s),
    }))
    .sort((a, b) => collator.compare(a.label, b.label))
}
