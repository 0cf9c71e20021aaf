import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import {
  getReport,
  listTeamReports,
  ProgressReportBody,
  ProgressReportViewSchema,
  QueueQuery,
  ReturnBody,
  reviewQueue,
  reviewReport,
  submitProgressReport,
} from './progress-reports.ts'
import { ReportSentView } from './schemas.ts'

/** A team's progress reports: sent by the team, reviewed by staff (docs/outcomes.md). */
export function progressReportRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams/:id/progress-reports',
    doc({
      tag: 'Outcomes',
      summary: 'A team’s progress reports, newest period first (its members and staff)',
      responses: { 200: z.array(ProgressReportViewSchema) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listTeamReports(db, user, readId(c, 'id', 'team')))
    },
  )
  app.post(
    '/teams/:id/progress-reports',
    doc({
      tag: 'Outcomes',
      summary: 'Send a progress report for a period (a member of the team)',
      body: ProgressReportBody,
      responses: { 201: ReportSentView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const teamId = readId(c, 'id', 'team')
      return c.json(await submitProgressReport(db, user, teamId, await readBody(c, ProgressReportBody)), 201)
    },
  )
  app.get(
    '/progress-reports',
    doc({
      tag: 'Outcomes',
      summary: 'The review queue: progress reports in a status (staff; `submitted` unless told)',
      query: QueueQuery,
      responses: { 200: z.array(ProgressReportViewSchema) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { status } = readQuery(c, QueueQuery)
      return c.json(await reviewQueue(db, user, status))
    },
  )
  app.get(
    '/progress-reports/:id',
    doc({
      tag: 'Outcomes',
      summary: 'A progress report with its values and evidence (its team and staff; 404 for anyone else)',
      responses: { 200: ProgressReportViewSchema },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await getReport(db, user, readId(c, 'id', 'progressReport')))
    },
  )

  app.post(
    '/progress-reports/:id/accept',
    doc({
      tag: 'Outcomes',
      summary: 'Accept a submitted progress report (staff)',
      responses: { 200: ProgressReportViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await reviewReport(db, user, readId(c, 'id', 'progressReport'), { status: 'accepted' }))
    },
  )
  app.post(
    '/progress-reports/:id/return',
    doc({
      tag: 'Outcomes',
      summary: 'Send a submitted progress report back to its team with a comment (staff)',
      body: ReturnBody,
      responses: { 200: ProgressReportViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'progressReport')
      const { comment } = await readBody(c, ReturnBody)
      return c.json(await reviewReport(db, user, id, { status: 'returned', comment }))
    },
  )

  return app
}
