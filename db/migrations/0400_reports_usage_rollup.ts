import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * A roll-up of booked time for the utilisation reports, kept in the same transaction as every change to
 * bookings by statement-level triggers (set-based: a bulk insert of 10,000 rows is one upsert).
 *
 * usage_rollup: per grain ('d' = local day of the lab's hub, 'm' = its month), lab, start of the grain and team
 * (the nil UUID for bookings without a team), of the bookings in confirmed/completed/no_show:
 *   booked_secs / used_secs — the real elapsed time of each booking split at local midnights (used = completed);
 *   bookings, no_shows, participants — counted on the local day the booking starts.
 * usage_rollup_categories: participants per category, on the day the booking starts.
 * Rows whose figures fall to zero stay (harmless); usage_rollup_rebuild() recomputes everything, e.g. after a
 * hub changes time zone or a lab moves to another hub.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table usage_rollup (
      grain char(1) not null check (grain in ('d', 'm')),
      lab_id uuid not null references labs(id) on delete cascade,
      start date not null,
      team_id uuid not null,
      booked_secs double precision not null default 0,
      used_secs double precision not null default 0,
      bookings integer not null default 0,
      no_shows integer not null default 0,
      participants bigint not null default 0,
      primary key (grain, start, lab_id, team_id)
    );

    create table usage_rollup_categories (
      grain char(1) not null check (grain in ('d', 'm')),
      lab_id uuid not null references labs(id) on delete cascade,
      start date not null,
      category text not null,
      participants bigint not null default 0,
      primary key (grain, start, lab_id, category)
    );

    create function usage_rollup_apply(changed bookings[], sign integer) returns void language sql as $fn$
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

    create function usage_rollup_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;

    create function usage_rollup_on_update() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_apply(array(select o::bookings from old_rows o), -1);
      perform usage_rollup_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;

    create function usage_rollup_on_delete() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_apply(array(select o::bookings from old_rows o), -1);
      return null;
    end $fn$;

    create trigger bookings_usage_rollup_insert after insert on bookings
      referencing new table as new_rows for each statement execute function usage_rollup_on_insert();
    create trigger bookings_usage_rollup_update after update on bookings
      referencing old table as old_rows new table as new_rows for each statement execute function usage_rollup_on_update();
    create trigger bookings_usage_rollup_delete after delete on bookings
      referencing old table as old_rows for each statement execute function usage_rollup_on_delete();

    create function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_categories;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
    end $fn$;

    select usage_rollup_rebuild();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists bookings_usage_rollup_insert on bookings;
    drop trigger if exists bookings_usage_rollup_update on bookings;
    drop trigger if exists bookings_usage_rollup_delete on bookings;
    drop function if exists usage_rollup_rebuild();
    drop function if exists usage_rollup_on_insert();
    drop function if exists usage_rollup_on_update();
    drop function if exists usage_rollup_on_delete();
    drop function if exists usage_rollup_apply(bookings[], integer);
    drop table if exists usage_rollup_categories, usage_rollup;
  `.execute(db)
}
