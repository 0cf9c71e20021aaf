import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The usage roll-up (0400–0402) learns two things, kept by the same statement-level triggers:
 * - `check_ins` in usage_rollup and usage_rollup_totals: bookings checked in (checked_in_at set), counted like
 *   `bookings` on the local day the booking starts (issue 19: utilisation counts check-ins);
 * - usage_rollup_hours: booked seconds per lab, local month, ISO weekday and hour of the hub's wall clock, for
 *   the dashboard's hour-of-week heatmap (issue 18: a year's heatmap from ≈ 150,000 small rows instead of a
 *   year of bookings read by the client). Each booking is cut at whole wall-clock hours; a piece goes to the
 *   month and weekday of its own local date (a booking across midnight continues on the next day).
 * usage_rollup_apply is rewritten whole (PL/pgSQL, generic plans, as 0402 left it) and the roll-up rebuilt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table usage_rollup add column check_ins integer not null default 0;
    alter table usage_rollup_totals add column check_ins integer not null default 0;

    create table usage_rollup_hours (
      lab_id uuid not null references labs(id) on delete cascade,
      month date not null,
      isodow smallint not null check (isodow between 1 and 7),
      hour smallint not null check (hour between 0 and 23),
      booked_secs double precision not null default 0,
      primary key (month, lab_id, isodow, hour)
    );
  `.execute(db)
  await sql.raw(applyFunction()).execute(db)
  await sql`
    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      delete from usage_rollup_hours;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
    end $fn$;

    select usage_rollup_rebuild();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists usage_rollup_hours;
    alter table usage_rollup drop column if exists check_ins;
    alter table usage_rollup_totals drop column if exists check_ins;
    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
    end $fn$;
  `.execute(db)
  // The function of 0401/0402 without check_ins and hours: restored by its own text in those migrations is not
  // possible (frozen files, no shared code), so it is regenerated here without the new parts.
  await sql.raw(applyFunction(false)).execute(db)
}

/** usage_rollup_apply as of this migration (or, with `current` false, as 0402 left it). */
function applyFunction(current = true): string {
  const checkInsColumn = current ? ', check_ins' : ''
  const checkInsValue = current ? ',\n             sign * count(*) filter (where x.first and x.checked_in)' : ''
  const checkInsUpdate = (t: string) => (current ? `,\n        check_ins = ${t}.check_ins + excluded.check_ins` : '')
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
  const hours = current
    ? `
      insert into usage_rollup_hours as hr (lab_id, month, isodow, hour, booked_secs)
      select w.lab_id, date_trunc('month', w.h)::date, extract(isodow from w.h)::smallint, extract(hour from w.h)::smallint,
             sign * sum(extract(epoch from least(w.le, w.h + interval '1 hour') - greatest(w.ls, w.h)))
      from (
        select b.lab_id, t.ls, t.le, g.h
        from unnest(changed) b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        cross join lateral (select lower(b.during) at time zone h.timezone as ls, upper(b.during) at time zone h.timezone as le) t
        cross join lateral generate_series(date_trunc('hour', t.ls), t.le - interval '1 microsecond', interval '1 hour') g(h)
        where b.status in ('confirmed', 'completed', 'no_show') and t.le > t.ls
      ) w
      group by 1, 2, 3, 4
      on conflict (month, lab_id, isodow, hour) do update set booked_secs = hr.booked_secs + excluded.booked_secs;`
    : ''
  return `
    create or replace function usage_rollup_apply(changed bookings[], sign integer) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      insert into usage_rollup as u (grain, lab_id, start, team_id, booked_secs, used_secs, bookings, no_shows, participants${checkInsColumn})
      select x.grain, x.lab_id, x.start, x.team_id,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0)${checkInsValue}
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
        participants = u.participants + excluded.participants${checkInsUpdate('u')};

      insert into usage_rollup_totals as t (grain, lab_id, start, booked_secs, used_secs, bookings, no_shows, participants${checkInsColumn})
      select x.grain, x.lab_id, x.start,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0)${checkInsValue}
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
        participants = t.participants + excluded.participants${checkInsUpdate('t')};

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
${hours}
    end $fn$;`
}
