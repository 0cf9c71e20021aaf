import { Hono } from 'hono'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { download, uploadLimit } from '../../http/uploads.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { csvResponse } from '../reports/csv.ts'
import {
  createApplication,
  getApplication,
  listCallApplications,
  listOwnApplications,
  submitApplication,
  updateApplication,
} from './applications.ts'
import { ATTACHMENT_RULE, addAttachment, readAttachment, removeAttachment } from './attachments.ts'
import { addTranche, createAward, getAward, listCallAwards, listTeamAwards, recordTaxCode, updateTranche } from './awards.ts'
import { createCall, getCall, listCalls, updateCall } from './calls.ts'
import { decideAdmissibility, getAdmissibility, getOwnEvaluation, putScores } from './evaluation.ts'
import { awardsCsv } from './open-data.ts'
import { getRanking, publishRanking } from './ranking-service.ts'
import {
  AdmissibilityBody,
  ApplicationBody,
  ApplicationPatch,
  AttachmentQuery,
  AwardBody,
  CallBody,
  CallPatch,
  CallSummaryView,
  CallsQuery,
  ScoresBody,
  TaxCodeBody,
  TrancheBody,
  TranchePatch,
} from './schemas.ts'
import { callSummary } from './summary.ts'

/** The upload path, which takes a PDF body larger than the API's JSON limit (app.ts lets it through). */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/v1\/applications\/[^/]+\/attachments$/

/** The call (bando), CONTRACT §8: calls, applications, evaluation, ranking, awards, open data. */
export function callsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  // calls
  app.get('/calls', async (c) => {
    const q = readQuery(c, CallsQuery)
    const { calls, total } = await listCalls(db, c.get('user'), q)
    return paginated(c, calls, { ...q, total })
  })
  app.post('/calls', async (c) => {
    const admin = requireRole(c, 'admin')
    return c.json(await createCall(db, admin, await readBody(c, CallBody)), 201)
  })
  app.get('/calls/:id', async (c) => c.json(await getCall(db, c.get('user'), readId(c, 'id', 'call'))))
  app.patch('/calls/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'call')
    return c.json(await updateCall(db, admin, id, await readBody(c, CallPatch)))
  })
  app.get(
    '/calls/:id/summary',
    doc({
      tag: 'Calls',
      summary: 'The call in figures (admin)',
      description:
        'Submitted applications by status (drafts counted apart in `drafts`), budget committed and paid, hours granted and used, the same per priority area.',
      responses: { 200: CallSummaryView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await callSummary(db, requireUser(c), readId(c, 'id', 'call'))),
  )

  // applications
  app.post('/calls/:id/applications', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'call')
    return c.json(await createApplication(db, user, id, await readBody(c, ApplicationBody)), 201)
  })
  app.get('/calls/:id/applications', async (c) => c.json(await listCallApplications(db, requireUser(c), readId(c, 'id', 'call'))))
  app.get('/me/applications', async (c) => c.json(await listOwnApplications(db, requireUser(c))))
  app.get('/applications/:id', async (c) => c.json(await getApplication(db, requireUser(c), readId(c, 'id', 'application'))))
  app.patch('/applications/:id', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'application')
    return c.json(await updateApplication(db, user, id, await readBody(c, ApplicationPatch)))
  })
  app.post('/applications/:id/submit', async (c) => c.json(await submitApplication(db, requireUser(c), readId(c, 'id', 'application'))))

  // attachments: the raw PDF as the body, its kind and name in the query
  app.post('/applications/:id/attachments', uploadLimit(ATTACHMENT_RULE), async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'application')
    const q = readQuery(c, AttachmentQuery)
    const content = Buffer.from(await c.req.arrayBuffer())
    return c.json(await addAttachment(db, user, id, { kind: q.kind, filename: q.filename, content }), 201)
  })
  app.get('/applications/:id/attachments/:attachmentId', async (c) => {
    const user = requireUser(c)
    const file = await readAttachment(db, user, readId(c, 'id', 'application'), readId(c, 'attachmentId', 'attachment'))
    return download({ ...file, contentType: 'application/pdf' })
  })
  app.delete('/applications/:id/attachments/:attachmentId', async (c) => {
    await removeAttachment(db, requireUser(c), readId(c, 'id', 'application'), readId(c, 'attachmentId', 'attachment'))
    return c.body(null, 204)
  })

  // evaluation
  app.get('/applications/:id/admissibility', async (c) =>
    c.json(await getAdmissibility(db, requireUser(c), readId(c, 'id', 'application'))),
  )
  app.put('/applications/:id/admissibility', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'application')
    return c.json(await decideAdmissibility(db, admin, id, await readBody(c, AdmissibilityBody)))
  })
  app.get('/applications/:id/scores', async (c) => {
    const user = requireRole(c, 'evaluator', 'admin')
    return c.json(await getOwnEvaluation(db, user, readId(c, 'id', 'application')))
  })
  app.put('/applications/:id/scores', async (c) => {
    const user = requireRole(c, 'evaluator', 'admin')
    const id = readId(c, 'id', 'application')
    return c.json(await putScores(db, user, id, await readBody(c, ScoresBody)))
  })

  // ranking
  app.get('/calls/:id/ranking', async (c) => c.json(await getRanking(db, c.get('user'), readId(c, 'id', 'call'))))
  app.post('/calls/:id/ranking/publish', async (c) => c.json(await publishRanking(db, requireRole(c, 'admin'), readId(c, 'id', 'call'))))

  // awards
  app.post('/calls/:id/awards', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'call')
    return c.json(await createAward(db, admin, id, await readBody(c, AwardBody)), 201)
  })
  app.get('/calls/:id/awards', async (c) => c.json(await listCallAwards(db, requireUser(c), readId(c, 'id', 'call'))))
  app.get('/awards/:id', async (c) => c.json(await getAward(db, requireUser(c), readId(c, 'id', 'award'))))
  app.post('/awards/:id/tax-code', async (c) => {
    const user = requireUser(c)
    const id = readId(c, 'id', 'award')
    return c.json(await recordTaxCode(db, user, id, await readBody(c, TaxCodeBody)))
  })
  app.post('/awards/:id/tranches', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'award')
    return c.json(await addTranche(db, admin, id, await readBody(c, TrancheBody)), 201)
  })
  app.patch('/tranches/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'tranche')
    return c.json(await updateTranche(db, admin, id, await readBody(c, TranchePatch)))
  })
  app.get('/teams/:id/awards', async (c) => c.json(await listTeamAwards(db, requireUser(c), readId(c, 'id', 'team'))))

  // open data: public
  app.get(
    '/open-data/awards.csv',
    doc({
      tag: 'Open data',
      summary: 'The awards of the calls, as CSV (public)',
      responses: { 200: { description: 'CSV, one row per award.', contentType: 'text/csv' } },
    }),
    async () => {
      const res = csvResponse(await awardsCsv(db), 'awards.csv')
      res.headers.set('Cache-Control', 'public, max-age=300')
      return res
    },
  )

  return app
}
