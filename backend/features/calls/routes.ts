import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { csvResponse } from '../reports/csv.ts'
import { applicationRoutes, attachmentRoutes } from './application-routes.ts'
import { awardRoutes, trancheRoutes } from './award-routes.ts'
import { createCall, getCall, listCalls, updateCall } from './calls.ts'
import { evaluationRoutes, rankingRoutes } from './evaluation-routes.ts'
import { awardsCsv } from './open-data.ts'
import { CallBody, CallPatch, CallSummaryView, CallsQuery } from './schemas.ts'
import { callSummary } from './summary.ts'
import { CallViewSchema } from './views.ts'

/** The upload path, which takes a PDF body larger than the API's JSON limit (app.ts lets it through). */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/v1\/applications\/[^/]+\/attachments$/

/**
 * The call (bando), CONTRACT §8: the calls themselves and their open data here; applications and their
 * attachments, evaluation and ranking, awards and tranches each in their own router, mounted with these.
 */
export function callsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/calls',
    doc({
      tag: 'Calls',
      summary: 'The calls, latest deadline first (public; drafts for the Comune only)',
      description:
        '`status=open` and `status=closed` follow the deadline: a call stored open reads closed once it has passed. ' +
        'Paginated: `X-Total-Count`, and a `Link` with `rel="next"` while more remain.',
      query: CallsQuery,
      responses: {
        200: {
          description: 'The page of calls; `evaluatorIds` for the Comune only.',
          schema: z.array(CallViewSchema),
          headers: { 'X-Total-Count': 'How many calls match.', Link: 'RFC 8288 `rel="next"` while more remain.' },
        },
      },
    }),
    async (c) => {
      const q = readQuery(c, CallsQuery)
      const { calls, total } = await listCalls(db, c.get('user'), q)
      return paginated(c, calls, { ...q, total })
    },
  )
  app.post(
    '/calls',
    doc({
      tag: 'Calls',
      summary: 'Draft a call with its criteria and priority areas (admin)',
      description: 'Instants without an offset are Rome time; `closesAt` after `opensAt`, `maxFundingCents` within `budgetCents` (400).',
      body: CallBody,
      responses: { 201: CallViewSchema },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await createCall(db, admin, await readBody(c, CallBody)), 201)
    },
  )
  app.get(
    '/calls/:id',
    doc({
      tag: 'Calls',
      summary: 'A call (public unless a draft: a draft is 404 but for the Comune)',
      responses: { 200: CallViewSchema },
      problems: ['not_found'],
    }),
    async (c) => c.json(await getCall(db, c.get('user'), readId(c, 'id', 'call'))),
  )
  app.patch(
    '/calls/:id',
    doc({
      tag: 'Calls',
      summary: 'Change a call, open, close or conclude it, assign its evaluators (admin)',
      description:
        'Status moves: draft → open (needs criteria), open → draft (no applications yet) or closed, ranked → awarded ' +
        '(ranked applications without an award become not_funded); ranking has its own step. Criteria are edited as a ' +
        'set (kept by id); a scored criterion, or an evaluator who has worked, cannot be dropped (409); a budget below ' +
        'what the awards committed is 409 `budget_exceeded`.',
      body: CallPatch,
      responses: { 200: CallViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'call')
      return c.json(await updateCall(db, admin, id, await readBody(c, CallPatch)))
    },
  )
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

  for (const routes of [applicationRoutes, attachmentRoutes, evaluationRoutes, rankingRoutes, awardRoutes, trancheRoutes]) {
    app.route('/', routes(deps))
  }
  return app
}
