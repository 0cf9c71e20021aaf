import { type Kysely, sql } from 'kysely'
import { applyFunction } from './0588_usage_rollup_week_hours.ts'

// Frozen in time: migrations take Kysely<any> and never import application code (another frozen migration is
// not application code: `down` restores 0588's function from 0588 itself).

/**
 * usage_rollup_apply (0588's, which the triggers on `bookings` and usage_rollup_rebuild call) as ONE statement
 * instead of four (issue 18; docs/benchmarks-history.md, "Session 10: what a booking's INSERT costs"). Each of 0588's four
 * upserts joined the changed bookings to their lab and hub again, and the roll-up and its totals each cut them
 * into local days again. Now the bookings with their hub's zone (`b`) and their day pieces (`p`) are computed once,
 * materialised, and the four upserts — usage_rollup, usage_rollup_totals, usage_rollup_categories,
 * usage_rollup_week_hours — read them through a data-modifying `WITH`; one statement to plan and start instead
 * of four. Same expressions, same groups, so the same rows and the same floats. The four tables are written by
 * one upsert each and none reads another, so sharing one snapshot changes nothing; the sets of teams (0561/0570)
 * are kept by the triggers on usage_rollup as before, which now fire at the end of this one statement.
 * No data changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(definition0591()).execute(db)
}

/** Back to 0588's four statements, as that migration wrote them. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(applyFunction('week')).execute(db)
}

function definition0591(): string {
  return `
    create or replace function usage_rollup_apply(changed bookings[], sign integer) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      with b as materialized (
        select b.lab_id, coalesce(b.team_id, '00000000-0000-0000-0000-000000000000'::uuid) as team_id, b.status, b.participants,
               b.checked_in_at is not null as checked_in, b.during, b.participant_categories, h.timezone,
               lower(b.during) at time zone h.timezone as ls, upper(b.during) at time zone h.timezone as le
        from unnest(changed) b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        where b.status in ('confirmed', 'completed', 'no_show')
      ),
      -- each booking cut at the local midnights of its hub
      p as materialized (
        select b.lab_id, b.team_id, b.status, b.participants, b.checked_in,
               d.day, d.day = b.ls::date as first,
               extract(epoch from upper(d.piece) - lower(d.piece))::double precision as secs
        from b
        cross join lateral (
          select s::date as day,
                 b.during * tstzrange(s::date::timestamp at time zone b.timezone, (s::date + 1)::timestamp at time zone b.timezone) as piece
          from generate_series(b.ls::date, (b.le - interval '1 microsecond')::date, interval '1 day') s
        ) d
      ),
      rollup as (${upsertMeasures('usage_rollup', 'u', ['team_id'])}),
      totals as (${upsertMeasures('usage_rollup_totals', 't', [])}),
      categories as (
        insert into usage_rollup_categories as c (grain, lab_id, start, category, participants)
        select g.grain, y.lab_id, case when g.grain = 'd' then y.day else date_trunc('month', y.day)::date end, y.category, sign * sum(y.n)
        from (
          select b.lab_id, b.ls::date as day, e.key as category, (e.value)::numeric as n
          from b
          cross join lateral jsonb_each(b.participant_categories) e
          where jsonb_typeof(b.participant_categories) = 'object' and jsonb_typeof(e.value) = 'number'
        ) y
        cross join (values ('d'), ('m')) g(grain)
        group by g.grain, y.lab_id, 3, y.category
        on conflict (grain, start, lab_id, category) do update set participants = c.participants + excluded.participants
      ),
      -- each booking cut at whole wall-clock hours of its hub, a piece going to the month and weekday of its own date
      cells as (
        select w.lab_id, date_trunc('month', w.h)::date as month,
               (extract(isodow from w.h)::int - 1) * 24 + extract(hour from w.h)::int as k,
               sign * sum(extract(epoch from least(w.le, w.h + interval '1 hour') - greatest(w.ls, w.h))) as secs
        from (
          select b.lab_id, b.ls, b.le, g.h
          from b
          cross join lateral generate_series(date_trunc('hour', b.ls), b.le - interval '1 microsecond', interval '1 hour') g(h)
          where b.le > b.ls
        ) w
        group by 1, 2, 3
      )
      insert into usage_rollup_week_hours as wh (lab_id, month, secs)
      select lm.lab_id, lm.month, array_agg(coalesce(c.secs, 0)::double precision order by g.k)
      from (select distinct lab_id, month from cells) lm
      cross join generate_series(0, 167) g(k)
      left join cells c on c.lab_id = lm.lab_id and c.month = lm.month and c.k = g.k
      group by lm.lab_id, lm.month
      on conflict (month, lab_id) do update set secs = usage_week_hours_add(wh.secs, excluded.secs);
    end $fn$;`
}

/**
 * The upsert of the roll-up's measures (usage_rollup, per team; usage_rollup_totals, all teams) from the day
 * pieces `p`, at both grains: the same sums as 0588's, one text for the two tables.
 */
function upsertMeasures(table: string, alias: string, keys: string[]): string {
  const key = ['grain', 'lab_id', 'start', ...keys]
  const measures = ['booked_secs', 'used_secs', 'bookings', 'no_shows', 'participants', 'check_ins']
  return `
        insert into ${table} as ${alias} (${[...key, ...measures].join(', ')})
        select ${key.map((k) => `x.${k}`).join(', ')},
               sign * sum(x.secs),
               sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
               sign * count(*) filter (where x.first),
               sign * count(*) filter (where x.first and x.status = 'no_show'),
               sign * coalesce(sum(x.participants) filter (where x.first), 0),
               sign * count(*) filter (where x.first and x.checked_in)
        from (
          select g.grain, p.lab_id, case when g.grain = 'd' then p.day else date_trunc('month', p.day)::date end as start,
                 ${keys.map((k) => `p.${k}, `).join('')}p.secs, p.status, p.first, p.participants, p.checked_in
          from p
          cross join (values ('d'), ('m')) g(grain)
        ) x
        group by ${key.map((k) => `x.${k}`).join(', ')}
        on conflict (grain, start, lab_id${keys.map((k) => `, ${k}`).join('')}) do update set
          ${measures.map((m) => `${m} = ${alias}.${m} + excluded.${m}`).join(',\n          ')}
      `
}
