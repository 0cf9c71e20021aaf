import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * A booking's emails are written in the change's transaction as the data to render them with (the booking
 * as it is at that moment, the recipient, the kind of message) and rendered by the outbox worker before it
 * sends them (issue 18 item 3). `render` holds that snapshot while the message waits; null once the row
 * carries its subject, body and attachments (every other message, and a rendered one after it was sent).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox add column render jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop column if exists render`.execute(db)
}
