import { type Insertable, type Kysely, sql } from 'kysely'
import { precompiled } from '../../../db/precompiled.ts'
import type { AuditLogTable, BookingStatus, Database, IdempotencyKeysTable } from '../../../db/schema.ts'
import type { SeriesColumns } from '../../outbox/booking-groups.ts'
import { type NewMessage, outboxColumns } from '../../outbox/enqueue.ts'
import type { Interval } from '../../time.ts'

/** Everything one create writes in its bookings' INSERT (bookings/service.ts insertPlanned). */
export interface BookingsWrite {
  labId: string
  teamId: string | null
  title: string
  status: BookingStatus
  expectedParticipants: number | null
  createdBy: string
  /** The rows' created_at and updated_at. */
  now: Date
  /** One per booking, in the order of the slots. */
  ids: string[]
  slots: Interval[]
  series: (SeriesColumns & { id: string }) | null
  audit: Insertable<AuditLogTable>
  messages: NewMessage[]
  /** The answer kept under the request's Idempotency-Key, when it has one. */
  answer?: Insertable<IdempotencyKeysTable>
}

/**
 * The statement's arguments: one value per column that is the same for every booking, one array per column
 * that differs (ids, starts, ends; each message's columns), null for what is absent (no series, no key). Instants
 * go as ISO strings, as tstzrange() sends them.
 */
export function bookingsInsertArguments(w: BookingsWrite) {
  const { series, audit, answer } = w
  // each message's columns as the outbox takes them (outboxColumns), sent as one array per column
  const rows = w.messages.map(outboxColumns)
  const starts: string[] = new Array(w.slots.length)
  const ends: string[] = new Array(w.slots.length)
  for (let i = 0; i < w.slots.length; i++) {
    starts[i] = w.slots[i].start.toISOString()
    ends[i] = w.slots[i].end.toISOString()
  }
  return {
    labId: w.labId,
    teamId: w.teamId,
    title: w.title,
    status: w.status,
    expectedParticipants: w.expectedParticipants,
    createdBy: w.createdBy,
    now: w.now.toISOString(),
    ids: w.ids,
    starts,
    ends,
    seriesId: series?.id ?? null,
    rrule: series?.rrule ?? null,
    dtstart: series ? new Date(series.dtstart).toISOString() : null,
    durationMinutes: series?.duration_minutes ?? null,
    seriesTitle: series?.title ?? null,
    seriesCreatedBy: series?.created_by ?? null,
    auditActor: audit.actor_user_id ?? null,
    auditAction: audit.action,
    auditEntity: audit.entity,
    auditEntityId: audit.entity_id ?? null,
    auditDetails: audit.details ?? '{}',
    kinds: rows.map((r) => r.kind),
    recipients: rows.map((r) => r.recipient),
    locales: rows.map((r) => r.locale),
    subjects: rows.map((r) => r.subject),
    htmls: rows.map((r) => r.html),
    texts: rows.map((r) => r.text),
    attachments: rows.map((r) => r.attachments),
    dedupeKeys: rows.map((r) => r.dedupe_key),
    notBefore: rows.map((r) => r.not_before?.toISOString() ?? null),
    bookingIds: rows.map((r) => r.booking_id),
    bookingStarts: rows.map((r) => r.booking_start?.toISOString() ?? null),
    renders: rows.map((r) => r.render),
    answerUser: answer?.user_id ?? null,
    answerKey: answer?.key ?? null,
    answerStatus: answer?.status_code ?? null,
    answerResponse: answer?.response ?? null,
  }
}

type Arguments = ReturnType<typeof bookingsInsertArguments>

/**
 * The bookings' INSERT with the audit row, the series row, the outbox rows and the kept answer as its CTEs: one
 * statement, all or nothing (issue 18). Its text is the same whatever the number of bookings and messages — the
 * rows come as arrays (`unnest`), the series and the answer are written only when their key is not null — so it
 * is built and compiled once (db/precompiled.ts) and prepared once per connection (db/connect.ts), where a 52-week
 * series was 700 parameters of a text Kysely built for each request and PostgreSQL parsed for each.
 */
const insertBookingsStatement = precompiled((db, a: Arguments) =>
  db
    .with('audit', (w) =>
      w.insertInto('audit_log').values({
        actor_user_id: sql<string>`${a.auditActor}::uuid`,
        action: a.auditAction,
        entity: a.auditEntity,
        entity_id: sql<string>`${a.auditEntityId}::uuid`,
        details: sql<string>`${a.auditDetails}::jsonb`,
      }),
    )
    .with('series', (w) =>
      w
        .insertInto('booking_series')
        .columns(['id', 'rrule', 'dtstart', 'duration_minutes', 'title', 'created_by', 'lab_id', 'team_id'])
        .expression(
          sql`select ${a.seriesId}::uuid, ${a.rrule}::text, ${a.dtstart}::timestamptz, ${a.durationMinutes}::integer,
            ${a.seriesTitle}::text, ${a.seriesCreatedBy}::uuid, ${a.labId}::uuid, ${a.teamId}::uuid
          where ${a.seriesId}::uuid is not null`,
        ),
    )
    .with('outbox', (w) =>
      w
        .insertInto('outbox')
        .columns([
          'kind',
          'recipient',
          'locale',
          'subject',
          'html',
          'text',
          'attachments',
          'dedupe_key',
          'next_attempt_at',
          'booking_id',
          'booking_start',
          'render',
        ])
        .expression(
          sql`select m.kind, m.recipient, m.locale, m.subject, m.html, m.text, m.attachments::jsonb, m.dedupe_key,
            coalesce(m.not_before, now()), m.booking_id, m.booking_start, m.render::jsonb
          from unnest(${a.kinds}::text[], ${a.recipients}::text[], ${a.locales}::text[], ${a.subjects}::text[],
            ${a.htmls}::text[], ${a.texts}::text[], ${a.attachments}::text[], ${a.dedupeKeys}::text[],
            ${a.notBefore}::timestamptz[], ${a.bookingIds}::uuid[], ${a.bookingStarts}::timestamptz[], ${a.renders}::text[])
            as m(kind, recipient, locale, subject, html, text, attachments, dedupe_key, not_before, booking_id,
              booking_start, render)`,
        )
        .onConflict((oc) => oc.column('dedupe_key').doNothing()),
    )
    .with('answer', (w) =>
      w
        .insertInto('idempotency_keys')
        .columns(['user_id', 'key', 'status_code', 'response'])
        .expression(
          sql`select ${a.answerUser}::uuid, ${a.answerKey}::text, ${a.answerStatus}::integer, ${a.answerResponse}::jsonb
          where ${a.answerKey}::text is not null`,
        ),
    )
    .insertInto('bookings')
    .columns([
      'id',
      'series_id',
      'lab_id',
      'team_id',
      'title',
      'during',
      'status',
      'expected_participants',
      'created_by',
      'sequence',
      'created_at',
      'updated_at',
    ])
    .expression(
      sql`select r.id, ${a.seriesId}::uuid, ${a.labId}::uuid, ${a.teamId}::uuid, ${a.title}::text,
        tstzrange(r.start_at, r.end_at, '[)'), ${a.status}::text, ${a.expectedParticipants}::integer, ${a.createdBy}::uuid, 0,
        ${a.now}::timestamptz, ${a.now}::timestamptz
      from unnest(${a.ids}::uuid[], ${a.starts}::timestamptz[], ${a.ends}::timestamptz[]) as r(id, start_at, end_at)`,
    ),
)

/** Writes the bookings of one create with everything else it writes, in one statement (insertBookingsStatement). */
export async function insertBookingsAtOnce(db: Kysely<Database>, w: BookingsWrite): Promise<void> {
  await insertBookingsStatement(db, bookingsInsertArguments(w))
}
