import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

const NO_TEAM = `'00000000-0000-0000-0000-000000000000'::uuid`

/**
 * The sets of teams of 0561 (usage_rollup_teams) are kept incrementally instead of recomputed (issue 18: keeping
 * them added ≈ 0.5 ms to a booking's INSERT: two trigger calls, an array, a nested function with three
 * statements, and an aggregate written in SQL, which PostgreSQL plans again in every statement that runs it).
 * One bit is one team of one (grain, start, lab), and one usage_rollup row is one team there, so:
 * - a team that starts counting a booking (its row inserted with bookings > 0, or updated from 0 to > 0) has its
 *   bit OR-ed into the set (the set inserted if absent, the team numbered if new): `INSERT … ON CONFLICT DO
 *   UPDATE` in key order, whose update applies to the newest version of the set once its row lock is had, so two
 *   writers of one set both land (read committed) and lock shared sets in one order;
 * - a team that stops counting (its row falls to 0 or is deleted) has its bit cleared, after the sets are locked
 *   in key order (a set is never inserted then: a lab's deletion cascades to both tables).
 * A team's own changes to one set are ordered by its usage_rollup row, which a writer holds until it commits.
 * Updates fire a row trigger only when a row starts or stops counting (`WHEN`, checked without calling any
 * function): most updates of the roll-up (a team's second booking of a day, hours, check-ins) cost nothing here.
 * The bit helpers are PL/pgSQL (plans kept for the session). A set that became empty stays, as zero bits; sets
 * are never shortened (readers pad them to the longest, as before). No data changes: 0561's sets are exact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
    create or replace function usage_team_bits_add(bits bit varying, n integer) returns bit varying language plpgsql immutable as $fn$
    begin
      return set_bit(case when length(bits) > n then bits
                          else bits || repeat('0', (n / 64 + 1) * 64 - length(bits))::bit varying end, n, 1);
    end $fn$;
    -- a | b and a & ~b for bit strings of any lengths (the shorter one counts as padded with zeros)
    create function usage_team_bits_or(a bit varying, b bit varying) returns bit varying language plpgsql immutable as $fn$
    begin
      return case when length(a) >= length(b) then a | (b || repeat('0', length(a) - length(b))::bit varying)
                  else (a || repeat('0', length(b) - length(a))::bit varying) | b end;
    end $fn$;
    create function usage_team_bits_clear(a bit varying, b bit varying) returns bit varying language plpgsql immutable as $fn$
    begin
      return case when length(b) >= length(a) then a & ~substring(b from 1 for length(a))
                  else a & ~(b || repeat('0', length(a) - length(b))::bit varying) end;
    end $fn$;

    drop trigger usage_rollup_teams_insert on usage_rollup;
    drop trigger usage_rollup_teams_update on usage_rollup;
    drop trigger usage_rollup_teams_delete on usage_rollup;
    drop function usage_rollup_teams_on_insert();
    drop function usage_rollup_teams_on_update();
    drop function usage_rollup_teams_on_delete();
    drop function usage_rollup_teams_refresh(usage_rollup[]);

    create function usage_rollup_teams_on_insert() returns trigger language plpgsql as $fn$
    begin
      if not exists (select 1 from new_rows n where n.bookings > 0) then
        return null;
      end if;
      ${numberTeams('new_rows')}
      insert into usage_rollup_teams as p (grain, start, lab_id, teams)
      select n.grain, n.start, n.lab_id, usage_team_bits(t.n)
      from new_rows n join usage_rollup_team_numbers t on t.team_id = n.team_id
      where n.bookings > 0
      group by n.grain, n.start, n.lab_id
      order by n.grain, n.start, n.lab_id
      on conflict (grain, start, lab_id) do update set teams = usage_team_bits_or(p.teams, excluded.teams);
      return null;
    end $fn$;

    -- a row that starts or stops counting, or moves (its key changed): stop at the old key, start at the new
    create function usage_rollup_teams_on_update() returns trigger language plpgsql set plan_cache_mode = force_generic_plan as $fn$
    begin
      if old.bookings > 0 then
        update usage_rollup_teams p set teams = usage_team_bits_clear(p.teams, usage_team_bits_add(B'', t.n))
        from usage_rollup_team_numbers t
        where t.team_id = old.team_id and p.grain = old.grain and p.start = old.start and p.lab_id = old.lab_id;
      end if;
      if new.bookings > 0 and new.team_id <> ${NO_TEAM} then
        insert into usage_rollup_team_numbers (team_id)
        select new.team_id where not exists (select 1 from usage_rollup_team_numbers t where t.team_id = new.team_id)
        on conflict (team_id) do nothing;
        insert into usage_rollup_teams as p (grain, start, lab_id, teams)
        select new.grain, new.start, new.lab_id, usage_team_bits_add(B'', t.n)
        from usage_rollup_team_numbers t where t.team_id = new.team_id
        on conflict (grain, start, lab_id) do update set teams = usage_team_bits_or(p.teams, excluded.teams);
      end if;
      return null;
    end $fn$;

    create function usage_rollup_teams_on_delete() returns trigger language plpgsql as $fn$
    begin
      perform 1 from usage_rollup_teams p
      where (p.grain, p.start, p.lab_id) in (select o.grain, o.start, o.lab_id from old_rows o where o.bookings > 0)
      order by p.grain, p.start, p.lab_id
      for update;
      update usage_rollup_teams p set teams = usage_team_bits_clear(p.teams, r.bits)
      from (
        select o.grain, o.start, o.lab_id, usage_team_bits(t.n) as bits
        from old_rows o join usage_rollup_team_numbers t on t.team_id = o.team_id
        where o.bookings > 0
        group by o.grain, o.start, o.lab_id
      ) r
      where p.grain = r.grain and p.start = r.start and p.lab_id = r.lab_id;
      return null;
    end $fn$;

    create trigger usage_rollup_teams_insert after insert on usage_rollup
      referencing new table as new_rows for each statement execute function usage_rollup_teams_on_insert();
    create trigger usage_rollup_teams_update after update on usage_rollup for each row
      when ((old.bookings > 0) <> (new.bookings > 0)
            or (old.grain, old.start, old.lab_id, old.team_id) <> (new.grain, new.start, new.lab_id, new.team_id))
      execute function usage_rollup_teams_on_update();
    create trigger usage_rollup_teams_delete after delete on usage_rollup
      referencing old table as old_rows for each statement execute function usage_rollup_teams_on_delete();
  `)
    .execute(db)
}

/** Numbers for the teams of `rows` (a transition table) that start counting and have none yet. */
function numberTeams(rows: string): string {
  const missing = `from ${rows} n
      where n.bookings > 0 and n.team_id <> ${NO_TEAM}
        and not exists (select 1 from usage_rollup_team_numbers t where t.team_id = n.team_id)`
  return `if exists (select 1 ${missing}) then
        insert into usage_rollup_team_numbers (team_id)
        select distinct n.team_id ${missing}
        on conflict (team_id) do nothing;
      end if;`
}

/** Back to 0561's recompute (its functions as that migration wrote them; frozen files share no code). */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists usage_rollup_teams_insert on usage_rollup;
    drop trigger if exists usage_rollup_teams_update on usage_rollup;
    drop trigger if exists usage_rollup_teams_delete on usage_rollup;
    drop function if exists usage_rollup_teams_on_insert();
    drop function if exists usage_rollup_teams_on_update();
    drop function if exists usage_rollup_teams_on_delete();
    drop function if exists usage_team_bits_clear(bit varying, bit varying);
    drop function if exists usage_team_bits_or(bit varying, bit varying);
    create or replace function usage_team_bits_add(bits bit varying, n integer) returns bit varying language sql immutable as $fn$
      select set_bit(case when length(bits) > n then bits
                          else bits || repeat('0', (n / 64 + 1) * 64 - length(bits))::bit varying end, n, 1)
    $fn$;

    create function usage_rollup_teams_refresh(changed usage_rollup[]) returns void language plpgsql
    set plan_cache_mode = force_generic_plan as $fn$
    begin
      insert into usage_rollup_team_numbers (team_id)
      select distinct c.team_id from unnest(changed) c
      where c.bookings > 0 and c.team_id <> '00000000-0000-0000-0000-000000000000'::uuid
        and not exists (select 1 from usage_rollup_team_numbers t where t.team_id = c.team_id)
      on conflict (team_id) do nothing;

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
