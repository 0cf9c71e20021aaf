import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isTeamMember } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { AppError, problems } from '../../http/problem.ts'
import { checkUpload, type UploadRule, uploadFilename } from '../../http/uploads.ts'
import { outcomeText } from './messages.ts'
import { visibleReport } from './progress-reports.ts'

/**
 * A progress report's evidence: PDFs and JPEG/PNG images, checked and stored by the same module as an
 * application's attachments (backend/http/uploads.ts). Only the reporting team and the report's reviewers
 * (the Comune, the operator of a hub the team works in) ever see them: anyone else gets 404, as for the
 * report itself. The team adds and removes files while the report awaits review.
 */
export const EVIDENCE_RULE: UploadRule = {
  maxBytes: 5 * 1024 * 1024,
  types: ['application/pdf', 'image/jpeg', 'image/png'],
  tooLarge: outcomeText.evidenceTooLarge,
  wrongType: outcomeText.evidenceType,
}
const MAX_FILES = 10

export const EvidenceQuery = z.object({ filename: uploadFilename })
export const EvidenceView = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
})
export type EvidenceItem = z.infer<typeof EvidenceView>

/** The evidence of some reports, by report id (no content). */
export async function evidenceOf(db: Kysely<Database>, reportIds: string[]): Promise<Map<string, EvidenceItem[]>> {
  const rows = reportIds.length
    ? await db
        .selectFrom('progress_report_evidence')
        .select(['id', 'report_id', 'filename', 'content_type', 'size_bytes', 'created_at'])
        .where('report_id', 'in', reportIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : []
  const byReport = new Map<string, EvidenceItem[]>()
  for (const r of rows) {
    const list = byReport.get(r.report_id) ?? []
    list.push({
      id: r.id,
      filename: r.filename,
      contentType: r.content_type,
      sizeBytes: r.size_bytes,
      uploadedAt: r.created_at.toISOString(),
    })
    byReport.set(r.report_id, list)
  }
  return byReport
}

/** The report, if the user is one of its team's members and it still awaits review. */
async function reportOpenToTeam(db: Kysely<Database>, user: SessionUser, reportId: string) {
  const row = await visibleReport(db, user, reportId)
  if (!(await isTeamMember(db, user.id, row.team_id))) throw problems.forbidden(outcomeText.onlyMembers())
  if (row.status !== 'submitted') throw new AppError('conflict', outcomeText.evidenceClosed(), { reason: 'already_reviewed' })
  return row
}

export async function addEvidence(db: Kysely<Database>, user: SessionUser, reportId: string, file: { filename: string; content: Buffer }) {
  const checked = await checkUpload(file.content, EVIDENCE_RULE)
  const row = await reportOpenToTeam(db, user, reportId)
  return db.transaction().execute(async (trx) => {
    // the report's row is the lock: two uploads racing for the last place count one after the other
    await trx.selectFrom('progress_reports').select('id').where('id', '=', reportId).forUpdate().execute()
    const { n } = await trx
      .selectFrom('progress_report_evidence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow()
    if (Number(n) >= MAX_FILES)
      throw new AppError('conflict', outcomeText.tooManyEvidence({ max: MAX_FILES }), { reason: 'too_many_files' })
    const saved = await trx
      .insertInto('progress_report_evidence')
      .values({
        report_id: reportId,
        filename: file.filename,
        content_type: checked.contentType as EvidenceItem['contentType'],
        size_bytes: checked.sizeBytes,
        sha256: checked.sha256,
        content: file.content,
        uploaded_by: user.id,
      })
      .returning(['id', 'filename', 'content_type', 'size_bytes', 'created_at'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'progress_report.evidence_added',
      entity: 'progress_report',
      entityId: reportId,
      details: { teamId: row.team_id, evidenceId: saved.id, contentType: saved.content_type, sizeBytes: saved.size_bytes },
    })
    return {
      id: saved.id,
      filename: saved.filename,
      contentType: saved.content_type,
      sizeBytes: saved.size_bytes,
      uploadedAt: saved.created_at.toISOString(),
    } satisfies EvidenceItem
  })
}

export async function listEvidence(db: Kysely<Database>, user: SessionUser, reportId: string) {
  await visibleReport(db, user, reportId)
  return (await evidenceOf(db, [reportId])).get(reportId) ?? []
}

export async function readEvidence(db: Kysely<Database>, user: SessionUser, reportId: string, evidenceId: string) {
  await visibleReport(db, user, reportId)
  const file = await db
    .selectFrom('progress_report_evidence')
    .select(['filename', 'content_type as contentType', 'content'])
    .where('id', '=', evidenceId)
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  if (!file) throw problems.notFound('evidence')
  return file
}

export async function removeEvidence(db: Kysely<Database>, user: SessionUser, reportId: string, evidenceId: string) {
  const row = await reportOpenToTeam(db, user, reportId)
  await db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('progress_report_evidence')
      .where('id', '=', evidenceId)
      .where('report_id', '=', reportId)
      .returning('id')
      .executeTakeFirst()
    if (!gone) throw problems.notFound('evidence')
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'progress_report.evidence_removed',
      entity: 'progress_report',
      entityId: reportId,
      details: { teamId: row.team_id, evidenceId },
    })
  })
}
