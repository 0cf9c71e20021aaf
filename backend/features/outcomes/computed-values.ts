import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/** What bookings and attendance say about a team in a period: the figures computed indicators count. */
export interface AttendanceFigures {
  /** Whole seconds of completed bookings. */
  usedSeconds: number
  /** Completed bookings (activities held). */
  events: number
  participants: number
  byCategory: Record<string, number>
}

export interface Period {
  /** Inclusive local date (YYYY-MM-DD), or null for no lower bound. */
  from: string | null
  /** Exclusive local date, or null for no upper bound. */
  to: string | null
}

export const emptyFigures = (): AttendanceFigures => ({ usedSeconds: 0, events: 0, participants: 0, byCategory: {} })

/**
 * Per team, its completed bookings whose local start date (the hub's zone) falls in the period: the same
 * attribution as the utilisation report's counts (a booking belongs to the day it starts).
 */
export async function attendanceFigures(db: Kysely<Database>, teamIds: string[], period: Period): Promise<Map<string, AttendanceFigures>> {
  const result = new Map<string, AttendanceFigures>()
  if (teamIds.length === 0) return result
  const rows = await sql<{
    team_id: string
    used_secs: number
    events: number
    participants: number
    categories: Record<string, number> | null
  }>`
    with done as (
      select b.team_id, b.during, b.participants, b.participant_categories
      from bookings b
      join labs l on l.id = b.lab_id
      join hubs h on h.id = l.hub_id
      where b.status = 'completed' and b.team_id = any(${teamIds}::uuid[])
        and (${period.from}::date is null or (lower(b.during) at time zone h.timezone)::date >= ${period.from}::date)
        and (${period.to}::date is null or (lower(b.during) at time zone h.timezone)::date < ${period.to}::date)
    ),
    per_team as (
      select team_id, sum(extract(epoch from upper(during) - lower(during)))::bigint as used_secs,
             count(*)::int as events, coalesce(sum(participants), 0)::bigint as participants
      from done group by team_id
    ),
    per_category as (
      select d.team_id, jsonb_object_agg(c.category, c.n) as categories
      from (
        select d.team_id, e.key as category, sum((e.value)::numeric) as n
        from done d cross join lateral jsonb_each(d.participant_categories) e
        where jsonb_typeof(d.participant_categories) = 'object' and jsonb_typeof(e.value) = 'number'
        group by d.team_id, e.key
      ) c join (select distinct team_id from done) d on d.team_id = c.team_id
      group by d.team_id
    )
    select p.team_id, p.used_secs, p.events, p.participants, c.categories
    from per_team p left join per_category c on c.team_id = p.team_id
  `.execute(db)
  for (const r of rows.rows) {
    result.set(r.team_id, {
      usedSeconds: Number(r.used_secs),
      events: Number(r.events),
      participants: Number(r.participants),
      byCategory: Object.fromEntries(Object.entries(r.categories ?? {}).map(([k, v]) => [k, Number(v)])),
    })
  }
  return result
}
