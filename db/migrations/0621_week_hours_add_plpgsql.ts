import { type Kysely, sql } from 'kysely'
import { weekHoursAdd0588 } from './0588_usage_rollup_week_hours.ts'

// Frozen in time: migrations take Kysely<any> and never import application code (another frozen migration is
// not application code: `down` restores 0588's function from 0588 itself).

/**
 * 0588's `usage_week_hours_add` in PL/pgSQL, with the same values (issue 18; docs/benchmarks.md, "Session 12"). Its
 * SQL body reads `unnest`, so PostgreSQL could not inline it: every booking's insert, whose roll-up adds its hours
 * to the month's 168 with it, parsed and planned the body afresh (8 % of the backend's CPU for a single booking).
 * A PL/pgSQL function keeps the plan of its one query for the session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function usage_week_hours_add(a double precision[], b double precision[]) returns double precision[]
    language plpgsql immutable parallel safe as $fn$
    begin
      return (select array_agg(x + y order by i) from unnest(a, b) with ordinality t(x, y, i));
    end
    $fn$;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(weekHoursAdd0588()).execute(db)
}
