import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Which teams began a booking in a lab on a day or in a month (the reports' `distinctTeams`): a partial index
 * of the usage roll-up (0400) on its key, only the rows that count a booking. The report reads its whole months
 * and its edge days as two ranges of it, index-only (issue 18: a year's report read ≈ 50,000 roll-up rows from
 * the table, all their columns, for this one count).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index usage_rollup_presence_idx on usage_rollup (grain, start, lab_id, team_id) where bookings > 0`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists usage_rollup_presence_idx`.execute(db)
}
