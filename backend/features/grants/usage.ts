import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database, GrantsTable } from '../../../db/schema.ts'
import {
  attributeBookings,
  CONSUMING_STATUSES,
  type ConsumingBooking,
  type GrantTerms,
  type GrantUsage,
  hoursToSeconds,
  secondsToHours,
} from './accounting.ts'

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
    .where('b.status', 'in', [...CONSUMING_STATUSES])
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
 * Granted, booked, used and remaining hours per grant (see accounting.ts for the rules).
 * With no filter, every grant. Set-based: one query for the grants, one for the bookings they cover.
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
  let grantsQuery = db.selectFrom('grants').selectAll()
  if (teams !== 'all') grantsQuery = grantsQuery.where('team_id', 'in', teams)
  const grants = await grantsQuery.orderBy('team_id').orderBy('created_at').execute()
  const bookings = await coveredBookingsOfTeams(db, teams)

  const byTeam = new Map<string, { grants: GrantRow[]; bookings: ConsumingBooking[] }>()
  for (const g of grants) {
    const entry = byTeam.get(g.team_id) ?? { grants: [], bookings: [] }
    entry.grants.push(g)
    byTeam.set(g.team_id, entry)
  }
  for (const b of bookings) byTeam.get(b.teamId)?.bookings.push(b)

  const wanted = filter.grantIds ? new Set(filter.grantIds) : null
  const result: GrantUsageRow[] = []
  for (const [teamId, entry] of byTeam) {
    const { usage } = attributeBookings(entry.grants.map(toGrantTerms), entry.bookings)
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

/**
 * The same figures as grantUsage for many grants at once (the grants report), summed in SQL: a grant whose
 * bookings all fit in it, and that shares none of them with another grant of its team, has booked = what it
 * covers, used = its completed part, whatever their order. The rest — teams whose grants overlap (a booking
 * might draw on either), grants their bookings exceed (first booked, first served decides what is used) —
 * goes through the accounting of grantUsage, for those teams only.
 */
export async function grantUsageOfMany(db: Kysely<Database>, grantIds: string[]): Promise<GrantUsageRow[]> {
  if (grantIds.length === 0) return []
  const statuses = [...CONSUMING_STATUSES]
  const { rows } = await sql<{
    id: string
    team_id: string
    hours: number
    granted: string
    covered: string
    completed: string
    ambiguous: boolean
  }>`
    with g as (
      select id, team_id, from_date, to_date, hub_id, lab_type, hours, round((hours * 3600)::numeric)::bigint as granted
      from grants where team_id in (select team_id from grants where id = any(${grantIds}::uuid[]))
    ),
    ambiguous as (
      select distinct a.team_id from g a join g b on b.team_id = a.team_id and a.id < b.id
      where a.from_date <= b.to_date and b.from_date <= a.to_date
        and (a.hub_id is null or b.hub_id is null or a.hub_id = b.hub_id)
        and (a.lab_type is null or b.lab_type is null or a.lab_type = b.lab_type)
    ),
    covered as (
      select g.id, sum(extract(epoch from upper(b.during) - lower(b.during))::bigint) as covered,
             coalesce(sum(extract(epoch from upper(b.during) - lower(b.during))::bigint) filter (where b.status = 'completed'), 0) as completed
      from g
      join bookings b on b.team_id = g.team_id
      join labs l on l.id = b.lab_id
      join hubs h on h.id = l.hub_id
      where b.status = any(${statuses}::text[])
        and g.team_id not in (select team_id from ambiguous)
        and (lower(b.during) at time zone h.timezone)::date between g.from_date and g.to_date
        and (g.hub_id is null or g.hub_id = l.hub_id)
        and (g.lab_type is null or g.lab_type = l.type)
      group by g.id
    )
    select g.id, g.team_id, g.hours, g.granted::text, coalesce(c.covered, 0)::text as covered, coalesce(c.completed, 0)::text as completed,
           g.team_id in (select team_id from ambiguous) as ambiguous
    from g left join covered c on c.id = g.id
    where g.id = any(${grantIds}::uuid[])
  `.execute(db)
  const byLedger = new Set<string>()
  const result: GrantUsageRow[] = []
  for (const r of rows) {
    const granted = Number(r.granted)
    const covered = Number(r.covered)
    if (r.ambiguous || covered > granted) {
      byLedger.add(r.team_id)
      continue
    }
    const usage: GrantUsage = {
      grantId: r.id,
      grantedSeconds: granted,
      bookedSeconds: covered,
      usedSeconds: Number(r.completed),
      remainingSeconds: granted - covered,
    }
    result.push({
      grantId: r.id,
      teamId: r.team_id,
      hours: Number(r.hours),
      hoursBooked: secondsToHours(usage.bookedSeconds),
      hoursUsed: secondsToHours(usage.usedSeconds),
      hoursRemaining: secondsToHours(usage.remainingSeconds),
      seconds: usage,
    })
  }
  if (byLedger.size > 0) {
    const wanted = new Set(grantIds)
    for (const u of await grantUsage(db, { teamIds: [...byLedger] })) if (wanted.has(u.grantId)) result.push(u)
  }
  return result
}
