import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * A booking's INSERT made cheaper inside PostgreSQL, computing the same (issue 18; docs/benchmarks-history.md, "Session 10:
 * what a booking's INSERT costs"). Measured on the Milan-scale dataset (bench/insert-cost.ts), most of the CPU of a
 * booking's INSERT is its triggers, and in them:
 * - lookups by id in small tables planned as scans of the whole table. `labs` (≈ 200 rows, 4 pages) is cheaper to
 *   read whole than through its key on paper (random_page_cost 4), so each foreign-key check of a roll-up row
 *   (`usage_rollup`, its totals, its hours and its sets of teams all reference `labs`: ≈ 8 per booking, ≈ 200 per
 *   52-week series) read every lab, as did the trigger functions' joins to `labs`. The trigger functions on
 *   `bookings` and those on `usage_rollup`, and the functions they call, now plan with random_page_cost = 1.1 (the
 *   pages are in memory: random access costs about what sequential does), so those lookups and the foreign-key
 *   checks planned inside them (the roll-up tables are written only there) use the primary key. A setting of a
 *   function holds for what it calls, so usage_rollup_apply (rewritten whole by other migrations) gets it from
 *   its callers;
 * - three statement triggers after INSERT on bookings (grant coverage, closures, roll-up), each calling its function
 *   and building an array of the new rows. One trigger now builds it once and runs the three in the order they
 *   fired (alphabetical: grant coverage, closures, roll-up).
 */
const SETTING = 'random_page_cost = 1.1'
const FUNCTIONS = [
  'grant_coverage_apply(bookings[], integer)',
  'grant_coverage_on_bookings_update()',
  'grant_coverage_on_bookings_delete()',
  'bookings_check_closures(bookings[])',
  'bookings_outside_closures_on_update()',
  'usage_rollup_on_update()',
  'usage_rollup_on_delete()',
  'usage_rollup_teams_on_insert()',
  'usage_rollup_teams_on_update()',
  'usage_rollup_teams_on_delete()',
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
    ${FUNCTIONS.map((f) => `alter function ${f} set ${SETTING};`).join('\n    ')}

    create function bookings_on_insert() returns trigger language plpgsql set ${SETTING} as $fn$
    declare
      changed bookings[] := array(select n::bookings from new_rows n);
    begin
      perform grant_coverage_apply(changed, 1);
      perform bookings_check_closures(array(select b from unnest(changed) b where b.status in ('pending', 'confirmed')));
      perform usage_rollup_apply(changed, 1);
      return null;
    end $fn$;
    create trigger bookings_after_insert after insert on bookings
      referencing new table as new_rows for each statement execute function bookings_on_insert();
    drop trigger bookings_grant_coverage_insert on bookings;
    drop trigger bookings_outside_closures_insert on bookings;
    drop trigger bookings_usage_rollup_insert on bookings;
    drop function grant_coverage_on_bookings_insert();
    drop function bookings_outside_closures_on_insert();
    drop function usage_rollup_on_insert();
  `)
    .execute(db)
}

/** Back to 0570's triggers and the default cost. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
    create function grant_coverage_on_bookings_insert() returns trigger language plpgsql as $fn$
    begin
      perform grant_coverage_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;
    create function bookings_outside_closures_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform bookings_check_closures(array(select n::bookings from new_rows n where n.status in ('pending', 'confirmed')));
      return null;
    end $fn$;
    create function usage_rollup_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform usage_rollup_apply(array(select n::bookings from new_rows n), 1);
      return null;
    end $fn$;
    create trigger bookings_grant_coverage_insert after insert on bookings
      referencing new table as new_rows for each statement execute function grant_coverage_on_bookings_insert();
    create trigger bookings_outside_closures_insert after insert on bookings
      referencing new table as new_rows for each statement execute function bookings_outside_closures_on_insert();
    create trigger bookings_usage_rollup_insert after insert on bookings
      referencing new table as new_rows for each statement execute function usage_rollup_on_insert();
    drop trigger if exists bookings_after_insert on bookings;
    drop function if exists bookings_on_insert();

    ${FUNCTIONS.map((f) => `alter function ${f} reset random_page_cost;`).join('\n    ')}
  `)
    .execute(db)
}
