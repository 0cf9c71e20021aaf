import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code (0620 imports these definitions
// to restore them in its `down`).

/**
 * Two functions of wall time in a hub's zone, so that a statement can read a period and write instants as the
 * API does (issue 18: a hub's week in one statement, its JSON written by PostgreSQL). Plain SQL expressions, so
 * that the planner inlines them.
 *
 * - `iso_instant(t, zone)`: `YYYY-MM-DDTHH:mm:ss±HH:MM` of the instant in the zone, as `formatInstant` writes it
 *   (seconds truncated; an offset's seconds dropped); null for null.
 * - `wall_instant(w, zone)`: the instant of a wall time in the zone as `parseInstant` reads it: a wall time shown
 *   twice (the autumn change) is its first instant — `AT TIME ZONE` gives the later one, so the wall time less
 *   the offset of the day before is taken when that shows it —, and null for one the zone skips (spring forward).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(isoInstant0590()).execute(db)
  await sql.raw(wallInstant0590()).execute(db)
}

/** 0590's `iso_instant`, also restored by 0620's `down`. */
export function isoInstant0590(): string {
  return `
    create or replace function iso_instant(t timestamptz, zone text) returns text language sql stable parallel safe as $$
      select to_char(t at time zone zone, 'YYYY-MM-DD"T"HH24:MI:SS')
        || case when t at time zone zone < t at time zone 'UTC' then '-' else '+' end
        || to_char(greatest((t at time zone zone) - (t at time zone 'UTC'), (t at time zone 'UTC') - (t at time zone zone)), 'HH24:MI')
    $$
  `
}

/** 0590's `wall_instant`, also restored by 0620's `down`. */
export function wallInstant0590(): string {
  return `
    create or replace function wall_instant(w timestamp, zone text) returns timestamptz language sql stable parallel safe as $$
      select case
          when date_trunc('minute', later at time zone zone) <> date_trunc('minute', w) then null
          when earlier < later and earlier at time zone zone = w then earlier
          else later end
        from (select later, (w - (day_before at time zone zone - day_before at time zone 'UTC')) at time zone 'UTC' as earlier
          from (select w at time zone zone as later, (w at time zone zone) - interval '1 day' as day_before) i) j
    $$
  `
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists wall_instant(timestamp, text)`.execute(db)
  await sql`drop function if exists iso_instant(timestamptz, text)`.execute(db)
}
