import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The operators' way to rebuild the open-hours memo (0589) after editing opening hours, closures, hubs or labs by
 * hand with the triggers disabled, as `usage_rollup_rebuild()` is for bookings: `select open_hours_memo_reset();`
 * forgets every memoised month under the memo's advisory lock 589000001, taken exclusively as the triggers take it
 * (so a report filling the memo at the same time either commits before and is forgotten, or waits and fills
 * afterwards from the edited tables). The next report fills the months it needs again; it returns how many rows it
 * forgot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function open_hours_memo_reset() returns bigint language plpgsql as $fn$
    declare
      forgotten bigint;
    begin
      perform pg_advisory_xact_lock(589000001);
      delete from open_hours_memo;
      get diagnostics forgotten = row_count;
      return forgotten;
    end $fn$;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function open_hours_memo_reset();`.execute(db)
}
