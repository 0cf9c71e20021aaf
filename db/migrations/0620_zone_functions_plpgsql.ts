import { type Kysely, sql } from 'kysely'
import { isoInstant0590, wallInstant0590 } from './0590_zone_functions.ts'

// Frozen in time: migrations take Kysely<any> and never import application code (another frozen migration is
// not application code: `down` restores 0590's functions from 0590 itself).

/**
 * 0590's `iso_instant` and `wall_instant` in PL/pgSQL, with the same values (issue 18; docs/benchmarks.md, "Session
 * 12"). `wall_instant`'s SQL body has a FROM clause, so PostgreSQL could not inline it: each statement that called
 * it — a list's bounds, evaluated again at each rescan of an index — parsed, planned and started the body afresh
 * (17 % of the backend's CPU for a hub's week). `iso_instant` was inlined, but as an expression that converts the
 * instant to the zone four times and to UTC three times; here once each, and not at all for null (STRICT). A
 * PL/pgSQL function keeps its compiled body for the session. A hub's week costs the backend ≈ 25 % less CPU.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function iso_instant(t timestamptz, zone text) returns text
    language plpgsql stable strict parallel safe as $$
    declare
      wall_time timestamp := t at time zone zone;
      utc_offset interval := wall_time - (t at time zone 'UTC');
    begin
      return to_char(wall_time, 'YYYY-MM-DD"T"HH24:MI:SS')
        || case when utc_offset < interval '0' then '-' || to_char(-utc_offset, 'HH24:MI') else '+' || to_char(utc_offset, 'HH24:MI') end;
    end
    $$
  `.execute(db)
  await sql`
    create or replace function wall_instant(w timestamp, zone text) returns timestamptz
    language plpgsql stable strict parallel safe as $$
    declare
      later timestamptz := w at time zone zone;
      day_before timestamptz := later - interval '1 day';
      earlier timestamptz := (w - (day_before at time zone zone - day_before at time zone 'UTC')) at time zone 'UTC';
    begin
      if date_trunc('minute', later at time zone zone) <> date_trunc('minute', w) then
        return null; -- a wall time the zone skips
      end if;
      if earlier < later and earlier at time zone zone = w then
        return earlier; -- shown twice: the first
      end if;
      return later;
    end
    $$
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(isoInstant0590()).execute(db)
  await sql.raw(wallInstant0590()).execute(db)
}
