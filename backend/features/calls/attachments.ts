import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { checkUpload, type UploadRule } from '../../http/uploads.ts'
import { ownDraft, visibleApplication } from './applications.ts'
import { applicationText } from './messages.ts'

/**
 * An application's PDFs, stored in PostgreSQL (in the application's transaction and in every backup).
 * The type is judged by the content, never by the name or the declared type; only the applicant, the
 * Comune and the call's evaluators ever read them.
 */

export const ATTACHMENT_RULE: UploadRule = {
  maxBytes: 5 * 1024 * 1024,
  types: ['application/pdf'],
  tooLarge: applicationText.tooLarge,
  wrongType: applicationText.notPdf,
}

export async function addAttachment(
  db: Kysely<Database>,
  user: SessionUser,
  applicationId: string,
  file: { kind: string; filename: string; content: Buffer },
) {
  const checked = await checkUpload(file.content, ATTACHMENT_RULE)
  return db.transaction().execute(async (trx) => {
    await ownDraft(trx, user, applicationId, new Date())
    const saved = await trx
      .insertInto('application_attachments')
      .values({
        application_id: applicationId,
        kind: file.kind,
        filename: file.filename,
        size_bytes: checked.sizeBytes,
        sha256: checked.sha256,
        content: file.content,
        uploaded_by: user.id,
      })
      .returning(['id', 'kind', 'filename', 'size_bytes', 'created_at'])
      .executeTakeFirstOrThrow()
    await trx.updateTable('applications').set({ updated_at: new Date() }).where('id', '=', applicationId).execute()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'application.attachment_added',
      entity: 'application',
      entityId: applicationId,
      details: { attachmentId: saved.id, kind: file.kind, sizeBytes: saved.size_bytes },
    })
    return { id: saved.id, kind: saved.kind, filename: saved.filename, sizeBytes: saved.size_bytes }
  })
}

export async function readAttachment(db: Kysely<Database>, user: SessionUser, applicationId: string, attachmentId: string) {
  await visibleApplication(db, user, applicationId)
  const file = await db
    .selectFrom('application_attachments')
    .select(['filename', 'content', 'size_bytes'])
    .where('id', '=', attachmentId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  if (!file) throw problems.notFound('attachment')
  return file
}

export async function removeAttachment(db: Kysely<Database>, user: SessionUser, applicationId: string, attachmentId: string) {
  await db.transaction().execute(async (trx) => {
    await ownDraft(trx, user, applicationId, new Date())
    const gone = await trx
      .deleteFrom('application_attachments')
      .where('id', '=', attachmentId)
      .where('application_id', '=', applicationId)
      .returning('id')
      .executeTakeFirst()
    if (!gone) throw problems.notFound('attachment')
  })
}
