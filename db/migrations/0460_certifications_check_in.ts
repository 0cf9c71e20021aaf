import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Certifications that expire, and check-in that frees unused slots.
 *   - certification_kinds: what the Comune recognises (HACCP, laser cutting…), the equipment types and lab
 *     types each enables, its default validity;
 *   - certifications: who of a team holds one, since when, until when (null = does not lapse);
 *   - labs may require check-in, within a window around each booking's start, through a QR code whose secret
 *     staff rotate (check_in_code; unique, so a code names one lab); check_in_since is when it was switched on
 *     (bookings that started before are never released);
 *   - bookings remember who checked in and when, and when the worker released them as no-shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table certification_kinds (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      equipment_type_ids uuid[] not null default '{}',
      lab_types text[] not null default '{}'
        check (lab_types <@ array['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose']),
      validity_months integer check (validity_months between 1 and 600),
      created_at timestamptz not null default now()
    );
    create unique index certification_kinds_name_key on certification_kinds (lower(name));

    create table certifications (
      id uuid primary key default gen_random_uuid(),
      team_id uuid not null references teams(id) on delete cascade,
      kind_id uuid not null references certification_kinds(id),
      person_name text not null check (length(person_name) between 1 and 200),
      user_id uuid references users(id),
      obtained_on date not null,
      expires_on date check (expires_on >= obtained_on),
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index certifications_team_kind_idx on certifications (team_id, kind_id, expires_on);
    create index certifications_expires_idx on certifications (expires_on) where expires_on is not null;

    alter table labs
      add column check_in_required boolean not null default false,
      add column check_in_since timestamptz,
      add column check_in_before_minutes integer not null default 15 check (check_in_before_minutes between 0 and 240),
      add column check_in_after_minutes integer not null default 15 check (check_in_after_minutes between 1 and 240),
      add column check_in_code text unique;

    alter table bookings
      add column checked_in_at timestamptz,
      add column checked_in_by uuid references users(id),
      add column released_at timestamptz;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table bookings drop column if exists released_at, drop column if exists checked_in_by, drop column if exists checked_in_at;
    alter table labs drop column if exists check_in_code, drop column if exists check_in_after_minutes,
      drop column if exists check_in_before_minutes, drop column if exists check_in_since, drop column if exists check_in_required;
    drop table if exists certifications;
    drop table if exists certification_kinds;
  `.execute(db)
}
