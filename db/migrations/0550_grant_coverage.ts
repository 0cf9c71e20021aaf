import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * grant_coverage: per grant, the seconds of the team's bookings it covers (issue 18: the grants report under
 * 100 ms on the Milan-scale dataset, where reading ≈ 180,000 covered bookings into the ledger took seconds).
 *
 * A grant covers a booking of its team that holds hours (pending, confirmed, completed, no_show), whose local
 * start date (the hub's zone) is in [from_date, to_date] and whose lab matches the grant's hub_id and lab_type
 * where set — the rule of backend/features/grants/usage.ts. `holding_secs` sums those bookings' whole seconds
 * (`extract(epoch …)::bigint` per booking, as the ledger counts them), `completed_secs` the completed ones.
 * Every covering grant counts the booking whole: this is coverage, not the first-booked-first-served
 * attribution. The two agree whenever no booking can be covered by two grants of the team and the grant is not
 * overdrawn (holding ≤ granted): then booked = holding, used = completed. Otherwise the application runs the
 * ledger over that team's bookings (grantUsage).
 *
 * Kept by statement-level triggers (transition tables, set-based like the usage roll-up of 0400–0540):
 * - on bookings: the changed rows' seconds added to (inserted, new side of an update) or taken from (deleted,
 *   old side) the grants that cover them;
 * - on grants: a grant inserted or updated (dates, scope, team) is recomputed from the bookings; a deleted one
 *   takes its row with it (on delete cascade);
 * - on labs (type or hub changed) and hubs (time zone changed, so local start dates move): the grants of the
 *   teams with bookings there are recomputed.
 * `grant_coverage_rebuild()` recomputes every grant; usage_rollup_rebuild() now calls it too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table grant_coverage (
      grant_id uuid primary key references grants(id) on delete cascade,
      holding_secs bigint not null default 0,
      completed_secs bigint not null default 0,
      bookings integer not null default 0
    );

    create function grant_coverage_apply(changed bookings[], sign integer) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      insert into grant_coverage as c (grant_id, holding_secs, completed_secs, bookings)
      select g.id, sign * sum(x.secs), sign * coalesce(sum(x.secs) filter (where x.status = 'completed'), 0), sign * count(*)
      from (
        select b.team_id, b.status, l.hub_id, l.type, (lower(b.during) at time zone h.timezone)::date as day,
               extract(epoch from upper(b.during) - lower(b.during))::bigint as secs
        from unnest(changed) b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        where b.team_id is not null and b.status in ('pending', 'confirmed', 'completed', 'no_show')
      ) x
      join grants g on g.team_id = x.team_id and x.day between g.from_date and g.to_date
        and (g.hub_id is null or g.hub_id = x.hub_id) and (g.lab_type is null or g.lab_type = x.type)
      group by g.id
      order by g.id
      on conflict (grant_id) do update set
        holding_secs = c.holding_secs + excluded.holding_secs,
        completed_secs = c.completed_secs + excluded.completed_secs,
        bookings = c.bookings + excluded.bookings;
    end $fn$;

    create function grant_coverage_refresh(ids uuid[]) returns void language plpgsql as $fn$
    begin
      insert into grant_coverage as c (grant_id, holding_secs, completed_secs, bookings)
      select g.id, coalesce(sum(x.secs), 0), coalesce(sum(x.secs) filter (where x.status = 'completed'), 0), count(x.secs)
      from grants g
      left join (
        select b.team_id, b.status, l.hub_id, l.type, (lower(b.during) at time zone h.timezone)::date as day,
               extract(epoch from upper(b.during) - lower(b.during))::bigint as secs
        from bookings b
        join labs l on l.id = b.lab_id
        join hubs h on h.id = l.hub_id
        where b.team_id in (select team_id from grants where id = any(ids))
          and b.status in ('pending', 'confirmed', 'completed', 'no_show')
      ) x on x.team_id = g.team_id and x.day between g.from_date and g.to_date
        and (g.hub_id is null or g.hub_id = x.hub_id) and (g.lab_type is null or g.lab_type = x.type)
      where g.id = any(ids)
      group by g.id
      order by g.id
      on conflict (grant_id) do update set
        holding_secs = excluded.holding_secs,
        completed_secs = excluded.completed_secs,
        bookings = excluded.bookings;
    end $fn$;

    create function grant_coverage_rebuild() returns void language plpgsql as $fn$
    begin
      delete from grant_coverage;
      perform grant_coverage_refresh(array(select id from grants));
    end $fn$;

    create function grant_coverage_on_bookings_insert() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;

    create function grant_coverage_on_bookings_update() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_apply(array(select o::bookings from old_rows o), -1);
      perform grant_coverage_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;

    create function grant_coverage_on_bookings_delete() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_apply(array(select o::bookings from old_rows o), -1);
      return null;
    end $fn$;

    create trigger bookings_grant_coverage_insert after insert on bookings
      referencing new table as new_rows for each statement execute function grant_coverage_on_bookings_insert();
    create trigger bookings_grant_coverage_update after update on bookings
      referencing old table as old_rows new table as new_rows for each statement execute function grant_coverage_on_bookings_update();
    create trigger bookings_grant_coverage_delete after delete on bookings
      referencing old table as old_rows for each statement execute function grant_coverage_on_bookings_delete();

    create function grant_coverage_on_grants() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_refresh(array(select n.id from new_rows n));
      return null;
    end $fn$;

    create trigger grants_grant_coverage_insert after insert on grants
      referencing new table as new_rows for each statement execute function grant_coverage_on_grants();
    create trigger grants_grant_coverage_update after update on grants
      referencing new table as new_rows for each statement execute function grant_coverage_on_grants();

    create function grant_coverage_on_labs_update() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_refresh(array(
        select g.id from grants g
        where g.team_id in (
          select b.team_id from bookings b
          where b.lab_id in (
            select n.id from new_rows n join old_rows o on o.id = n.id
            where n.type is distinct from o.type or n.hub_id is distinct from o.hub_id
          )
        )
      ));
      return null;
    end $fn$;

    create trigger labs_grant_coverage_update after update on labs
      referencing old table as old_rows new table as new_rows for each statement execute function grant_coverage_on_labs_update();

    create function grant_coverage_on_hubs_update() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_refresh(array(
        select g.id from grants g
        where g.team_id in (
          select b.team_id from bookings b join labs l on l.id = b.lab_id
          where l.hub_id in (
            select n.id from new_rows n join old_rows o on o.id = n.id where n.timezone is distinct from o.timezone
          )
        )
      ));
      return null;
    end $fn$;

    create trigger hubs_grant_coverage_update after update on hubs
      referencing old table as old_rows new table as new_rows for each statement execute function grant_coverage_on_hubs_update();

    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      delete from usage_rollup_hours;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
      perform grant_coverage_rebuild();
    end $fn$;

    select grant_coverage_rebuild();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function usage_rollup_rebuild() returns void language plpgsql as $fn$
    begin
      delete from usage_rollup;
      delete from usage_rollup_totals;
      delete from usage_rollup_categories;
      delete from usage_rollup_hours;
      perform usage_rollup_apply(array(select b from bookings b where b.status in ('confirmed', 'completed', 'no_show')), 1);
    end $fn$;
    drop trigger if exists hubs_grant_coverage_update on hubs;
    drop trigger if exists labs_grant_coverage_update on labs;
    drop trigger if exists grants_grant_coverage_insert on grants;
    drop trigger if exists grants_grant_coverage_update on grants;
    drop trigger if exists bookings_grant_coverage_insert on bookings;
    drop trigger if exists bookings_grant_coverage_update on bookings;
    drop trigger if exists bookings_grant_coverage_delete on bookings;
    drop function if exists grant_coverage_on_hubs_update();
    drop function if exists grant_coverage_on_labs_update();
    drop function if exists grant_coverage_on_grants();
    drop function if exists grant_coverage_on_bookings_insert();
    drop function if exists grant_coverage_on_bookings_update();
    drop function if exists grant_coverage_on_bookings_delete();
    drop function if exists grant_coverage_rebuild();
    drop function if exists grant_coverage_refresh(uuid[]);
    drop function if exists grant_coverage_apply(bookings[], integer);
    drop table if exists grant_coverage;
  `.execute(db)
}
