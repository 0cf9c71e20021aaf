import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { decideAdmissibility, getAdmissibility, getOwnEvaluation, putScores } from './evaluation.ts'
import { getRanking, publishRanking } from './ranking-service.ts'
import { AdmissibilityBody, ScoresBody } from './schemas.ts'
import { AdmissibilityViewSchema, EvaluationViewSchema, RankingRowSchema } from './views.ts'

/** Evaluation of submitted applications: admissibility by the Comune, then the evaluators' scores. */
export function evaluationRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/applications/:id/admissibility',
    doc({
      tag: 'Calls',
      summary: 'An application’s admissibility: the automatic checks and the Comune’s decision (whoever may read it)',
      responses: { 200: AdmissibilityViewSchema },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await getAdmissibility(db, requireUser(c), readId(c, 'id', 'application'))),
  )
  app.put(
    '/applications/:id/admissibility',
    doc({
      tag: 'Calls',
      summary: 'Admit or exclude a submitted application, with the reason for an exclusion (admin)',
      description: 'Until the ranking is published (409 after, and for a draft); the applicant hears of a change by email.',
      body: AdmissibilityBody,
      responses: { 200: AdmissibilityViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'application')
      return c.json(await decideAdmissibility(db, admin, id, await readBody(c, AdmissibilityBody)))
    },
  )
  app.get(
    '/applications/:id/scores',
    doc({
      tag: 'Calls',
      summary: 'The caller’s own declaration and scores on an application (evaluator, admin)',
      description: 'Evaluators never see each other’s scores; `conflictOfInterest` is null until the caller has evaluated.',
      responses: { 200: EvaluationViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireRole(c, 'evaluator', 'admin')
      return c.json(await getOwnEvaluation(db, user, readId(c, 'id', 'application')))
    },
  )
  app.put(
    '/applications/:id/scores',
    doc({
      tag: 'Calls',
      summary: 'Declare no conflict of interest and score every criterion, or abstain (the call’s evaluators, admin)',
      description:
        'Replaced whole. Between the deadline and the ranking (409 `scoring_closed`), on an admitted application (409 `not_admissible`); a score above its criterion’s maximum is 400. An admin who scores joins the call’s evaluators.',
      body: ScoresBody,
      responses: { 200: EvaluationViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireRole(c, 'evaluator', 'admin')
      const id = readId(c, 'id', 'application')
      return c.json(await putScores(db, user, id, await readBody(c, ScoresBody)))
    },
  )
  return app
}

/** The ranking: computed from the scores, public once published. */
export function rankingRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/calls/:id/ranking',
    doc({
      tag: 'Calls',
      summary: 'A call’s ranking (public once published; before, the Comune and the call’s evaluators)',
      description:
        'Ranked applications by score (ties broken by the heaviest criteria, then the protocol number), then the others by protocol number. Never a natural person’s data.',
      responses: { 200: z.array(RankingRowSchema) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await getRanking(db, c.get('user'), readId(c, 'id', 'call'))),
  )
  app.post(
    '/calls/:id/ranking/publish',
    doc({
      tag: 'Calls',
      summary: 'Publish the ranking (admin)',
      description:
        'After the deadline (409 `call_not_closed`), once every application is admitted or excluded (`admissibility_pending`) and every admitted one fully scored (`scoring_pending`). The call becomes ranked; ranked applicants hear of it.',
      responses: { 200: z.array(RankingRowSchema) },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => c.json(await publishRanking(db, requireRole(c, 'admin'), readId(c, 'id', 'call'))),
  )
  return app
}
