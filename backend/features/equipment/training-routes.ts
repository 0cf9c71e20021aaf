import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { TrainingView } from './schemas.ts'
import { listTrainings, recordTraining, TrainingBody } from './trainings.ts'

/** The trainings of a team's members on equipment types that require one. */
export function trainingRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams/:id/trainings',
    doc({
      tag: 'Equipment',
      summary: 'The team’s recorded trainings (staff, the team’s members)',
      responses: { 200: z.array(TrainingView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listTrainings(db, requireUser(c), readId(c, 'id', 'team'))),
  )
  app.post(
    '/teams/:id/trainings',
    doc({
      tag: 'Equipment',
      summary: 'Record that a person of the team was trained on an equipment type (admin, operator)',
      body: TrainingBody,
      responses: { 201: TrainingView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'operator')
      const teamId = readId(c, 'id', 'team')
      return c.json(await recordTraining(db, user, teamId, await readBody(c, TrainingBody)), 201)
    },
  )

  return app
}
