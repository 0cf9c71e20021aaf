import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Which teams began a booking in a lab on a day or in a month, as one bit string per (grain, start, lab) instead
 * of one usage_rollup row per team (issue 18: a year's report folded ≈ 48,000 (lab, month, team) entries into its
 * count of distinct teams; it now ORs ≈ 2,200 bit strings, whatever it groups by).
 *
 * - usage_rollup_team_numbers: a small number per team (bit `n` of a set is that team). Numbers are handed out
 *   on first use and never reused; gaps are harmless. Bookings without a team (the nil UUID) get none.
 * - usage_rollup_teams: per grain ('d' local day, 'm' month), start and lab, the set of teams whose usage_rollup
 *   row there counts a booking (`bookings > 0`); a set that became empty stays, as B''. Bit strings grow by 64
 *   bits as numbers grow; a reader pads them to the longest before OR-ing them (bit_or needs equal lengths).
 * - Kept by statement-level triggers on usage_rollup itself (which the booking triggers of 0400–0540 upsert), so
 *   every path that changes the roll-up — bookings, a hub's new time zone, usage_rollup_rebuild() — keeps it:
 *   a (grain, start, lab) is recomputed from its usage_rollup rows when one of its teams starts or stops counting
 *   a booking. The migration builds it from the roll-up as it stands.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table usage_rollup_team_numbers (
      team_id uuid primary key,
      n integer generated always as identity (minvalue 0 start with 0) unique
    );

    create table usage_rollup_teams (
      grain char(1) not null check (grain in ('d', 'm')),
      lab_id uuid not null references labs(id) on delete cascade,
      start date not null,
      teams bit varying not null,
      primary key (grain, start, lab_id)
    );

    -- the set with bit n on, grown to a multiple of 64 bits
    create function usage_team_bits_add(bits bit varying, n integer) returns bit varying language sql immutable as $fn$
      select set_bit(case when length(bits) > n then bits
                          else bits || repeat('0', (n / 64 + 1) * 64 - length(bits))::bit varying end, n, 1)
    $fn$;
    create aggregate usage_team_bits(integer) (sfunc = usage_team_bits_add, stype = bit varying, initcond = '');

    create function usage_rollup_teams_refresh(changed usage_rollup[]) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      insert into usage_rollup_team_numbers (team_id)
      select distinct c.team_id from unnest(changed) c
      where c.bookings > 0 and c.team_id <> '00000000-0000-0000-0000-000000000000'::uuid
        and not exists (select 1 from usage_rollup_team_numbers t where t.team_id = c.team_id)
      on conflict (team_id) do nothing;

      -- A set is recomputed, not added to: first lock it (in key order, so two writers cannot deadlock), which
      -- waits for a concurrent writer of the same set to finish; the next statement's snapshot then sees that
      -- writer's roll-up rows (read committed), so the last writer always counts both.
      insert into usage_rollup_teams as p (grain, start, lab_id, teams)
      select k.grain, k.start, k.lab_id, B''
      from (select distinct c.grain, c.start, c.lab_id from unnest(changed) c) k
      order by k.grain, k.start, k.lab_id
      on conflict (grain, start, lab_id) do update set teams = p.teams;

      update usage_rollup_teams p set teams = coalesce((
        select usage_team_bits(t.n)
        from usage_rollup u join usage_rollup_team_numbers t on t.team_id = u.team_id
        where u.grain = p.grain and u.start = p.start and u.lab_id = p.lab_id and u.bookings > 0
      ), B'')
      from (select distinct c.grain, c.start, c.lab_id from unnest(changed) c) k
      where p.grain = k.grain and p.start = k.start and p.lab_id = k.lab_id;
    end $fn$;

    create function usage_rollup_teams_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_teams_refresh(array(select n::usage_rollup from new_rows n where n.bookings > 0));
      return null;
    end $fn$;

    -- only the rows whose team starts or stops counting a booking there (most updates change hours or counts)
    create function usage_rollup_teams_on_update() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_teams_refresh(array(
        select n::usage_rollup from new_rows n
        left join old_rows o on o.grain = n.grain and o.start = n.start and o.lab_id = n.lab_id and o.team_id = n.team_id
        where (n.bookings > 0) is distinct from (o.bookings > 0)
        union all
        select o::usage_rollup from old_rows o
        where o.bookings > 0 and not exists (
          select 1 from new_rows n where n.grain = o.grain and n.start = o.start and n.lab_id = o.lab_id and n.team_id = o.team_id)
      ));
      return null;
    end $fn$;

    create function usage_rollup_teams_on_delete() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_teams_refresh(array(select o::usage_rollup from old_rows o where o.bookings > 0));
      return null;
    end $fn$;

    create trigger usage_rollup_teams_insert after insert on usage_rollup
      referencing new table as new_rows for each statement execute function usage_rollup_teams_on_insert();
    create trigger usage_rollup_teams_update after update on usage_rollup
      referencing old table as old_rows new table as new_rows for each statement execute function usage_rollup_teams_on_update();
    create trigger usage_rollup_teams_delete after delete on usage_rollup
      referencing old table as old_rows for each statement execute function usage_rollup_teams_on_delete();

    select usage_rollup_teams_refresh(array(select u from usage_rollup u where u.bookings > 0));
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists usage_rollup_teams_insert on usage_rollup;
    drop trigger if exists usage_rollup_teams_update on usage_rollup;
    drop trigger if exists usage_rollup_teams_delete on usage_rollup;
    drop function if exists usage_rollup_teams_on_insert();
    drop function if exists usage_rollup_teams_on_update();
    drop function if exists usage_rollup_teams_on_delete();
    drop function if exists usage_rollup_teams_refresh(usage_rollup[]);
    drop aggregate if exists usage_team_bits(integer);
    drop function if exists usage_team_bits_add(bit varying, integer);
    drop table if exists usage_rollup_teams, usage_rollup_team_numbers;
  `.execute(db)
}
