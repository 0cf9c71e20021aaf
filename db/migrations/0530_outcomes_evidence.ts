import { type Kysely, sql } from 'kysely'

// Frozen in time: migrations take Kysely<any> and never import application code.

/**
 * A progress report's evidence (issue 16): PDFs and JPEG/PNG images, kept in the database like an
 * application's attachments (0440): transactional with the report, and in every backup.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table progress_report_evidence (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references progress_reports(id) on delete cascade,
      filename text not null check (length(filename) between 1 and 200),
      content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer not null check (size_bytes between 1 and 10485760),
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (octet_length(content) = size_bytes)
    );
    create index progress_report_evidence_report_idx on progress_report_evidence (report_id);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists progress_report_evidence`.execute(db)
}
