import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Why a booking was cancelled, when it was not its team's choice: `closure` for a booking that a closure
 * cancelled (the lists say «Annullata per chiusura: <reason>», the reason being status_reason). Bookings
 * that closures already cancelled are found in the audit log (`closure.created`, details.cancelled).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table bookings add column cancel_cause text;
    alter table bookings add constraint bookings_cancel_cause_known check (cancel_cause in ('closure'));
    update bookings set cancel_cause = 'closure'
     where status = 'cancelled'
       and id in (
         select (jsonb_array_elements_text(details -> 'cancelled'))::uuid
           from audit_log
          where action = 'closure.created' and jsonb_typeof(details -> 'cancelled') = 'array'
       );
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table bookings drop column if exists cancel_cause`.execute(db)
}
