import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * The call (bando): calls, their criteria and evaluators, applications with their protocol numbers,
 * attachments, evaluations and scores, awards and their disbursement tranches; and the role `evaluator`.
 *
 * The database referees what the service also checks, so that no concurrency can break it:
 * - protocol numbers are unique per call; the service draws them from `call_protocol_counters` under the
 *   counter row's lock in the submit transaction, so they are gapless (a rolled-back submit gives its number back);
 * - a score lies within its criterion's maximum (a composite foreign key copies the maximum beside the score)
 *   and belongs to an evaluator assigned to the application's call who did not abstain;
 * - the awards of a call never add up to more than its budget: a trigger locks the call row and sums;
 * - no tranche is paid while its award is conditional, and tranches never exceed the award.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users drop constraint users_role_check;
    alter table users add constraint users_role_check check (role in ('admin', 'operator', 'member', 'evaluator'));

    create table calls (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 20000),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      budget_cents bigint not null check (budget_cents >= 0),
      max_funding_cents bigint not null check (max_funding_cents >= 0),
      -- legal statuses that may apply: 'informal', 'association', 'cooperative', 'social_enterprise', 'other'
      applicant_types text[] not null check (
        cardinality(applicant_types) >= 1
        and applicant_types <@ array['informal', 'association', 'cooperative', 'social_enterprise', 'other']
      ),
      -- kinds of PDF every application must attach (e.g. 'project', 'budget', 'statute')
      required_documents text[] not null default '{}',
      -- days an informal group has, from its award, to record its new entity's codice fiscale
      incorporation_days integer not null default 90 check (incorporation_days between 1 and 730),
      -- stored 'open' reads as 'closed' once closes_at has passed (the API derives it)
      status text not null default 'draft' check (status in ('draft', 'open', 'closed', 'ranked', 'awarded')),
      ranked_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at > opens_at),
      check (max_funding_cents <= budget_cents)
    );
    create index calls_status_idx on calls (status, closes_at);

    create table call_areas (
      call_id uuid not null references calls(id) on delete cascade,
      area_id uuid not null references areas(id),
      primary key (call_id, area_id)
    );

    create table call_criteria (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      weight numeric(6,2) not null check (weight > 0),
      max_score integer not null check (max_score between 1 and 1000),
      position integer not null default 0,
      unique (call_id, name),
      -- targets of the scores' composite key (criterion of this call, with its maximum)
      unique (id, call_id, max_score)
    );

    create table call_evaluators (
      call_id uuid not null references calls(id) on delete cascade,
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      primary key (call_id, user_id)
    );
    create index call_evaluators_user_idx on call_evaluators (user_id);

    create table call_protocol_counters (
      call_id uuid primary key references calls(id) on delete cascade,
      last_number integer not null default 0 check (last_number >= 0)
    );

    create table applications (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id),
      applicant_user_id uuid not null references users(id),
      status text not null default 'draft' check (status in (
        'draft', 'submitted', 'admissible', 'excluded', 'scored', 'ranked', 'awarded', 'conditional', 'not_funded'
      )),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '' check (length(summary) <= 5000),
      activities text not null default '' check (length(activities) <= 20000),
      applicant_type text not null check (applicant_type in ('informal', 'association', 'cooperative', 'social_enterprise', 'other')),
      organisation_name text not null check (length(organisation_name) between 1 and 200),
      tax_code text check (tax_code ~ '^([0-9]{11}|[A-Z0-9]{16})$'),
      -- an informal group's promoters, natural persons: [{name, email?}] (never published)
      promoters jsonb not null default '[]' check (jsonb_typeof(promoters) = 'array'),
      commit_to_incorporate boolean not null default false,
      -- [{labType, hoursPerWeek, weeks}]
      lab_needs jsonb not null default '[]' check (jsonb_typeof(lab_needs) = 'array'),
      requested_funding_cents bigint not null default 0 check (requested_funding_cents >= 0),
      crowdfunding_goal_cents bigint not null default 0 check (crowdfunding_goal_cents >= 0),
      protocol_number integer check (protocol_number > 0),
      submitted_at timestamptz,
      exclusion_reason text check (length(exclusion_reason) <= 2000),
      admissibility_checked_by uuid references users(id),
      admissibility_checked_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (call_id, protocol_number),
      unique (id, call_id),
      check ((status = 'draft') = (protocol_number is null)),
      check ((protocol_number is null) = (submitted_at is null)),
      check ((status = 'excluded') = (exclusion_reason is not null))
    );
    create index applications_call_idx on applications (call_id, status);
    create index applications_applicant_idx on applications (applicant_user_id);

    create table application_areas (
      application_id uuid not null references applications(id) on delete cascade,
      area_id uuid not null references areas(id),
      primary key (application_id, area_id)
    );

    -- what the project commits to (baseline → target), by name and unit
    create table application_indicators (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      unit text not null check (length(unit) between 1 and 50),
      baseline numeric(14,2) not null,
      target numeric(14,2) not null,
      position integer not null default 0
    );
    create index application_indicators_application_idx on application_indicators (application_id);

    -- PDFs, kept in the database: transactional with the application, and in every backup
    create table application_attachments (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      kind text not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
      filename text not null check (length(filename) between 1 and 200),
      content_type text not null default 'application/pdf' check (content_type = 'application/pdf'),
      size_bytes integer not null check (size_bytes between 1 and 10485760),
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (octet_length(content) = size_bytes)
    );
    create index application_attachments_application_idx on application_attachments (application_id);

    -- one evaluator's work on one application: the conflict-of-interest declaration comes first
    create table evaluations (
      application_id uuid not null,
      call_id uuid not null,
      evaluator_id uuid not null,
      conflict_of_interest boolean not null,
      comment text check (length(comment) <= 5000),
      updated_at timestamptz not null default now(),
      primary key (application_id, evaluator_id),
      unique (application_id, evaluator_id, conflict_of_interest),
      foreign key (application_id, call_id) references applications(id, call_id) on delete cascade,
      foreign key (call_id, evaluator_id) references call_evaluators(call_id, user_id)
    );

    create table scores (
      application_id uuid not null,
      call_id uuid not null,
      evaluator_id uuid not null,
      criterion_id uuid not null,
      score numeric(6,2) not null check (score >= 0),
      max_score integer not null,
      -- always false: with the key below, an evaluator who abstains cannot keep (or add) a score
      abstained boolean not null default false check (not abstained),
      primary key (application_id, evaluator_id, criterion_id),
      check (score <= max_score),
      foreign key (application_id, evaluator_id, abstained)
        references evaluations(application_id, evaluator_id, conflict_of_interest) on update cascade on delete cascade,
      foreign key (criterion_id, call_id, max_score) references call_criteria(id, call_id, max_score) on update cascade,
      foreign key (application_id, call_id) references applications(id, call_id) on delete cascade
    );

    create table awards (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id),
      application_id uuid not null unique,
      team_id uuid not null references teams(id),
      grant_id uuid references grants(id),
      concession_id uuid references concessions(id),
      funding_cents bigint not null check (funding_cents >= 0),
      hours numeric(8,2) not null check (hours >= 0),
      hub_id uuid references hubs(id),
      lab_type text check (lab_type in ('kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose')),
      status text not null check (status in ('awarded', 'conditional', 'revoked')),
      -- the entity that receives the money: for an informal group, the one it founds (recorded later)
      beneficiary_name text check (length(beneficiary_name) between 1 and 200),
      beneficiary_tax_code text check (beneficiary_tax_code ~ '^([0-9]{11}|[A-Z0-9]{16})$'),
      beneficiary_legal_status text check (beneficiary_legal_status in ('association', 'cooperative', 'social_enterprise', 'other')),
      tax_code_due_on date,
      confirmed_at timestamptz,
      awarded_by uuid references users(id),
      created_at timestamptz not null default now(),
      foreign key (application_id, call_id) references applications(id, call_id),
      check (status <> 'awarded' or beneficiary_tax_code is not null),
      check (status <> 'conditional' or tax_code_due_on is not null),
      check ((hours > 0) = (grant_id is not null))
    );
    create index awards_call_idx on awards (call_id);
    create index awards_team_idx on awards (team_id);

    create table award_tranches (
      id uuid primary key default gen_random_uuid(),
      award_id uuid not null references awards(id) on delete cascade,
      amount_cents bigint not null check (amount_cents > 0),
      due_on date not null,
      status text not null default 'planned' check (status in ('planned', 'paid', 'cancelled')),
      paid_on date,
      created_at timestamptz not null default now(),
      check ((status = 'paid') = (paid_on is not null))
    );
    create index award_tranches_award_idx on award_tranches (award_id);

    -- The budget and each project's ceiling, under the call row's lock: concurrent awards queue here and
    -- each sums what the ones before it committed (every statement of a PL/pgSQL function in READ
    -- COMMITTED sees a fresh snapshot).
    create function awards_within_budget() returns trigger language plpgsql as $$
    declare
      budget bigint;
      ceiling bigint;
      committed bigint;
    begin
      select budget_cents, max_funding_cents into budget, ceiling from calls where id = new.call_id for update;
      if new.funding_cents > ceiling then
        raise exception 'award over the call''s maximum funding' using errcode = '23514', constraint = 'awards_within_max_funding';
      end if;
      select coalesce(sum(funding_cents), 0) into committed from awards where call_id = new.call_id and status <> 'revoked';
      if committed > budget then
        raise exception 'awards over the call''s budget' using errcode = '23514', constraint = 'awards_within_budget';
      end if;
      return null;
    end $$;
    create constraint trigger awards_within_budget after insert or update of funding_cents, status on awards
      for each row execute function awards_within_budget();

    -- Money moves only to a confirmed beneficiary, and never more than was awarded.
    create function award_tranches_allowed() returns trigger language plpgsql as $$
    declare
      a record;
      total bigint;
    begin
      select status, funding_cents into a from awards where id = new.award_id for update;
      if new.status = 'paid' and a.status <> 'awarded' then
        raise exception 'a tranche is paid only on a confirmed award' using errcode = '23514', constraint = 'award_tranches_paid_when_awarded';
      end if;
      select coalesce(sum(amount_cents), 0) into total from award_tranches where award_id = new.award_id and status <> 'cancelled';
      if total > a.funding_cents then
        raise exception 'tranches over the award' using errcode = '23514', constraint = 'award_tranches_within_award';
      end if;
      return null;
    end $$;
    create constraint trigger award_tranches_allowed after insert or update on award_tranches
      for each row execute function award_tranches_allowed();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table award_tranches, awards, scores, evaluations, application_attachments, application_indicators,
      application_areas, applications, call_protocol_counters, call_evaluators, call_criteria, call_areas, calls;
    drop function awards_within_budget();
    drop function award_tranches_allowed();
    update users set role = 'member' where role = 'evaluator';
    alter table users drop constraint users_role_check;
    alter table users add constraint users_role_check check (role in ('admin', 'operator', 'member'));
  `.execute(db)
}
