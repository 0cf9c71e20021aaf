import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { Period } from './computed-values.ts'

/**
 * The raw figures of the programme's dashboard, read in a few set-based queries; programme-dashboard.ts
 * aggregates them per call, area, project and month.
 */

/** Completed activity of the projects, per team, area of the hub where it happened, and month (local dates). */
export interface ActivityFact {
  teamId: string
  areaId: string
  month: string
  usedSeconds: number
  events: number
  participants: number
  byCategory: Record<string, number>
}

export async function activityFacts(db: Kysely<Database>, teamIds: string[], period: Period): Promise<ActivityFact[]> {
  if (teamIds.length === 0) return []
  const rows = await sql<{
    team_id: string
    area_id: string
    month: string
    used_secs: number
    events: number
    participants: number
    categories: Record<string, number> | null
  }>`
    with done as (
      select b.id, b.team_id, h.area_id, to_char((lower(b.during) at time zone h.timezone)::date, 'YYYY-MM') as month,
             extract(epoch from upper(b.during) - lower(b.during))::bigint as secs, coalesce(b.participants, 0) as participants,
             b.participant_categories
      from bookings b join labs l on l.id = b.lab_id join hubs h on h.id = l.hub_id
      where b.status = 'completed' and b.team_id = any(${teamIds}::uuid[])
        and (${period.from}::date is null or (lower(b.during) at time zone h.timezone)::date >= ${period.from}::date)
        and (${period.to}::date is null or (lower(b.during) at time zone h.timezone)::date < ${period.to}::date)
    ),
    cats as (
      select team_id, area_id, month, jsonb_object_agg(category, n) as categories
      from (
        select d.team_id, d.area_id, d.month, e.key as category, sum((e.value)::numeric) as n
        from done d cross join lateral jsonb_each(d.participant_categories) e
        where jsonb_typeof(d.participant_categories) = 'object' and jsonb_typeof(e.value) = 'number'
        group by d.team_id, d.area_id, d.month, e.key
      ) x group by team_id, area_id, month
    )
    select d.team_id, d.area_id, d.month, sum(d.secs)::bigint as used_secs, count(*)::int as events,
           sum(d.participants)::bigint as participants, c.categories
    from done d left join cats c on c.team_id = d.team_id and c.area_id = d.area_id and c.month = d.month
    group by d.team_id, d.area_id, d.month, c.categories
    order by d.month
  `.execute(db)
  return rows.rows.map((r) => ({
    teamId: r.team_id,
    areaId: r.area_id,
    month: r.month,
    usedSeconds: Number(r.used_secs),
    events: Number(r.events),
    participants: Number(r.participants),
    byCategory: Object.fromEntries(Object.entries(r.categories ?? {}).map(([k, v]) => [k, Number(v)])),
  }))
}

/** An award with what was paid on it (tranches paid in the period, or ever), and where the project works. */
export interface AwardFact {
  awardId: string
  callId: string
  teamId: string
  fundingCents: number
  paidCents: number
  status: string
  awardedOn: string
  /** The area the money is attributed to: the award's hub's, else the application's first (by NIL). */
  areaId: string | null
}

export async function awardFacts(db: Kysely<Database>, callIds: string[]): Promise<AwardFact[]> {
  if (callIds.length === 0) return []
  const rows = await sql<{
    id: string
    call_id: string
    team_id: string
    funding_cents: number
    paid_cents: number
    status: string
    awarded_on: string
    area_id: string | null
  }>`
    select a.id, a.call_id, a.team_id, a.funding_cents, a.status,
           to_char((a.created_at at time zone 'Europe/Rome')::date, 'YYYY-MM-DD') as awarded_on,
           coalesce((select sum(t.amount_cents) from award_tranches t where t.award_id = a.id and t.status = 'paid'), 0)::bigint as paid_cents,
           coalesce(
             (select h.area_id from hubs h where h.id = a.hub_id),
             (select aa.area_id from application_areas aa join areas ar on ar.id = aa.area_id
              where aa.application_id = a.application_id order by ar.nil_id nulls last, ar.name limit 1)
           ) as area_id
    from awards a
    where a.call_id = any(${callIds}::uuid[]) and a.status <> 'revoked'
  `.execute(db)
  return rows.rows.map((r) => ({
    awardId: r.id,
    callId: r.call_id,
    teamId: r.team_id,
    fundingCents: Number(r.funding_cents),
    paidCents: Number(r.paid_cents),
    status: r.status,
    awardedOn: r.awarded_on,
    areaId: r.area_id,
  }))
}

/** Committed (awards) and paid (tranches) money per calendar year, from the calls. */
export async function moneyByYear(db: Kysely<Database>): Promise<Map<number, { committedCents: number; paidCents: number }>> {
  const rows = await sql<{ year: number; committed: number; paid: number }>`
    select year, sum(committed)::bigint as committed, sum(paid)::bigint as paid from (
      select extract(year from a.created_at at time zone 'Europe/Rome')::int as year, a.funding_cents as committed, 0 as paid
      from awards a where a.status <> 'revoked'
      union all
      select extract(year from t.paid_on)::int, 0, t.amount_cents from award_tranches t where t.status = 'paid'
    ) m group by year order by year
  `.execute(db)
  return new Map(rows.rows.map((r) => [Number(r.year), { committedCents: Number(r.committed), paidCents: Number(r.paid) }]))
}
