import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code (0591 and 0621 import definitions
// from here to restore them in their `down`).

/**
 * The heatmap's roll-up (usage_rollup_hours of 0540: one row per lab, month, ISO weekday and wall-clock hour) becomes
 * usage_rollup_week_hours: one row per lab and local month holding the week's 168 hours as one array, element
 * `(isodow - 1) * 24 + hour + 1` (issue 18: a year of Milan was ≈ 124,000 rows to read, join and group on every
 * request; it is now ≈ 2,200 rows and one sum per hour of the week). Same figures: each cell receives the same
 * increments as its row did (an upsert adds the arrays element by element), so its value is the same float.
 * Kept by usage_rollup_apply, rewritten whole as 0540 left it but for that last statement; usage_rollup_rebuild
 * as 0550 left it but for the table it empties. The rows of 0540 are copied over, then their table dropped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table usage_rollup_week_hours (
      lab_id uuid not null references labs(id) on delete cascade,
      month date not null,
      secs double precision[] not null check (array_length(secs, 1) = 168 and array_lower(secs, 1) = 1),
      primary key (month, lab_id)
    );

  `.execute(db)
  await sql.raw(weekHoursAdd0588()).execute(db)
  await sql`
    insert into usage_rollup_week_hours (lab_id, month, secs)
    select lm.lab_id, lm.month, array_agg(coalesce(h.booked_secs, 0) order by g.k)
    from (select distinct lab_id, month from usage_rollup_hours) lm
    cross join generate_series(0, 167) g(k)
    left join usage_rollup_hours h on h.lab_id = lm.lab_id and h.month = lm.month and (h.isodow - 1) * 24 + h.hour = g.k
    group by lm.lab_id, lm.month;
  `.execute(db)
  await sql.raw(applyFunction('week')).execute(db)
  await sql.raw(rebuildFunction('usage_rollup_week_hours')).execute(db)
  await sql`drop table usage_rollup_hours`.execute(db)
}

/** The element-by-element sum of two weeks of hours, as 0588 wrote it (0621's `down` restores it). */
export function weekHoursAdd0588(): string {
  return `
    create or replace function usage_week_hours_add(a double precision[], b double precision[]) returns double precision[]
    language sql immutable parallel safe as $fn$
      select array_agg(x + y order by i) from unnest(a, b) with ordinality t(x, y, i)
    $fn$;
  `
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create table usage_rollup_hours (
      lab_id uuid not null references labs(id) on delete cascade,
      month date not null,
      isodow smallint not null check (isodow between 1 and 7),
      hour smallint not null check (hour between 0 and 23),
      booked_secs double precision not null default 0,
      primary key (month, lab_id, isodow, hour)
    );

    insert into usage_rollup_hours (lab_id, month, isodow, hour, booked_secs)
    select w.lab_id, w.month, ((c.i - 1) / 24 + 1)::smallint, ((c.i - 1) % 24)::smallint, c.s
    from usage_rollup_week_hours w cross join lateral unnest(w.secs) with ordinality c(s, i)
    where c.s <> 0;
  `.execute(db)
  await sql.raw(applyFunction('rows')).execute(db)
  await sql.raw(rebuildFunction('usage_rollup_hours')).execute(db)
  await sql`
    drop table usage_rollup_week_hours;
    drop function usage_week_hours_add(double precision[], double precision[]);
  `.execute(db)
}

/** usage_rollup_rebuild, emptying the heatmap's hours from `hoursTable` (this migration's arrays or 0540's rows). */
function rebuildFunction(hoursTable: 'usage_rollup_week_hours' | 'usage_rollup_hours'): string {
  return `
    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      delete from ${hoursTable};
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
      perform grant_coverage_rebuild();
    end $fn$;`
}

/** usage_rollup_apply with the heatmap's hours in the arrays of this migration (`week`) or in 0540's rows (0591's `down` restores it too). */
export function applyFunction(hours: 'week' | 'rows'): string {
  const pieces = `
          select b.lab_id, coalesce(b.team_id, '00000000-0000-0000-0000-000000000000'::uuid) as team_id, b.status, b.participants,
                 b.checked_in_at is not null as checked_in,
                 d.day, d.day = (lower(b.during) at time zone h.timezone)::date as first,
                 extract(epoch from upper(d.piece) - lower(d.piece))::double precision as secs
          from unnest(changed) b
          join labs l on l.id = b.lab_id
          join hubs h on h.id = l.hub_id
          cross join lateral (
            select s::date as day,
                   b.during * tstzrange(s::date::timestamp at time zone h.timezone, (s::date + 1)::timestamp at time zone h.timezone) as piece
            from generate_series((lower(b.during) at time zone h.timezone)::date,
                                 ((upper(b.during) at time zone h.timezone) - interval '1 microsecond')::date, interval '1 day') s
          ) d
          where b.status in ('confirmed', 'completed', 'no_show')`
  // each booking cut at whole wall-clock hours of its hub, a piece going to the month and weekday of its own date
  const hourPieces = `
        select b.lab_id, t.ls, t.le, g.h
        from unnest(changed) b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        cross join lateral (select lower(b.during) at time zone h.timezone as ls, upper(b.during) at time zone h.timezone as le) t
        cross join lateral generate_series(date_trunc('hour', t.ls), t.le - interval '1 microsecond', interval '1 hour') g(h)
        where b.status in ('confirmed', 'completed', 'no_show') and t.le > t.ls`
  const hoursStatement =
    hours === 'week'
      ? `
      with cells as (
        select w.lab_id, date_trunc('month', w.h)::date as month,
               (extract(isodow from w.h)::int - 1) * 24 + extract(hour from w.h)::int as k,
               sign * sum(extract(epoch from least(w.le, w.h + interval '1 hour') - greatest(w.ls, w.h))) as secs
        from (${hourPieces}
        ) w
        group by 1, 2, 3
      )
      insert into usage_rollup_week_hours as wh (lab_id, month, secs)
      select lm.lab_id, lm.month, array_agg(coalesce(c.secs, 0)::double precision order by g.k)
      from (select distinct lab_id, month from cells) lm
      cross join generate_series(0, 167) g(k)
      left join cells c on c.lab_id = lm.lab_id and c.month = lm.month and c.k = g.k
      group by lm.lab_id, lm.month
      on conflict (month, lab_id) do update set secs = usage_week_hours_add(wh.secs, excluded.secs);`
      : `
      insert into usage_rollup_hours as hr (lab_id, month, isodow, hour, booked_secs)
      select w.lab_id, date_trunc('month', w.h)::date, extract(isodow from w.h)::smallint, extract(hour from w.h)::smallint,
             sign * sum(extract(epoch from least(w.le, w.h + interval '1 hour') - greatest(w.ls, w.h)))
      from (${hourPieces}
      ) w
      group by 1, 2, 3, 4
      on conflict (month, lab_id, isodow, hour) do update set booked_secs = hr.booked_secs + excluded.booked_secs;`
  return `
    create or replace function usage_rollup_apply(changed bookings[], sign integer) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      insert into usage_rollup as u (grain, lab_id, start, team_id, booked_secs, used_secs, bookings, no_shows, participants, check_ins)
      select x.grain, x.lab_id, x.start, x.team_id,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0),
             sign * count(*) filter (where x.first and x.checked_in)
      from (
        select g.grain, p.lab_id, case when g.grain = 'd' then p.day else date_trunc('month', p.day)::date end as start,
               p.team_id, p.secs, p.status, p.first, p.participants, p.checked_in
        from (${pieces}
        ) p
        cross join (values ('d'), ('m')) g(grain)
      ) x
      group by x.grain, x.lab_id, x.start, x.team_id
      on conflict (grain, start, lab_id, team_id) do update set
        booked_secs = u.booked_secs + excluded.booked_secs,
        used_secs = u.used_secs + excluded.used_secs,
        bookings = u.bookings + excluded.bookings,
        no_shows = u.no_shows + excluded.no_shows,
        participants = u.participants + excluded.participants,
        check_ins = u.check_ins + excluded.check_ins;

      insert into usage_rollup_totals as t (grain, lab_id, start, booked_secs, used_secs, bookings, no_shows, participants, check_ins)
      select x.grain, x.lab_id, x.start,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0),
             sign * count(*) filter (where x.first and x.checked_in)
      from (
        select g.grain, p.lab_id, case when g.grain = 'd' then p.day else date_trunc('month', p.day)::date end as start,
               p.secs, p.status, p.first, p.participants, p.checked_in
        from (${pieces}
        ) p
        cross join (values ('d'), ('m')) g(grain)
      ) x
      group by x.grain, x.lab_id, x.start
      on conflict (grain, start, lab_id) do update set
        booked_secs = t.booked_secs + excluded.booked_secs,
        used_secs = t.used_secs + excluded.used_secs,
        bookings = t.bookings + excluded.bookings,
        no_shows = t.no_shows + excluded.no_shows,
        participants = t.participants + excluded.participants,
        check_ins = t.check_ins + excluded.check_ins;

      insert into usage_rollup_categories as c (grain, lab_id, start, category, participants)
      select g.grain, y.lab_id, case when g.grain = 'd' then y.day else date_trunc('month', y.day)::date end, y.category, sign * sum(y.n)
      from (
        select b.lab_id, (lower(b.during) at time zone h.timezone)::date as day, e.key as category, (e.value)::numeric as n
        from unnest(changed) b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        cross join lateral jsonb_each(b.participant_categories) e
        where b.status in ('confirmed', 'completed', 'no_show')
          and jsonb_typeof(b.participant_categories) = 'object' and jsonb_typeof(e.value) = 'number'
      ) y
      cross join (values ('d'), ('m')) g(grain)
      group by g.grain, y.lab_id, 3, y.category
      on conflict (grain, start, lab_id, category) do update set participants = c.participants + excluded.participants;
${hoursStatement}
    end $fn$;`
}
