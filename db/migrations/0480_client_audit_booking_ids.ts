import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The booking page shows a booking's history, including the changes that reached it together with others (a
 * series approved at once, a closure that cancelled it), whose ids sit in the audit entry's details
 * (`bookingIds`, `cancelled`). A GIN index answers `details @> '{"bookingIds": [id]}'` without a scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_details_idx on audit_log using gin (details jsonb_path_ops)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists audit_log_details_idx`.execute(db)
}
