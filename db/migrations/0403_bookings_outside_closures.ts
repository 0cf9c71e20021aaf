import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * No live booking inside a closure, whoever commits first. A booking checks the closures before it writes, and
 * a closure checks the bookings, but neither saw what the other had not yet committed. Now:
 *   - a closure locks the labs it covers (FOR UPDATE, in id order) before it looks for bookings;
 *   - a booking written live (insert, or an update that moves it or makes it live) locks its lab FOR KEY SHARE
 *     here, so it waits for a closure being written on it, then looks again at the closures, as committed now,
 *     and fails with an exclusion violation (the booking engine retries, sees the closure, explains it).
 * A closure that locked the lab after the booking's write waits for the booking's commit and sees it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function bookings_check_closures(changed bookings[]) returns void language plpgsql as $fn$
    begin
      perform 1 from labs where id in (select b.lab_id from unnest(changed) b) order by id for key share;
      if exists (
        select 1 from unnest(changed) b
        join labs l on l.id = b.lab_id
        join closures c on c.during && b.during
          and ((c.hub_id is null and c.lab_id is null) or c.hub_id = l.hub_id or c.lab_id = b.lab_id)
        where b.status in ('pending', 'confirmed')
      ) then
        raise exception 'a live booking falls inside a closure'
          using errcode = 'exclusion_violation', constraint = 'bookings_outside_closures';
      end if;
    end $fn$;

    create function bookings_outside_closures_on_insert() returns trigger language plpgsql as $fn$
    begin
      perform bookings_check_closures(array(select n::bookings from new_rows n where n.status in ('pending', 'confirmed')));
      return null;
    end $fn$;

    create function bookings_outside_closures_on_update() returns trigger language plpgsql as $fn$
    begin
      perform bookings_check_closures(array[new]);
      return null;
    end $fn$;

    create trigger bookings_outside_closures_insert after insert on bookings
      referencing new table as new_rows for each statement execute function bookings_outside_closures_on_insert();
    create trigger bookings_outside_closures_update after update of during, status on bookings
      for each row
      when (new.status in ('pending', 'confirmed') and (new.during is distinct from old.during or new.status is distinct from old.status))
      execute function bookings_outside_closures_on_update();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists bookings_outside_closures_insert on bookings;
    drop trigger if exists bookings_outside_closures_update on bookings;
    drop function if exists bookings_outside_closures_on_insert();
    drop function if exists bookings_outside_closures_on_update();
    drop function if exists bookings_check_closures(bookings[]);
  `.execute(db)
}
