import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * Invitations to join a team. A member who adds an email no longer links an account: an invitation is
 * emailed, and only the person who accepts it (signed in with that email, or signing up through the link)
 * joins. Only the token's hash is stored; an invitation is pending until accepted, revoked or expired.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table team_invitations (
      id uuid primary key default gen_random_uuid(),
      team_id uuid not null references teams(id) on delete cascade,
      email text not null check (email = lower(email)),
      token_hash text not null unique,
      invited_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references users(id) on delete set null,
      revoked_at timestamptz
    );
    create index team_invitations_team_idx on team_invitations (team_id, created_at);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists team_invitations`.execute(db)
}
