import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * usage_rollup_totals: the figures of usage_rollup summed over teams, per grain, lab and start (a year of a
 * lab is 12 monthly rows instead of one per team and month), kept by the same trigger function, so that a
 * report reads the team rows only to count distinct teams.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table usage_rollup_totals (
      grain char(1) not null check (grain in ('d', 'm')),
      lab_id uuid not null references labs(id) on delete cascade,
      start date not null,
      booked_secs double precision not null default 0,
      used_secs double precision not null default 0,
      bookings integer not null default 0,
      no_shows integer not null default 0,
      participants bigint not null default 0,
      primary key (grain, start, lab_id)
    );

    create or replace function usage_rollup_apply(changed bookings[], sign integer) returns void language sql as $fn$
      insert into usage_rollup as u (grain, lab_id, start, team_id, booked_secs, used_secs, bookings, no_shows, participants)
      select x.grain, x.lab_id, x.start, x.team_id,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0)
      from (
        select g.grain, p.lab_id, case when g.grain = 'd' then p.day else date_trunc('month', p.day)::date end as start,
               p.team_id, p.secs, p.status, p.first, p.participants
        from (
          select b.lab_id, coalesce(b.team_id, '00000000-0000-0000-0000-000000000000'::uuid) as team_id, b.status, b.participants,
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
          where b.status in ('confirmed', 'completed', 'no_show')
        ) p
        cross join (values ('d'), ('m')) g(grain)
      ) x
      group by x.grain, x.lab_id, x.start, x.team_id
      on conflict (grain, start, lab_id, team_id) do update set
        booked_secs = u.booked_secs + excluded.booked_secs,
        used_secs = u.used_secs + excluded.used_secs,
        bookings = u.bookings + excluded.bookings,
        no_shows = u.no_shows + excluded.no_shows,
        participants = u.participants + excluded.participants;

      insert into usage_rollup_totals as t (grain, lab_id, start, booked_secs, used_secs, bookings, no_shows, participants)
      select x.grain, x.lab_id, x.start,
             sign * sum(x.secs),
             sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0),
             sign * count(*) filter (where x.first),
             sign * count(*) filter (where x.first and x.status = 'no_show'),
             sign * coalesce(sum(x.participants) filter (where x.first), 0)
      from (
        select g.grain, p.lab_id, case when g.grain = 'd' then p.day else date_trunc('month', p.day)::date end as start,
               p.secs, p.status, p.first, p.participants
        from (
          select b.lab_id, b.status, b.participants,
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
          where b.status in ('confirmed', 'completed', 'no_show')
        ) p
        cross join (values ('d'), ('m')) g(grain)
      ) x
      group by x.grain, x.lab_id, x.start
      on conflict (grain, start, lab_id) do update set
        booked_secs = t.booked_secs + excluded.booked_secs,
        used_secs = t.used_secs + excluded.used_secs,
        bookings = t.bookings + excluded.bookings,
        no_shows = t.no_shows + excluded.no_shows,
        participants = t.participants + excluded.participants;

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
    $fn$;


    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
    end $fn$;

    insert into usage_rollup_totals (grain, lab_id, start, booked_secs, used_secs, bookings, no_shows, participants)
    select grain, lab_id, start, sum(booked_secs), sum(used_secs), sum(bookings), sum(no_shows), sum(participants)
    from usage_rollup group by grain, lab_id, start;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists usage_rollup_totals`.execute(db)
}
