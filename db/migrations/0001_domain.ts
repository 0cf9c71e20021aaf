import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db)

  await sql`
    create table areas (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      nil_id integer unique check (nil_id > 0),
      municipio smallint not null check (municipio between 1 and 9),
      is_target boolean not null default false,
      created_at timestamptz not null default now()
    );

    create table hubs (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('cfl', 'community_hub')),
      address text not null check (length(address) between 1 and 300),
      area_id uuid not null references areas(id),
      timezone text not null default 'Europe/Rome',
      phone text,
      email text,
      description text,
      created_at timestamptz not null default now()
    );
    create index hubs_area_idx on hubs (area_id);

    create table opening_hours (
      id uuid primary key default gen_random_uuid(),
      hub_id uuid not null references hubs(id) on delete cascade,
      weekday smallint not null check (weekday between 1 and 7),
      opens time not null,
      closes time not null,
      check (closes > opens),
      -- two intervals of one hub and weekday never overlap
      exclude using gist (
        hub_id with =,
        weekday with =,
        int4range((extract(hour from opens) * 60 + extract(minute from opens))::int,
                  (extract(hour from closes) * 60 + extract(minute from closes))::int) with &&
      )
    );

    create table labs (
      id uuid primary key default gen_random_uuid(),
      hub_id uuid not null references hubs(id),
      name text not null check (length(name) between 1 and 200),
      type text not null check (type in ('kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose')),
      capacity integer not null check (capacity > 0),
      approval_required boolean not null default false,
      requires_grant boolean not null default false,
      min_duration_minutes integer not null default 30 check (min_duration_minutes > 0),
      max_duration_minutes integer not null default 480 check (max_duration_minutes <= 1440),
      description text,
      created_at timestamptz not null default now(),
      check (min_duration_minutes <= max_duration_minutes)
    );
    create index labs_hub_idx on labs (hub_id);
    create index labs_type_idx on labs (type);

    create table closures (
      id uuid primary key default gen_random_uuid(),
      hub_id uuid references hubs(id) on delete cascade,
      lab_id uuid references labs(id) on delete cascade,
      during tstzrange not null check (not isempty(during) and lower(during) is not null and upper(during) is not null),
      reason text not null check (length(reason) between 1 and 500),
      created_by uuid,
      created_at timestamptz not null default now(),
      check (hub_id is null or lab_id is null)
    );
    create index closures_during_idx on closures using gist (during);

    create table operators (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      legal_form text not null,
      tax_code text not null unique,
      email text,
      phone text,
      created_at timestamptz not null default now()
    );

    create table concessions (
      id uuid primary key default gen_random_uuid(),
      hub_id uuid not null references hubs(id),
      operator_id uuid not null references operators(id),
      start_date date not null,
      end_date date not null,
      annual_fee_cents bigint not null default 0 check (annual_fee_cents >= 0),
      min_open_hours_per_week numeric(6,2) not null default 0 check (min_open_hours_per_week >= 0),
      min_social_share_percent numeric(5,2) not null default 0 check (min_social_share_percent between 0 and 100),
      status text not null default 'active' check (status in ('draft', 'active', 'expired', 'terminated')),
      created_at timestamptz not null default now(),
      check (end_date >= start_date),
      -- one hub, one concession at a time (terminated ones step aside)
      exclude using gist (hub_id with =, daterange(start_date, end_date, '[]') with &&) where (status <> 'terminated')
    );
    create index concessions_operator_idx on concessions (operator_id);

    create table teams (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      legal_status text not null check (legal_status in ('informal', 'association', 'cooperative', 'social_enterprise', 'other')),
      contact_email text not null,
      call_reference text,
      calendar_token_hash text unique,
      created_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email) and position('@' in email) > 1),
      name text not null check (length(name) between 1 and 200),
      role text not null check (role in ('admin', 'operator', 'member')),
      password_hash text,
      operator_id uuid references operators(id),
      locale text not null default 'it' check (locale in ('it', 'en')),
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      check ((role = 'operator') = (operator_id is not null))
    );
    create unique index users_email_key on users (email);

    create table team_members (
      team_id uuid not null references teams(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (team_id, user_id)
    );
    create index team_members_user_idx on team_members (user_id);

    create table grants (
      id uuid primary key default gen_random_uuid(),
      team_id uuid not null references teams(id) on delete cascade,
      hours numeric(8,2) not null check (hours > 0),
      from_date date not null,
      to_date date not null,
      hub_id uuid references hubs(id),
      lab_type text check (lab_type in ('kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose')),
      reference text not null check (length(reference) between 1 and 200),
      created_at timestamptz not null default now(),
      check (to_date >= from_date)
    );
    create index grants_team_idx on grants (team_id);

    create table booking_series (
      id uuid primary key default gen_random_uuid(),
      lab_id uuid not null references labs(id),
      team_id uuid references teams(id),
      rrule text not null,
      dtstart timestamptz not null,
      duration_minutes integer not null check (duration_minutes > 0),
      title text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table bookings (
      id uuid primary key default gen_random_uuid(),
      series_id uuid references booking_series(id),
      lab_id uuid not null references labs(id),
      team_id uuid references teams(id),
      title text not null check (length(title) between 1 and 200),
      during tstzrange not null check (not isempty(during) and lower(during) is not null and upper(during) is not null),
      status text not null check (status in ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')),
      expected_participants integer check (expected_participants >= 0),
      participants integer check (participants >= 0),
      participant_categories jsonb,
      status_reason text,
      sequence integer not null default 0,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- the referee of double booking, under any concurrency and any number of processes
      constraint bookings_no_overlap exclude using gist (lab_id with =, during with &&)
        where (status in ('pending', 'confirmed'))
    );
    create index bookings_lab_during_idx on bookings using gist (lab_id, during);
    create index bookings_team_idx on bookings (team_id, lower(during));
    create index bookings_series_idx on bookings (series_id);
    create index bookings_start_idx on bookings (lower(during));

    create table equipment_types (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(name) between 1 and 200),
      category text not null,
      requires_training boolean not null default false,
      description text,
      created_at timestamptz not null default now()
    );

    create table equipment_assets (
      id uuid primary key default gen_random_uuid(),
      type_id uuid not null references equipment_types(id),
      lab_id uuid not null references labs(id),
      asset_tag text not null unique check (length(asset_tag) between 1 and 64),
      serial_number text,
      status text not null default 'active' check (status in ('active', 'maintenance', 'retired')),
      condition text not null default 'good' check (condition in ('new', 'good', 'fair', 'worn', 'damaged', 'needs_repair')),
      purchase_date date,
      purchase_value_cents bigint check (purchase_value_cents >= 0),
      notes text,
      created_at timestamptz not null default now()
    );
    create index equipment_assets_lab_type_idx on equipment_assets (lab_id, type_id);

    create table maintenance_windows (
      id uuid primary key default gen_random_uuid(),
      asset_id uuid not null references equipment_assets(id) on delete cascade,
      during tstzrange not null check (not isempty(during)),
      reason text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index maintenance_windows_asset_during_idx on maintenance_windows using gist (asset_id, during);

    create table equipment_allocations (
      id uuid primary key default gen_random_uuid(),
      asset_id uuid not null references equipment_assets(id),
      booking_id uuid not null references bookings(id) on delete cascade,
      during tstzrange not null check (not isempty(during)),
      released_at timestamptz,
      created_at timestamptz not null default now(),
      -- one asset is never allocated twice at once
      constraint equipment_allocations_no_overlap exclude using gist (asset_id with =, during with &&)
        where (released_at is null)
    );
    create index equipment_allocations_booking_idx on equipment_allocations (booking_id);

    create table equipment_checkouts (
      id uuid primary key default gen_random_uuid(),
      asset_id uuid not null references equipment_assets(id),
      booking_id uuid references bookings(id),
      holder text not null,
      checked_out_at timestamptz not null default now(),
      checked_out_by uuid references users(id),
      checked_in_at timestamptz,
      checked_in_by uuid references users(id),
      condition_in text check (condition_in in ('new', 'good', 'fair', 'worn', 'damaged', 'needs_repair')),
      notes text
    );
    -- an asset out on loan cannot be lent again
    create unique index equipment_checkouts_open_key on equipment_checkouts (asset_id) where checked_in_at is null;

    create table trainings (
      id uuid primary key default gen_random_uuid(),
      team_id uuid not null references teams(id) on delete cascade,
      type_id uuid not null references equipment_types(id),
      person_name text not null,
      trained_on date not null,
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index trainings_team_type_idx on trainings (team_id, type_id);

    create table waitlist (
      id uuid primary key default gen_random_uuid(),
      lab_id uuid not null references labs(id),
      team_id uuid not null references teams(id),
      during tstzrange not null check (not isempty(during)),
      title text,
      status text not null default 'waiting' check (status in ('waiting', 'promoted', 'cancelled', 'expired')),
      booking_id uuid references bookings(id),
      requested_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index waitlist_lab_during_idx on waitlist using gist (lab_id, during) where status = 'waiting';

    create table outbox (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      recipient text not null,
      locale text not null default 'it',
      subject text not null,
      html text not null,
      text text not null,
      attachments jsonb not null default '[]',
      dedupe_key text unique,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      first_attempt_at timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id uuid references users(id),
      action text not null,
      entity text not null,
      entity_id text,
      details jsonb not null default '{}'
    );
    create index audit_log_entity_idx on audit_log (entity, entity_id);

    create table idempotency_keys (
      user_id uuid not null references users(id) on delete cascade,
      key text not null check (length(key) between 1 and 200),
      request_hash text not null,
      status_code integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    );

    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);

    create table magic_links (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table login_failures (
      id bigserial primary key,
      key text not null,
      at timestamptz not null default now()
    );
    create index login_failures_key_at_idx on login_failures (key, at);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists login_failures, magic_links, sessions, idempotency_keys, audit_log, outbox, waitlist,
      trainings, equipment_checkouts, equipment_allocations, maintenance_windows, equipment_assets,
      equipment_types, bookings, booking_series, grants, team_members, users, teams, concessions, operators,
      closures, labs, opening_hours, hubs, areas cascade
  `.execute(db)
}
