import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * idempotency_keys.request_hash was written with every key and never read: a replay answers by user and key
 * alone (docs/api.md), so the hash of the first request decided nothing. It goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table idempotency_keys drop column if exists request_hash`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table idempotency_keys add column if not exists request_hash text not null default '';
    alter table idempotency_keys alter column request_hash drop default;
  `.execute(db)
}
