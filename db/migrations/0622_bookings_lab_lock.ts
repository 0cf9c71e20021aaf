import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Writers of one lab's live bookings take turns (issue 18, "a lost race is a 409"). The exclusion constraint
 * `bookings_no_overlap` checks a new row after inserting it: two statements that insert overlapping rows at the
 * same moment each find the other's row not yet committed, each waits for the other, and PostgreSQL breaks the
 * deadlock only after `deadlock_timeout` (1 s), failing one of them. Twenty weekly series racing for the same
 * Tuesdays formed such cycles over and over, each retry meeting new ones: requests answered their 409 after
 * seconds, and once after more than a minute.
 *
 * A row becoming live in a lab (inserted pending or confirmed; moved, or brought back to pending or confirmed)
 * now first takes the lab's advisory lock, held to the end of its transaction: the next writer of that lab waits
 * for it and then meets its committed rows, a 23P01 at once. The constraint stays the referee; the lock only
 * orders the contenders. Rows of other labs, and changes that leave the lab's live time as it was (an approval,
 * a new title, a cancellation), take no lock. The lock's key is (622, hashtext(lab id)); two labs sharing a hash
 * only wait for each other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function bookings_lock_lab() returns trigger language plpgsql as $fn$
    begin
      perform pg_advisory_xact_lock(622, hashtext(new.lab_id::text));
      return new;
    end $fn$;
    create trigger bookings_lock_lab_insert before insert on bookings for each row
      when (new.status in ('pending', 'confirmed'))
      execute function bookings_lock_lab();
    create trigger bookings_lock_lab_update before update of lab_id, during, status on bookings for each row
      when (new.status in ('pending', 'confirmed') and (old.status not in ('pending', 'confirmed')
        or old.lab_id is distinct from new.lab_id or old.during is distinct from new.during))
      execute function bookings_lock_lab();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger bookings_lock_lab_update on bookings;
    drop trigger bookings_lock_lab_insert on bookings;
    drop function bookings_lock_lab();
  `.execute(db)
}
