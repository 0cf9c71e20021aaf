import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { inReportTransaction } from './report-session.ts'
import { BOOKED_STATUSES } from './utilisation.ts'

export interface ConcessionScope {
  /** 'all' for the Comune; an operator sees the concessions of its own operator. */
  operatorId: string | 'all'
  hubId?: string
  areaId?: string
}

export interface ConcessionDbRow {
  concession_id: string
  hub_id: string
  hub_name: string
  operator_id: string
  operator_name: string
  status: string
  start_date: string
  end_date: string
  eval_from: string
  eval_to: string
  days: number
  min_open_hours_per_week: number
  min_social_share_percent: number
  open_secs: number
  booked_secs: number
  team_secs: number
  /**
   * Per Monday-started week of the evaluated period: [monday, days of the week inside it, open seconds, the
   * hub's scheduled opening seconds on those days, its scheduled seconds in a whole week].
   */
  weeks: Array<[string, number, number, number, number]>
}

const BOOKED_LIST = sql.join(BOOKED_STATUSES.map((s) => sql.lit(s)))

/**
 * Per concession in force in `[from, to)` (status active or expired — a draft never was, a terminated one
 * stepped aside), evaluated over the part of the period it covers: the hub's open time (opening hours on
 * each local date minus hub and global closures: lab closures do not close the hub), per week, and the
 * hours booked in the hub's labs, in total and by teams.
 */
export async function concessionRows(db: Kysely<Database>, from: string, to: string, scope: ConcessionScope): Promise<ConcessionDbRow[]> {
  const filters = [sql`c.status in ('active', 'expired')`, sql`c.start_date < ${to}::date`, sql`c.end_date >= ${from}::date`]
  if (scope.operatorId !== 'all') filters.push(sql`c.operator_id = ${scope.operatorId}::uuid`)
  if (scope.hubId) filters.push(sql`c.hub_id = ${scope.hubId}::uuid`)
  if (scope.areaId) filters.push(sql`h.area_id = ${scope.areaId}::uuid`)

  const query = sql<ConcessionDbRow>`
    with
    cs as (
      select c.id, c.hub_id, h.name as hub_name, c.operator_id, o.name as operator_name, c.status,
             c.start_date, c.end_date, c.min_open_hours_per_week, c.min_social_share_percent, h.timezone as tz,
             greatest(c.start_date, ${from}::date) as eval_from, least(c.end_date + 1, ${to}::date) as eval_to
      from concessions c join hubs h on h.id = c.hub_id join operators o on o.id = c.operator_id
      where ${sql.join(filters, sql` and `)}
    ),
    days as (
      select cs.id as cid, cs.hub_id, cs.tz, g::date as day
      from cs cross join lateral generate_series(cs.eval_from, cs.eval_to - 1, interval '1 day') g
    ),
    opening as (
      select d.cid, d.hub_id, d.day,
             range_agg(tstzrange((d.day + oh.opens) at time zone d.tz, (d.day + oh.closes) at time zone d.tz)) as open_mr
      from days d join opening_hours oh on oh.hub_id = d.hub_id and oh.weekday = extract(isodow from d.day)
      group by d.cid, d.hub_id, d.day
    ),
    closed as (
      select o.cid, o.day, range_agg(cl.during) as closed_mr
      from opening o
      join closures cl on cl.lab_id is null and (cl.hub_id is null or cl.hub_id = o.hub_id) and cl.during && o.open_mr
      group by o.cid, o.day
    ),
    day_secs as (
      select o.cid, o.day,
             (select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0)
                from unnest(o.open_mr - coalesce(c.closed_mr, '{}'::tstzmultirange)) r) as secs
      from opening o left join closed c on c.cid = o.cid and c.day = o.day
    ),
    weekday_sched as (
      select oh.hub_id, oh.weekday, sum(extract(epoch from oh.closes - oh.opens))::float8 as secs
      from opening_hours oh where oh.hub_id in (select hub_id from cs)
      group by oh.hub_id, oh.weekday
    ),
    weeks as (
      select d.cid, date_trunc('week', d.day)::date as monday, count(*)::int as days, coalesce(sum(ds.secs), 0)::float8 as secs,
             coalesce(sum(ws.secs), 0)::float8 as sched_secs,
             coalesce((select sum(w7.secs) from weekday_sched w7 where w7.hub_id = d.hub_id), 0)::float8 as week_sched_secs
      from days d
      left join day_secs ds on ds.cid = d.cid and ds.day = d.day
      left join weekday_sched ws on ws.hub_id = d.hub_id and ws.weekday = extract(isodow from d.day)
      group by d.cid, d.hub_id, date_trunc('week', d.day)::date
    ),
    booked as (
      select cs.id as cid,
             coalesce(sum(extract(epoch from upper(x) - lower(x))), 0)::float8 as booked_secs,
             coalesce(sum(extract(epoch from upper(x) - lower(x))) filter (where b.team_id is not null), 0)::float8 as team_secs
      from cs
      join labs l on l.hub_id = cs.hub_id
      join bookings b on b.lab_id = l.id and b.status in (${BOOKED_LIST})
        and b.during && tstzrange(cs.eval_from::timestamp at time zone cs.tz, cs.eval_to::timestamp at time zone cs.tz)
      cross join lateral (select b.during * tstzrange(cs.eval_from::timestamp at time zone cs.tz, cs.eval_to::timestamp at time zone cs.tz) as x) clip
      group by cs.id
    )
    select cs.id as concession_id, cs.hub_id, cs.hub_name, cs.operator_id, cs.operator_name, cs.status,
           cs.start_date, cs.end_date, cs.eval_from::text as eval_from, cs.eval_to::text as eval_to,
           (cs.eval_to - cs.eval_from)::int as days,
           cs.min_open_hours_per_week, cs.min_social_share_percent,
           coalesce((select sum(w.secs) from weeks w where w.cid = cs.id), 0)::float8 as open_secs,
           coalesce(b.booked_secs, 0)::float8 as booked_secs, coalesce(b.team_secs, 0)::float8 as team_secs,
           coalesce((select jsonb_agg(jsonb_build_array(w.monday::text, w.days, w.secs, w.sched_secs, w.week_sched_secs) order by w.monday) from weeks w where w.cid = cs.id),
                    '[]'::jsonb) as weeks
    from cs left join booked b on b.cid = cs.id
    order by cs.hub_name, cs.start_date
  `
  return inReportTransaction(db, async (trx) => (await query.execute(trx)).rows)
}
