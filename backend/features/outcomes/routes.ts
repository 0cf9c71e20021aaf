import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readBody, readId } from '../../http/validation.ts'
import { CategoryBody, CategoryKey, CategoryPatch, createCategory, listCategories, updateCategory } from './categories.ts'
import { createIndicator, IndicatorBody, IndicatorViewSchema, listIndicators, putTargets, TargetsBody } from './indicators.ts'
import { CategoryView } from './schemas.ts'
import { TeamIndicatorView, teamIndicators } from './team-indicators.ts'

/** What is measured: the participant categories, a call's indicators and a team's targets (CONTRACT §9, docs/outcomes.md). */
export function indicatorRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/participant-categories',
    doc({
      tag: 'Outcomes',
      summary: 'The participant categories attendance is recorded in (public; ?all=true includes the inactive ones)',
      responses: { 200: z.array(CategoryView) },
    }),
    async (c) => c.json(await listCategories(db, c.req.query('all') !== 'true')),
  )
  app.post(
    '/participant-categories',
    doc({
      tag: 'Outcomes',
      summary: 'Add a participant category (admin)',
      body: CategoryBody,
      responses: { 201: CategoryView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await createCategory(db, admin, await readBody(c, CategoryBody)), 201)
    },
  )
  app.patch(
    '/participant-categories/:key',
    doc({
      tag: 'Outcomes',
      summary: 'Rename, reorder or deactivate a participant category (admin)',
      body: CategoryPatch,
      responses: { 200: CategoryView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const key = CategoryKey.safeParse(c.req.param('key'))
      if (!key.success) throw problems.notFound('participantCategory')
      return c.json(await updateCategory(db, admin, key.data, await readBody(c, CategoryPatch)))
    },
  )

  app.get(
    '/calls/:id/indicators',
    doc({
      tag: 'Outcomes',
      summary: 'A call’s indicators, in order (whoever may see the call; 404 otherwise)',
      responses: { 200: z.array(IndicatorViewSchema) },
      problems: ['not_found'],
    }),
    async (c) => c.json(await listIndicators(db, c.get('user'), readId(c, 'id', 'call'))),
  )
  app.post(
    '/calls/:id/indicators',
    doc({
      tag: 'Outcomes',
      summary: 'Add an indicator to a call (admin)',
      description:
        'A computed indicator names what it `counts` (`hoursUsed`, `participants`, `events` or `participants:<category>` of an ' +
        'active category); a reported one does not. 409 when the call already has an indicator of that name.',
      body: IndicatorBody,
      responses: { 201: IndicatorViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const callId = readId(c, 'id', 'call')
      return c.json(await createIndicator(db, admin, callId, await readBody(c, IndicatorBody)), 201)
    },
  )

  app.get(
    '/teams/:id/indicators',
    doc({
      tag: 'Outcomes',
      summary: 'The indicators a team’s project is measured by, with its baseline, target and value so far',
      description: 'The indicators of the calls that fund the team. Its members and the staff who may see it; 404 for anyone else.',
      responses: { 200: z.array(TeamIndicatorView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await teamIndicators(db, user, readId(c, 'id', 'team')))
    },
  )
  app.put(
    '/teams/:id/indicator-targets',
    doc({
      tag: 'Outcomes',
      summary: 'Set a team’s baselines and targets (admin; the indicators named, the others stay as they are)',
      description: 'Answers the team’s indicators as `GET /teams/{id}/indicators` does.',
      body: TargetsBody,
      responses: { 200: z.array(TeamIndicatorView) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const teamId = readId(c, 'id', 'team')
      await putTargets(db, admin, teamId, await readBody(c, TargetsBody))
      return c.json(await teamIndicators(db, admin, teamId))
    },
  )

  return app
}
