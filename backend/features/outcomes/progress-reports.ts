import type { Kysely, Selectable, Transaction } from 'kysely'
import { z } from 'zod'
import type { Database, ProgressReportStatus, ProgressReportsTable } from '../../../db/schema.ts'
import { renderProgressEmail } from '../../../emails/progress-reports.ts'
import { recordAudit } from '../../audit.ts'
import { canSeeTeam, isStaff, isTeamMember, managedHubIds, mayReviewTeam, seesProgressReport } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { AppError, problems } from '../../http/problem.ts'
import { isoDate, text } from '../../http/validation.ts'
import { enqueue } from '../../outbox/enqueue.ts'
import { outboxSettings } from '../../outbox/settings.ts'
import { callsOfTeam } from './call-link.ts'
import { assertActiveCategories, CategoryKey } from './categories.ts'
import { type EvidenceItem, EvidenceView, evidenceOf } from './evidence.ts'
import { indicatorsOfCalls } from './indicators.ts'
import { message, outcomeText } from './messages.ts'
import { teamRecipients } from './team-reach.ts'

/** A period is half-open [from, to), as everywhere in the API (a quarter: 2027-01-01 → 2027-04-01). */
export const ProgressReportBody = z
  .object({
    from: isoDate,
    to: isoDate,
    values: z
      .array(z.object({ indicatorId: z.uuid(), value: z.number().min(0).max(1e12) }))
      .max(200)
      .default([])
      .refine((items) => new Set(items.map((i) => i.indicatorId)).size === items.length, fieldMessage(outcomeText.duplicateIndicator)),
    participantsByCategory: z
      .record(CategoryKey, z.number().int().min(0).max(1_000_000))
      .refine((r) => Object.keys(r).length <= 50, 'at most 50 categories')
      .nullish(),
    narrative: text(5000),
  })
  .refine((b) => b.from < b.to, { message: fieldMessage(outcomeText.periodOrder), path: ['to'] })
export type ProgressReportInput = z.output<typeof ProgressReportBody>

export const ReturnBody = z.object({ comment: text(2000) })
export const QueueQuery = z.object({ status: z.enum(['submitted', 'accepted', 'returned']).default('submitted') })

/** The answer schema (OpenAPI) of a ProgressReportView. */
export const ProgressReportViewSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['submitted', 'accepted', 'returned']),
  narrative: z.string(),
  values: z.array(z.object({ indicatorId: z.uuid(), value: z.number() })),
  participantsByCategory: z.record(z.string(), z.number()).nullable(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  // lazy: evidence.ts imports this module back
  evidence: z.array(z.lazy(() => EvidenceView)),
})

export interface ProgressReportView {
  id: string
  teamId: string
  teamName: string
  from: string
  to: string
  status: ProgressReportStatus
  narrative: string
  values: Array<{ indicatorId: string; value: number }>
  participantsByCategory: Record<string, number> | null
  submittedAt: string
  submittedBy: string | null
  reviewedAt: string | null
  reviewComment: string | null
  evidence: EvidenceItem[]
}

type ReportRow = Selectable<ProgressReportsTable> & { team_name: string }

async function toViews(db: Kysely<Database>, rows: ReportRow[]): Promise<ProgressReportView[]> {
  const ids = rows.map((r) => r.id)
  const values = ids.length
    ? await db.selectFrom('progress_report_values').select(['report_id', 'indicator_id', 'value']).where('report_id', 'in', ids).execute()
    : []
  const submitters = rows.map((r) => r.submitted_by).filter((u): u is string => !!u)
  const names = submitters.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', submitters).execute() : []
  const evidence = await evidenceOf(db, ids)
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    from: r.from_date,
    to: r.to_date,
    status: r.status,
    narrative: r.narrative,
    values: values.filter((v) => v.report_id === r.id).map((v) => ({ indicatorId: v.indicator_id, value: Number(v.value) })),
    participantsByCategory: r.participants_by_category,
    submittedAt: r.submitted_at.toISOString(),
    submittedBy: names.find((n) => n.id === r.submitted_by)?.name ?? null,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    reviewComment: r.review_comment,
    evidence: evidence.get(r.id) ?? [],
  }))
}

function reportsQuery(db: Kysely<Database>) {
  return db.selectFrom('progress_reports as r').innerJoin('teams as t', 't.id', 'r.team_id').selectAll('r').select('t.name as team_name')
}

/** The reported indicators a team may give values for: those of the calls that fund it. */
export async function reportableIndicators(db: Kysely<Database>, teamId: string) {
  return (await indicatorsOfCalls(db, await callsOfTeam(db, teamId))).filter((i) => i.source === 'reported')
}

export async function submitProgressReport(db: Kysely<Database>, user: SessionUser, teamId: string, body: ProgressReportInput) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()
  if (!team || !(await canSeeTeam(db, user, teamId))) throw problems.notFound('team')
  if (!(await isTeamMember(db, user.id, teamId))) throw problems.forbidden(message('onlyMembers'))

  const allowed = new Set((await reportableIndicators(db, teamId)).map((i) => i.id))
  const wrong = body.values.map((v, index) => ({ v, index })).filter(({ v }) => !allowed.has(v.indicatorId))
  if (wrong.length)
    throw problems.validation(wrong.map(({ index }) => ({ path: `values.${index}.indicatorId`, message: message('notReportedIndicator') })))
  await assertActiveCategories(db, Object.keys(body.participantsByCategory ?? {}), 'participantsByCategory')

  const overlapping = await db
    .selectFrom('progress_reports')
    .select('id')
    .where('team_id', '=', teamId)
    .where('status', 'in', ['submitted', 'accepted'])
    .where('from_date', '<', body.to)
    .where('to_date', '>', body.from)
    .executeTakeFirst()
  if (overlapping) throw new AppError('conflict', message('periodOverlaps'), { reason: 'period_overlaps', reportId: overlapping.id })

  return db.transaction().execute(async (trx) => {
    // the exclusion constraint (0450) referees two submissions racing for the same period
    const row = await trx
      .insertInto('progress_reports')
      .values({
        team_id: teamId,
        from_date: body.from,
        to_date: body.to,
        narrative: body.narrative,
        participants_by_category: body.participantsByCategory ? JSON.stringify(body.participantsByCategory) : null,
        submitted_by: user.id,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow()
    if (body.values.length) {
      await trx
        .insertInto('progress_report_values')
        .values(body.values.map((v) => ({ report_id: row.id, indicator_id: v.indicatorId, value: v.value })))
        .execute()
    }
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'progress_report.submit',
      entity: 'progress_report',
      entityId: row.id,
      details: { teamId, from: body.from, to: body.to },
    })
    return { id: row.id, status: row.status }
  })
}

/** The team's reports, newest period first (its members and staff). */
export async function listTeamReports(db: Kysely<Database>, user: SessionUser, teamId: string) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()
  if (!team || !(await canSeeTeam(db, user, teamId))) throw problems.notFound('team')
  const rows = await reportsQuery(db)
    .where('r.team_id', '=', teamId)
    .orderBy('r.from_date', 'desc')
    .orderBy('r.submitted_at', 'desc')
    .execute()
  return toViews(db, rows)
}

/** The report, if the user is a member of its team or may review it; 404 otherwise. */
export async function visibleReport(db: Kysely<Database>, user: SessionUser, id: string): Promise<ReportRow> {
  const row = await reportsQuery(db).where('r.id', '=', id).executeTakeFirst()
  if (!row) throw problems.notFound('progressReport')
  if (!(await seesProgressReport(db, user, row))) throw problems.notFound('progressReport')
  return row
}

export async function getReport(db: Kysely<Database>, user: SessionUser, id: string) {
  const [view] = await toViews(db, [await visibleReport(db, user, id)])
  return view
}

/** The reviewer's queue: reports in a status, of the teams the user may review, oldest first. */
export async function reviewQueue(db: Kysely<Database>, user: SessionUser, status: ProgressReportStatus) {
  if (!isStaff(user)) throw problems.forbidden(message('onlyReviewers'))
  const rows = await reportsQuery(db).where('r.status', '=', status).orderBy('r.submitted_at').limit(1000).execute()
  const managed = await managedHubIds(db, user)
  if (managed === 'all') return toViews(db, rows)
  const visible: ReportRow[] = []
  for (const teamId of new Set(rows.map((r) => r.team_id))) {
    if (await mayReviewTeam(db, user, teamId)) visible.push(...rows.filter((r) => r.team_id === teamId))
  }
  visible.sort((a, b) => a.submitted_at.getTime() - b.submitted_at.getTime())
  return toViews(db, visible)
}

export async function reviewReport(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
  decision: { status: 'accepted' } | { status: 'returned'; comment: string },
) {
  const row = await visibleReport(db, user, id)
  if (!(await mayReviewTeam(db, user, row.team_id))) throw problems.forbidden(message('onlyReviewers'))
  const comment = decision.status === 'returned' ? decision.comment : null
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('progress_reports')
      .set({ status: decision.status, reviewed_by: user.id, reviewed_at: new Date(), review_comment: comment })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw new AppError('conflict', message('notReviewable'), { reason: 'already_reviewed' })
    await recordAudit(trx, {
      actorUserId: user.id,
      action: decision.status === 'accepted' ? 'progress_report.accept' : 'progress_report.return',
      entity: 'progress_report',
      entityId: id,
      details: comment ? { comment } : {},
    })
    await notifyReviewed(trx, row, decision.status, comment)
  })
  return getReport(db, user, id)
}

async function notifyReviewed(trx: Transaction<Database>, row: ReportRow, status: 'accepted' | 'returned', comment: string | null) {
  const { teamName, recipients } = await teamRecipients(trx, row.team_id)
  const url = `${outboxSettings().publicUrl}/progress-reports?team=${row.team_id}`
  await enqueue(
    trx,
    recipients.map((recipient) => ({
      kind: `progress_report.${status}`,
      recipient,
      email: renderProgressEmail({ kind: status, teamName, from: row.from_date, to: row.to_date, comment, url }, recipient.locale),
      dedupeKey: `progress-report:${row.id}:${status}:${recipient.email}`,
    })),
  )
}
