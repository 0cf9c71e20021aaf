import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Reminders are outbox rows scheduled for the day before; the worker re-checks the booking they name
    -- (still confirmed, still starting at booking_start) before sending, and notify() cancels them on changes.
    alter table outbox add column booking_id uuid references bookings(id) on delete cascade;
    alter table outbox add column booking_start timestamptz;
    alter table outbox drop constraint outbox_status_check;
    alter table outbox add constraint outbox_status_check check (status in ('pending', 'sent', 'failed', 'cancelled'));
    create index outbox_booking_idx on outbox (booking_id) where booking_id is not null;
    create index outbox_status_created_idx on outbox (status, created_at desc);

    -- The RFC 5545 RECURRENCE-ID of an occurrence is the start it had when its series was expanded;
    -- it must survive moves, so it is captured once, on insert, whoever inserts the row.
    alter table bookings add column recurrence_start timestamptz;
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
    update bookings set recurrence_start = lower(during) where recurrence_start is null;

    -- Secret calendar feed URLs: the token is an HMAC of (subject, nonce) under a key kept apart from the
    -- subjects, so the URL can be shown again; lookups compare only the token's hash.
    create table calendar_feed_keys (
      id smallint primary key check (id = 1),
      secret text not null
    );
    insert into calendar_feed_keys (id, secret)
      values (1, replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

    create table calendar_feed_tokens (
      subject text primary key,
      nonce text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now()
    );
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists calendar_feed_tokens, calendar_feed_keys;
    drop trigger if exists bookings_recurrence_start on bookings;
    drop function if exists bookings_capture_recurrence_start();
    alter table bookings drop column if exists recurrence_start;
    delete from outbox where status = 'cancelled';
    alter table outbox drop constraint outbox_status_check;
    alter table outbox add constraint outbox_status_check check (status in ('pending', 'sent', 'failed'));
    alter table outbox drop column if exists booking_start;
    alter table outbox drop column if exists booking_id;
  `.execute(db)
}
