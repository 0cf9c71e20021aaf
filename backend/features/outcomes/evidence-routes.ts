import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { download, uploadLimit } from '../../http/uploads.ts'
import { readId, readQuery } from '../../http/validation.ts'
import { addEvidence, EVIDENCE_RULE, EvidenceQuery, EvidenceView, listEvidence, readEvidence, removeEvidence } from './evidence.ts'

/** The evidence upload path, which takes a file body larger than the API's JSON limit (app.ts lets it through). */
export const EVIDENCE_UPLOAD_PATH = /^\/api\/v1\/progress-reports\/[^/]+\/evidence$/

/** The evidence attached to a progress report: upload, list, download, remove (docs/outcomes.md). */
export function evidenceRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  // evidence: the raw file as the body (a PDF or a JPEG/PNG image), its name in the query
  app.post(
    '/progress-reports/:id/evidence',
    doc({
      tag: 'Outcomes',
      summary: 'Attach evidence to a progress report (its team, before review)',
      description:
        'The raw file is the body (`Content-Type` of the file), its name in `?filename=`. PDF, JPEG or PNG, judged by the content (415 otherwise), at most 5 MiB (413), at most 10 per report (409 `too_many_files`). Only a member of the reporting team, while the report is `submitted` (409 `already_reviewed` after); anyone who may not see the report gets 404.',
      query: EvidenceQuery,
      responses: { 201: EvidenceView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type'],
    }),
    uploadLimit(EVIDENCE_RULE),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'progressReport')
      const { filename } = readQuery(c, EvidenceQuery)
      const content = Buffer.from(await c.req.arrayBuffer())
      return c.json(await addEvidence(db, user, id, { filename, content }), 201)
    },
  )
  app.get(
    '/progress-reports/:id/evidence',
    doc({
      tag: 'Outcomes',
      summary: 'A progress report’s evidence files (the team and the reviewers)',
      description: 'The reporting team’s members, the Comune and the operator of a hub the team works in; 404 for anyone else.',
      responses: { 200: z.array(EvidenceView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listEvidence(db, requireUser(c), readId(c, 'id', 'progressReport'))),
  )
  app.get(
    '/progress-reports/:id/evidence/:evidenceId',
    doc({
      tag: 'Outcomes',
      summary: 'Download one evidence file (the team and the reviewers)',
      description:
        'Served as a download (`Content-Disposition: attachment`, `nosniff`, never cached); 404 for anyone who may not see the report.',
      responses: {
        200: {
          description: 'The file, as uploaded, with the type judged from its content',
          contentType: 'application/pdf',
          also: { 'image/jpeg': 'string', 'image/png': 'string' },
        },
      },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return download(await readEvidence(db, user, readId(c, 'id', 'progressReport'), readId(c, 'evidenceId', 'evidence')))
    },
  )
  app.delete(
    '/progress-reports/:id/evidence/:evidenceId',
    doc({
      tag: 'Outcomes',
      summary: 'Remove an evidence file (its team, before review)',
      responses: { 204: { description: 'Removed' } },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      await removeEvidence(db, requireUser(c), readId(c, 'id', 'progressReport'), readId(c, 'evidenceId', 'evidence'))
      return c.body(null, 204)
    },
  )

  return app
}
