import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser, scopeProjects } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { download, uploadLimit } from '../../http/uploads.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { csvResponse, toCsv } from '../reports/csv.ts'
import { CategoryBody, CategoryKey, CategoryPatch, createCategory, listCategories, updateCategory } from './categories.ts'
import {
  AREA_COLUMNS,
  CALL_COLUMNS,
  DASHBOARD_COLUMN_MEANINGS,
  dashboardWorkbook,
  PROJECT_COLUMNS,
  TREND_COLUMNS,
} from './dashboard-export.ts'
import { addEvidence, EVIDENCE_RULE, EvidenceQuery, EvidenceView, listEvidence, readEvidence, removeEvidence } from './evidence.ts'
import { createIndicator, IndicatorBody, listIndicators, putTargets, TargetsBody } from './indicators.ts'
import { OUTCOME_COLUMNS, outcomesCsvRows } from './outcomes-export.ts'
import { OutcomesQuery, outcomesReport } from './outcomes-report.ts'
import {
  getProgramme,
  listYears,
  ProgrammePatch,
  ProgrammeViewSchema,
  ProgrammeYearViewSchema,
  putYear,
  updateProgramme,
  YearBody,
} from './programme.ts'
import { DashboardQuery, programmeDashboard } from './programme-dashboard.ts'
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
import { teamIndicators } from './team-indicators.ts'
import { BENEFIT_COLUMNS, BENEFIT_DICTIONARY, benefitRecords } from './transparency.ts'

/** The evidence upload path, which takes a file body larger than the API's JSON limit (app.ts lets it through). */
export const EVIDENCE_UPLOAD_PATH = /^\/api\/v1\/progress-reports\/[^/]+\/evidence$/

/** Indicators, progress reports, outcomes and the programme (CONTRACT §9, docs/outcomes.md). */
const CategoryView = z.object({
  key: z.string(),
  labelIt: z.string(),
  labelEn: z.string(),
  position: z.number().int(),
  active: z.boolean(),
})

const BenefitView = z.object({
  awardId: z.string(),
  beneficiary: z.string(),
  taxCode: z.string().nullable(),
  amountCents: z.number().int(),
  amountEur: z.number(),
  legalBasis: z.string(),
  callId: z.string(),
  office: z.string().nullable(),
  responsible: z.string().nullable(),
  selectionMethod: z.string(),
  projectTitle: z.string(),
  projectUrl: z.string(),
  awardedOn: z.string(),
  status: z.enum(['awarded', 'conditional', 'revoked']),
  nilId: z.number().int().nullable(),
  area: z.string().nullable(),
  municipio: z.number().int().nullable(),
})

export function outcomesRoutes(deps: Deps) {
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

  app.get('/calls/:id/indicators', async (c) => c.json(await listIndicators(db, c.get('user'), readId(c, 'id', 'call'))))
  app.post('/calls/:id/indicators', async (c) => {
    const admin = requireRole(c, 'admin')
    const callId = readId(c, 'id', 'call')
    return c.json(await createIndicator(db, admin, callId, await readBody(c, IndicatorBody)), 201)
  })

  app.get('/teams/:id/indicators', async (c) => {
    const user = requireUser(c)
    return c.json(await teamIndicators(db, user, readId(c, 'id', 'team')))
  })
  app.put('/teams/:id/indicator-targets', async (c) => {
    const admin = requireRole(c, 'admin')
    const teamId = readId(c, 'id', 'team')
    await putTargets(db, admin, teamId, await readBody(c, TargetsBody))
    return c.json(await teamIndicators(db, admin, teamId))
  })

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
      responses: { 201: z.object({ id: z.uuid(), status: z.enum(['submitted', 'accepted', 'returned']) }) },
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
      responses: { 200: { description: 'The file, as uploaded', contentType: 'application/octet-stream' } },
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

  app.get('/reports/outcomes', async (c) => {
    const user = requireUser(c)
    const q = readQuery(c, OutcomesQuery)
    const report = await outcomesReport(db, user, q)
    if (q.format === 'csv') return csvResponse(toCsv(OUTCOME_COLUMNS, await outcomesCsvRows(db, report.rows)), 'esiti.csv')
    return c.json(report)
  })

  app.get('/reports/programme', async (c) => {
    const user = requireUser(c)
    const q = readQuery(c, DashboardQuery)
    const dashboard = await programmeDashboard(db, user, q, (projects) => scopeProjects(db, user, projects))
    const suffix = [q.from, q.to].filter(Boolean).join('_') || 'tutto'
    if (q.format === 'xlsx') {
      const body = await dashboardWorkbook(dashboard, await getProgramme(db))
      return new Response(new Uint8Array(body), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="programma_${suffix}.xlsx"`,
        },
      })
    }
    if (q.format === 'csv') {
      const csv = {
        projects: () => toCsv(PROJECT_COLUMNS, dashboard.projects),
        areas: () => toCsv(AREA_COLUMNS, dashboard.areas),
        calls: () => toCsv(CALL_COLUMNS, dashboard.calls),
        trend: () => toCsv(TREND_COLUMNS, dashboard.trend),
      }[q.table]()
      return csvResponse(csv, `programma_${q.table}_${suffix}.csv`)
    }
    return c.json(dashboard)
  })

  // Public (art. 26–27 D.Lgs. 33/2013): nothing personal, see transparency.ts.
  app.get(
    '/open-data/benefits.json',
    doc({
      tag: 'Open data',
      summary: 'The economic benefits awarded (art. 26–27 D.Lgs. 33/2013; public, nothing personal)',
      responses: { 200: z.array(BenefitView) },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300')
      return c.json(await benefitRecords(db))
    },
  )
  app.get(
    '/open-data/benefits.csv',
    doc({
      tag: 'Open data',
      summary: 'The economic benefits awarded, as CSV (public)',
      responses: { 200: { description: 'CSV, one row per award.', contentType: 'text/csv' } },
    }),
    async () => {
      const response = csvResponse(toCsv(BENEFIT_COLUMNS, await benefitRecords(db)), 'spazi-comuni_vantaggi-economici.csv')
      response.headers.set('Cache-Control', 'public, max-age=300')
      return response
    },
  )
  app.get(
    '/open-data/dictionary',
    doc({
      tag: 'Open data',
      summary: 'What each column of the open data sets means (public)',
      responses: {
        200: z.object({
          benefits: z.array(z.object({ column: z.string(), field: z.string(), type: z.string(), description: z.string() })),
          programme: z.record(z.string(), z.array(z.object({ column: z.string(), description: z.string() }))),
        }),
      },
    }),
    (c) =>
      c.json({
        benefits: BENEFIT_DICTIONARY,
        programme: Object.fromEntries(
          Object.entries({ projects: PROJECT_COLUMNS, areas: AREA_COLUMNS, calls: CALL_COLUMNS, trend: TREND_COLUMNS }).map(
            ([table, columns]) => [
              table,
              columns.map((col) => ({ column: col.header, description: DASHBOARD_COLUMN_MEANINGS[col.header] ?? '' })),
            ],
          ),
        ),
      }),
  )

  app.get(
    '/programme',
    doc({
      tag: 'Outcomes',
      summary: 'The programme: its identity (CUP, project code, money programmed) and its financial progress per year',
      description: 'Any signed-in person or none: the programme is public information.',
      responses: { 200: ProgrammeViewSchema.extend({ years: z.array(ProgrammeYearViewSchema) }) },
    }),
    async (c) => c.json({ ...(await getProgramme(db)), years: await listYears(db) }),
  )
  app.patch(
    '/programme',
    doc({
      tag: 'Outcomes',
      summary: 'Change the programme’s identity (admin)',
      body: ProgrammePatch,
      responses: { 200: ProgrammeViewSchema },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await updateProgramme(db, admin, await readBody(c, ProgrammePatch)))
    },
  )
  app.put(
    '/programme/years/:year',
    doc({
      tag: 'Outcomes',
      summary: 'Enter a year’s figures of the programme (admin; the year 2014–2100, 404 otherwise)',
      body: YearBody,
      responses: { 200: ProgrammeYearViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const year = z.coerce.number().int().min(2014).max(2100).safeParse(c.req.param('year'))
      if (!year.success) throw problems.notFound('year')
      return c.json(await putYear(db, admin, year.data, await readBody(c, YearBody)))
    },
  )

  return app
}
