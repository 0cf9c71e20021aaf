import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The programme's results (docs/outcomes.md):
 *   - participant_categories: the categories attendance and progress reports count people by (configurable);
 *   - indicators: per call (0440), computed from bookings and attendance or reported by the teams;
 *   - indicator_targets: a funded project's (team's) baseline and target per indicator;
 *   - progress_reports and their values: one report per team and period, reviewed by the operator or the Comune;
 *     two live (submitted or accepted) reports of one team never overlap, or a value would count twice;
 *   - programme and programme_years: the PON Metro project's identity and its financial progress per year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table participant_categories (
      key text primary key check (key ~ '^[a-z0-9_]{1,40}$'),
      label_it text not null check (length(label_it) between 1 and 100),
      label_en text not null check (length(label_en) between 1 and 100),
      position integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    insert into participant_categories (key, label_it, label_en, position) values
      ('giovani', 'Giovani (16–29 anni)', 'Young people (16–29)', 1),
      ('donne', 'Donne', 'Women', 2),
      ('over50', 'Persone over 50', 'People over 50', 3),
      ('background_migratorio', 'Persone con background migratorio', 'People with a migrant background', 4),
      ('disabilita', 'Persone con disabilità', 'People with disabilities', 5),
      ('disoccupati', 'Persone disoccupate', 'Unemployed people', 6);

    create table indicators (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      unit text not null check (length(unit) between 1 and 50),
      kind text not null check (kind in ('output', 'outcome')),
      source text not null check (source in ('computed', 'reported')),
      counts text check (counts in ('hoursUsed', 'participants', 'events') or counts ~ '^participants:[a-z0-9_]{1,40}$'),
      direction text not null default 'increase' check (direction in ('increase', 'decrease')),
      description text check (length(description) <= 1000),
      position integer not null default 0,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      -- what the system computes is never typed in, and what is typed in is never computed
      constraint indicators_counts_iff_computed check ((source = 'computed') = (counts is not null)),
      unique (call_id, name)
    );
    create index indicators_call on indicators (call_id, position);

    create table indicator_targets (
      team_id uuid not null references teams(id) on delete cascade,
      indicator_id uuid not null references indicators(id) on delete cascade,
      baseline numeric not null default 0 check (baseline >= 0),
      target numeric not null check (target >= 0),
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      primary key (team_id, indicator_id)
    );
    create index indicator_targets_indicator on indicator_targets (indicator_id);

    create table progress_reports (
      id uuid primary key default gen_random_uuid(),
      team_id uuid not null references teams(id) on delete cascade,
      from_date date not null,
      to_date date not null,
      narrative text not null check (length(narrative) between 1 and 5000),
      participants_by_category jsonb check (participants_by_category is null or jsonb_typeof(participants_by_category) = 'object'),
      status text not null default 'submitted' check (status in ('submitted', 'accepted', 'returned')),
      submitted_by uuid references users(id) on delete set null,
      submitted_at timestamptz not null default now(),
      reviewed_by uuid references users(id) on delete set null,
      reviewed_at timestamptz,
      review_comment text check (length(review_comment) <= 2000),
      check (from_date < to_date),
      check (status = 'submitted' or reviewed_at is not null),
      check (status <> 'returned' or review_comment is not null),
      constraint progress_reports_no_overlap exclude using gist (team_id with =, daterange(from_date, to_date) with &&)
        where (status in ('submitted', 'accepted'))
    );
    create index progress_reports_team on progress_reports (team_id, from_date);
    create index progress_reports_queue on progress_reports (submitted_at) where status = 'submitted';

    create table progress_report_values (
      report_id uuid not null references progress_reports(id) on delete cascade,
      indicator_id uuid not null references indicators(id) on delete restrict,
      value numeric not null check (value >= 0),
      primary key (report_id, indicator_id)
    );
    create index progress_report_values_indicator on progress_report_values (indicator_id);

    create table programme (
      id boolean primary key default true check (id),
      title text not null,
      fund text not null,
      cup text not null,
      project_code text not null,
      programmed_cents bigint not null check (programmed_cents >= 0),
      responsible_office text,
      responsible_person text,
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    insert into programme (title, fund, cup, project_code, programmed_cents, responsible_office) values (
      'Hub dell''innovazione inclusiva', 'PON Città Metropolitane 2014–2020', 'B49D16010990006', 'MI3.3.1.d', 209388613,
      'Comune di Milano – Direzione Economia Urbana e Lavoro'
    );

    create table programme_years (
      year integer primary key check (year between 2014 and 2100),
      programmed_cents bigint not null default 0 check (programmed_cents >= 0),
      committed_cents bigint not null default 0 check (committed_cents >= 0),
      paid_cents bigint not null default 0 check (paid_cents >= 0),
      notes text check (length(notes) <= 2000),
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    );
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists programme_years;
    drop table if exists programme;
    drop table if exists progress_report_values;
    drop table if exists progress_reports;
    drop table if exists indicator_targets;
    drop table if exists indicators;
    drop table if exists participant_categories;
  `.execute(db)
}
