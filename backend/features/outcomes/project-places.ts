import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { groupBy } from '../../grouping.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'

/**
 * Where a project works: the hubs its grants name and those of the labs it booked, and their areas (NIL).
 * A territorial figure of a project is attributed to these areas.
 */
export async function hubsOfTeams(db: Kysely<Database>, teamIds: string[]): Promise<Map<string, string[]>> {
  if (teamIds.length === 0) return new Map()
  const rows = await sql<{ team_id: string; hub_id: string }>`
    select team_id, hub_id from grants where team_id = any(${teamIds}::uuid[]) and hub_id is not null
    union
    select b.team_id, l.hub_id from bookings b join labs l on l.id = b.lab_id
    where b.team_id = any(${teamIds}::uuid[]) and b.status = any(${HOLDING_STATUSES}::text[])
  `.execute(db)
  return groupBy(
    rows.rows,
    (r) => r.team_id,
    (r) => r.hub_id,
  )
}

export async function areasOfTeams(db: Kysely<Database>, teamIds: string[]): Promise<Map<string, string[]>> {
  const hubs = await hubsOfTeams(db, teamIds)
  const allHubs = [...new Set([...hubs.values()].flat())]
  const areaOfHub = new Map(
    allHubs.length
      ? (await db.selectFrom('hubs').select(['id', 'area_id']).where('id', 'in', allHubs).execute()).map((h) => [h.id, h.area_id])
      : [],
  )
  const out = new Map<string, string[]>()
  for (const [teamId, hubIds] of hubs) out.set(teamId, [...new Set(hubIds.map((h) => areaOfHub.get(h)!).filter(Boolean))])
  return out
}
