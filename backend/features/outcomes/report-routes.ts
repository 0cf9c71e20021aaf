import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser, scopeProjects } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { csvResponse, toCsv } from '../reports/csv.ts'
import { AREA_COLUMNS, CALL_COLUMNS, dashboardWorkbook, PROJECT_COLUMNS, TREND_COLUMNS } from './dashboard-export.ts'
import { OutcomesRowView } from './outcome-rows.ts'
import { OUTCOME_COLUMNS, outcomesCsvRows } from './outcomes-export.ts'
import { OutcomesQuery, outcomesReport } from './outcomes-report.ts'
import { getProgramme } from './programme.ts'
import { DashboardQuery, programmeDashboard } from './programme-dashboard.ts'
import { DashboardView } from './schemas.ts'

/** The outcomes report and the programme dashboard: JSON, CSV or (the dashboard) a workbook (docs/outcomes.md). */
export function outcomeReportRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/reports/outcomes',
    doc({
      tag: 'Outcomes',
      summary: 'Outcomes per project: each indicator of its call with baseline, target and value in the period',
      description:
        'Computed indicators from bookings and attendance, reported ones from accepted progress reports. The Comune sees every ' +
        'project, an operator those working in its hubs; 403 for anyone else.',
      query: OutcomesQuery,
      responses: {
        200: {
          description: 'The report as JSON, or as CSV with `?format=csv` (one row per project and indicator; attachment, UTF-8).',
          schema: z.object({ rows: z.array(OutcomesRowView) }),
          also: { 'text/csv': 'string' },
        },
      },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const q = readQuery(c, OutcomesQuery)
      const report = await outcomesReport(db, user, q)
      if (q.format === 'csv') return csvResponse(toCsv(OUTCOME_COLUMNS, await outcomesCsvRows(db, report.rows)), 'esiti.csv')
      return c.json(report)
    },
  )

  app.get(
    '/reports/programme',
    doc({
      tag: 'Outcomes',
      summary: 'The programme dashboard: funding, hours, events and participants per call, area and project, and the monthly trend',
      description:
        'The Comune sees every project, an operator those working in its hubs; 403 for anyone else. `?format=csv` gives one ' +
        'table (`?table=`), `?format=xlsx` an office file with every table.',
      query: DashboardQuery,
      responses: {
        200: {
          description:
            'The dashboard as JSON; as CSV with `?format=csv` (the table `?table=` names); as an office file with `?format=xlsx` (attachments).',
          schema: DashboardView,
          also: { 'text/csv': 'string', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'string' },
        },
      },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
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
    },
  )

  return app
}
