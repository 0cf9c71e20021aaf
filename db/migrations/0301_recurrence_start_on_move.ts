import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * recurrence_start is captured when an occurrence first moves, not on every insert: bulk inserts (the
 * Milan-scale seed, long series) pay nothing, and readers take coalesce(recurrence_start, lower(during)).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists bookings_recurrence_start on bookings;
    drop function if exists bookings_capture_recurrence_start();
    create function bookings_keep_recurrence_start() returns trigger language plpgsql as $$
    begin
      new.recurrence_start := lower(old.during);
      return new;
    end
    $$;
    create trigger bookings_recurrence_start before update of during on bookings
      for each row
      when (old.recurrence_start is null and old.during is distinct from new.during)
      execute function bookings_keep_recurrence_start();
    update bookings set recurrence_start = null where recurrence_start = lower(during);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists bookings_recurrence_start on bookings;
    drop function if exists bookings_keep_recurrence_start();
    update bookings set recurrence_start = lower(during) where recurrence_start is null;
    create function bookings_capture_recurrence_start() returns trigger language plpgsql as $$
    begin
      if new.recurrence_start is null then
        new.recurrence_start := lower(new.during);
      end if;
      return new;
    end
    $$;
    create trigger bookings_recurrence_start before insert on bookings
      for each row execute function bookings_capture_recurrence_start();
  `.execute(db)
}
