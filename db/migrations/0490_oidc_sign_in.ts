import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * SPID/CIE sign-in through the Comune's OpenID Connect provider.
 * - users.fiscal_code: the person's codice fiscale, the identity key of an OIDC sign-in (one account per code).
 * - sessions.id_token: the ID token of an OIDC session, sent back as id_token_hint at RP-initiated logout.
 * - oidc_flows: an authorization request in flight (state, nonce, PKCE verifier, where to go next), shared by
 *   every server process; used once (used_at) and short-lived. Only hashes of the browser binding are stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users add column fiscal_code text;
    alter table users add constraint users_fiscal_code_format check (fiscal_code ~ '^[A-Z0-9]{16}$');
    create unique index users_fiscal_code_key on users (fiscal_code);

    alter table sessions add column id_token text;

    create table oidc_flows (
      state text primary key,
      browser_hash text not null,
      nonce text not null,
      code_verifier text not null,
      next_path text not null check (next_path like '/%'),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index oidc_flows_expires_idx on oidc_flows (expires_at);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists oidc_flows;
    alter table sessions drop column if exists id_token;
    alter table users drop column if exists fiscal_code;
  `.execute(db)
}
