import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * usage_rollup_apply becomes PL/pgSQL, its statements unchanged. A LANGUAGE sql function that cannot be
 * inlined is parsed and planned again on every call (PostgreSQL before 18), and the roll-up triggers call it
 * on every write to bookings: 3 to 7 ms per booking. PL/pgSQL keeps its plans for the session, and with
 * generic plans forced it stops re-planning for each call's array too (about 1 ms per booking; a rebuild
 * over every booking runs the same plan, unharmed: it joins two small tables by primary key).
 * The body is taken from the catalogue as 0401 left it, so the statements stay written once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await relanguage(db, 'plpgsql')
}

export async function down(db: Kysely<any>): Promise<void> {
  await relanguage(db, 'sql')
}

async function relanguage(db: Kysely<any>, language: 'plpgsql' | 'sql'): Promise<void> {
  await sql`
    do $do$
    declare
      body text := (select prosrc from pg_proc where oid = 'usage_rollup_apply(bookings[], integer)'::regprocedure);
    begin
      body := case
        when ${sql.lit(language)} = 'plpgsql' then format(E'begin\n%s\nend', body)
        else regexp_replace(body, '^\\s*begin\\s*(.*)\\s*end\\s*$', '\\1')
      end;
      execute format(
        'create or replace function usage_rollup_apply(changed bookings[], sign integer) returns void language %s %s as %L',
        ${sql.lit(language)},
        case when ${sql.lit(language)} = 'plpgsql' then 'set plan_cache_mode = force_generic_plan' else '' end,
        body);
    end
    $do$;
  `.execute(db)
}
