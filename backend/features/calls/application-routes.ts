import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { download, uploadLimit } from '../../http/uploads.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import {
  createApplication,
  getApplication,
  listCallApplications,
  listOwnApplications,
  submitApplication,
  updateApplication,
} from './applications.ts'
import { ATTACHMENT_RULE, addAttachment, readAttachment, removeAttachment } from './attachments.ts'
import { ApplicationBody, ApplicationPatch, AttachmentQuery } from './schemas.ts'
import { ApplicationCreatedSchema, ApplicationViewSchema, AttachmentViewSchema, SubmittedSchema } from './views.ts'

/** Applications to a call: drafted, saved as one goes, submitted before the deadline (CONTRACT §8). */
export function applicationRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/calls/:id/applications',
    doc({
      tag: 'Calls',
      summary: 'Start an application to an open call, as a draft (any signed-in person)',
      description:
        'Between `opensAt` (included) and `closesAt` (excluded) by the server’s clock: 409 `call_not_open` before, `call_closed` after; a draft call is 404.',
      body: ApplicationBody,
      responses: { 201: ApplicationCreatedSchema },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'call')
      return c.json(await createApplication(db, user, id, await readBody(c, ApplicationBody)), 201)
    },
  )
  app.get(
    '/calls/:id/applications',
    doc({
      tag: 'Calls',
      summary: 'A call’s submitted applications, by protocol number (admin, the call’s evaluators)',
      description: 'Evaluators see the promoters’ names only, and no `applicantUserId`; anyone else is 403.',
      responses: { 200: z.array(ApplicationViewSchema) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await listCallApplications(db, requireUser(c), readId(c, 'id', 'call'))),
  )
  app.get(
    '/me/applications',
    doc({
      tag: 'Calls',
      summary: 'The signed-in person’s applications, newest first (drafts included)',
      responses: { 200: z.array(ApplicationViewSchema) },
      problems: ['unauthorized'],
    }),
    async (c) => c.json(await listOwnApplications(db, requireUser(c))),
  )
  app.get(
    '/applications/:id',
    doc({
      tag: 'Calls',
      summary: 'An application (its applicant, the Comune, the call’s evaluators once submitted; 404 for anyone else)',
      responses: { 200: ApplicationViewSchema },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await getApplication(db, requireUser(c), readId(c, 'id', 'application'))),
  )
  app.patch(
    '/applications/:id',
    doc({
      tag: 'Calls',
      summary: 'Save changes to one’s draft while the call is open (its applicant)',
      description: 'Only the fields given change; 409 `not_draft` once submitted, `call_closed` after the deadline.',
      body: ApplicationPatch,
      responses: { 200: ApplicationViewSchema },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'application')
      return c.json(await updateApplication(db, user, id, await readBody(c, ApplicationPatch)))
    },
  )
  app.post(
    '/applications/:id/submit',
    doc({
      tag: 'Calls',
      summary: 'Submit one’s draft before the deadline: a protocol number and a receipt by email (its applicant)',
      description:
        'Protocol numbers are gapless per call. A summary is required, and promoters for an informal group or a codice fiscale for an entity (400); 409 `not_draft` or `call_closed`.',
      responses: { 200: SubmittedSchema },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => c.json(await submitApplication(db, requireUser(c), readId(c, 'id', 'application'))),
  )
  return app
}

/** An application's PDFs: the raw PDF as the body, its kind and name in the query. */
export function attachmentRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/applications/:id/attachments',
    doc({
      tag: 'Calls',
      summary: 'Attach a PDF to one’s draft (its applicant)',
      description:
        'The raw PDF is the body (`Content-Type: application/pdf`), its kind (`project`, or a document the call requires) and name in the query. Judged a PDF by its content (415 otherwise), at most 5 MiB (413); 409 `not_draft` once submitted.',
      query: AttachmentQuery,
      responses: { 201: AttachmentViewSchema },
      problems: ['unauthorized', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type'],
    }),
    uploadLimit(ATTACHMENT_RULE),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'application')
      const q = readQuery(c, AttachmentQuery)
      const content = Buffer.from(await c.req.arrayBuffer())
      return c.json(await addAttachment(db, user, id, { kind: q.kind, filename: q.filename, content }), 201)
    },
  )
  app.get(
    '/applications/:id/attachments/:attachmentId',
    doc({
      tag: 'Calls',
      summary: 'Download an application’s PDF (whoever may read the application)',
      description: 'Served as a download (`Content-Disposition: attachment`, `nosniff`, never cached); 404 for anyone else.',
      responses: { 200: { description: 'The PDF, as uploaded', contentType: 'application/pdf' } },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      const file = await readAttachment(db, user, readId(c, 'id', 'application'), readId(c, 'attachmentId', 'attachment'))
      return download({ ...file, contentType: 'application/pdf' })
    },
  )
  app.delete(
    '/applications/:id/attachments/:attachmentId',
    doc({
      tag: 'Calls',
      summary: 'Remove a PDF from one’s draft (its applicant)',
      responses: { 204: { description: 'Removed' } },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => {
      await removeAttachment(db, requireUser(c), readId(c, 'id', 'application'), readId(c, 'attachmentId', 'attachment'))
      return c.body(null, 204)
    },
  )
  return app
}
