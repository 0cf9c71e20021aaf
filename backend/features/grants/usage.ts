import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database, GrantsTable } from '../../../db/schema.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'
import { attributeBookings, type ConsumingBooking, type GrantTerms, type GrantUsage, hoursToSeconds, secondsToHours } from './accounting.ts'

export type GrantRow = Selectable<GrantsTable>

export function toGrantTerms(row: GrantRow): GrantTerms {
  return {
    id: row.id,
    grantedSeconds: hoursToSeconds(row.hours),
    from: row.from_date,
    to: row.to_date,
    hubId: row.hub_id,
    labType: row.lab_type,
    createdAt: row.created_at,
  }
}

/**
 * The consuming bookings of the teams that some grant of theirs covers, in the order they were made
 * (the accounting's "first booked, first served"). One query for any number of teams.
 */
export async function coveredBookingsOfTeams(
  db: Kysely<Database>,
  teamIds: string[] | 'all',
  excludeBookingIds: string[] = [],
): Promise<Array<ConsumingBooking & { teamId: string }>> {
  if (teamIds !== 'all' && teamIds.length === 0) return []
  let query = db
    .selectFrom('bookings as b')
    .innerJoin('labs as l', 'l.id', 'b.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .select([
      'b.id',
      'b.team_id',
      'b.status',
      'l.hub_id',
      'l.type',
      sql<number>`extract(epoch from upper(b.during) - lower(b.during))::bigint`.as('seconds'),
      sql<string>`(lower(b.during) at time zone h.timezone)::date`.as('start_date'),
    ])
    .where('b.status', 'in', HOLDING_STATUSES)
    .where('b.team_id', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('grants as g')
          .select(sql`1`.as('one'))
          .whereRef('g.team_id', '=', 'b.team_id')
          .where(sql<boolean>`(lower(b.during) at time zone h.timezone)::date between g.from_date and g.to_date`)
          .where((eb) => eb.or([eb('g.hub_id', 'is', null), eb('g.hub_id', '=', eb.ref('l.hub_id'))]))
          .where((eb) => eb.or([eb('g.lab_type', 'is', null), eb('g.lab_type', '=', eb.ref('l.type'))])),
      ),
    )
  if (teamIds !== 'all') query = query.where('b.team_id', 'in', teamIds)
  if (excludeBookingIds.length) query = query.where('b.id', 'not in', excludeBookingIds)
  const rows = await query.orderBy('b.created_at').orderBy('b.id').execute()
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id!,
    status: r.status,
    hubId: r.hub_id,
    labType: r.type,
    seconds: Number(r.seconds),
    startDate: r.start_date,
  }))
}

export interface GrantUsageRow {
  grantId: string
  teamId: string
  hours: number
  hoursBooked: number
  hoursUsed: number
  hoursRemaining: number
  /** The same in whole seconds, for sums without rounding. */
  seconds: GrantUsage
}

/**
 * Whether the roll-up's coverage of a team's grants is their usage: no booking can be covered by two of them
 * (two grants overlapping in dates whose hub and lab type could both match one lab) and none is overdrawn
 * (the covered seconds fit in the grant). Then first booked, first served gives each booking whole to its one
 * grant, and booked = covered, used = covered completed. Otherwise the order the bookings were made in matters.
 */
function coverageIsUsage(grants: Array<GrantRow & { holding_secs: number | null }>): boolean {
  for (const [i, a] of grants.entries()) {
    if (a.holding_secs === null || Number(a.holding_secs) > hoursToSeconds(a.hours)) return false
    for (const b of grants.slice(i + 1)) {
      const dates = a.from_date <= b.to_date && b.from_date <= a.to_date
      const hub = a.hub_id === null || b.hub_id === null || a.hub_id === b.hub_id
      const type = a.lab_type === null || b.lab_type === null || a.lab_type === b.lab_type
      if (dates && hub && type) return false
    }
  }
  return true
}

/**
 * Granted, booked, used and remaining hours per grant (see accounting.ts for the rules).
 * With no filter, every grant. Set-based: one query for the grants with their coverage (grant_coverage,
 * migration 0550, kept by the booking triggers); for the teams where coverage is not usage (overlapping or
 * overdrawn grants, see coverageIsUsage) one more for the bookings they cover, run through the ledger.
 */
export async function grantUsage(
  db: Kysely<Database>,
  filter: { grantIds?: string[]; teamId?: string; teamIds?: string[] } = {},
): Promise<GrantUsageRow[]> {
  let teams: string[] | 'all' = 'all'
  if (filter.teamId) teams = [filter.teamId]
  if (filter.teamIds) teams = filter.teamIds
  if (filter.grantIds) {
    if (filter.grantIds.length === 0) return []
    const owners = await db.selectFrom('grants').select('team_id').distinct().where('id', 'in', filter.grantIds).execute()
    const ownerIds = owners.map((o) => o.team_id)
    teams = teams === 'all' ? ownerIds : teams.filter((t) => ownerIds.includes(t))
  }
  if (teams !== 'all' && teams.length === 0) return []

  // A team's grants are accounted together: a booking draws on whichever of them covers it.
  let grantsQuery = db
    .selectFrom('grants as g')
    .leftJoin('grant_coverage as c', 'c.grant_id', 'g.id')
    .selectAll('g')
    .select(['c.holding_secs', 'c.completed_secs'])
  if (teams !== 'all') grantsQuery = grantsQuery.where('g.team_id', 'in', teams)
  const grants = await grantsQuery.orderBy('g.team_id').orderBy('g.created_at').execute()

  const byTeam = new Map<string, { grants: typeof grants; bookings: ConsumingBooking[] }>()
  for (const g of grants) {
    const entry = byTeam.get(g.team_id) ?? { grants: [], bookings: [] }
    entry.grants.push(g)
    byTeam.set(g.team_id, entry)
  }
  const ledgerTeams = [...byTeam].filter(([, e]) => !coverageIsUsage(e.grants)).map(([teamId]) => teamId)
  const bookings = ledgerTeams.length ? await coveredBookingsOfTeams(db, ledgerTeams) : []
  for (const b of bookings) byTeam.get(b.teamId)?.bookings.push(b)
  const ledger = new Set(ledgerTeams)

  const wanted = filter.grantIds ? new Set(filter.grantIds) : null
  const result: GrantUsageRow[] = []
  for (const [teamId, entry] of byTeam) {
    const usage = ledger.has(teamId)
      ? attributeBookings(entry.grants.map(toGrantTerms), entry.bookings).usage
      : entry.grants.map((g): GrantUsage => {
          const grantedSeconds = hoursToSeconds(g.hours)
          const bookedSeconds = Number(g.holding_secs)
          return {
            grantId: g.id,
            grantedSeconds,
            bookedSeconds,
            usedSeconds: Number(g.completed_secs),
            remainingSeconds: grantedSeconds - bookedSeconds,
          }
        })
    for (const g of entry.grants) {
      if (wanted && !wanted.has(g.id)) continue
      const u = usage.find((x) => x.grantId === g.id)!
      result.push({
        grantId: g.id,
        teamId,
        hours: g.hours,
        hoursBooked: secondsToHours(u.bookedSeconds),
        hoursUsed: secondsToHours(u.usedSeconds),
        hoursRemaining: secondsToHours(u.remainingSeconds),
        seconds: u,
      })
    }
  }
  return result
}
