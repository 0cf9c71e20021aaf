import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser, resolveConcessionScope, resolveGrantScope, resolveLabScope } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { AttendanceView, attendanceColumns, attendanceReport } from './attendance-report.ts'
import { ConcessionComplianceView, concessionsReport } from './concessions-report.ts'
import { csvResponse, toCsv } from './csv.ts'
import { CONCESSION_COLUMNS, GRANT_COLUMNS, utilisationColumns } from './exports.ts'
import { grantsReport } from './grants-report.ts'
import { HeatmapView, heatmapReport } from './heatmap-report.ts'
import { OPEN_DATA_COLUMNS, openDataUtilisation } from './open-data.ts'
import {
  AttendanceQuery,
  ConcessionsQuery,
  GrantReportRowView,
  GrantsQuery,
  HeatmapQuery,
  OpenDataQuery,
  UtilisationQuery,
} from './schemas.ts'
import { UtilisationView, utilisationReport } from './utilisation-report.ts'

/** A report's answer: JSON in `schema`, or the same rows as CSV with `?format=csv`. */
function jsonOrCsv(schema: z.ZodType, csv: string) {
  return {
    description: `The report as JSON, or as CSV with \`?format=csv\` (${csv}; attachment, UTF-8).`,
    schema,
    also: { 'text/csv': 'string' as const },
  }
}

const STAFF_SCOPE =
  'Staff only: an operator sees its hubs (403 for a hub or lab it does not manage), the Comune every hub. The period ' +
  'is `[from, to)` of local dates, at most three years.'

/** The Comune's reports (CONTRACT §3 Reports): JSON, or CSV with `?format=csv`. */
export function reportsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/reports/utilisation',
    doc({
      tag: 'Reports',
      summary: 'Utilisation: open, booked and used hours, bookings, participants, by lab, hub, type, area, operator, team, week or month',
      description: `${STAFF_SCOPE} Read from the usage roll-up (docs/reports.md).`,
      query: UtilisationQuery,
      responses: { 200: jsonOrCsv(UtilisationView, 'one row per group, the period and grouping in the first columns') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, groupBy, format, ...filters } = readQuery(c, UtilisationQuery)
      const scope = await resolveLabScope(db, user, filters)
      const report = await utilisationReport(db, { from, to, groupBy, scope })
      if (format === 'csv') {
        return csvResponse(toCsv(utilisationColumns(report), report.rows), `utilisation_${groupBy}_${from}_${to}.csv`)
      }
      return c.json(report)
    },
  )

  // No-show rate and check-ins by lab, team or hub (docs/certifications-checkin.md).
  app.get(
    '/reports/attendance',
    doc({
      tag: 'Reports',
      summary: 'Attendance: bookings, check-ins and no-shows by lab, team or hub',
      description: `${STAFF_SCOPE} Counts the bookings whose start falls in the period (docs/certifications-checkin.md).`,
      query: AttendanceQuery,
      responses: { 200: jsonOrCsv(AttendanceView, 'one row per group, without the totals') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, groupBy, format, ...filters } = readQuery(c, AttendanceQuery)
      const scope = await resolveLabScope(db, user, filters)
      const report = await attendanceReport(db, { from, to, groupBy, scope })
      if (format === 'csv') return csvResponse(toCsv(attendanceColumns(report), report.rows), `attendance_${groupBy}_${from}_${to}.csv`)
      return c.json(report)
    },
  )

  app.get(
    '/reports/heatmap',
    doc({
      tag: 'Reports',
      summary: 'Booked hours by weekday and hour of the day (the dashboard’s heatmap)',
      description:
        'Bookings in confirmed, completed or no-show over the local dates `[from, to)`, cut at whole hours of their hub’s wall ' +
        'clock (a booking across midnight continues on the next day). Read from the usage roll-up. Staff only, with the ' +
        'utilisation report’s filters and scope (an operator sees its hubs; 403 for a hub or lab it does not manage).',
      query: HeatmapQuery,
      responses: { 200: HeatmapView },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, ...filters } = readQuery(c, HeatmapQuery)
      const scope = await resolveLabScope(db, user, filters)
      return c.json(await heatmapReport(db, { from, to, scope }))
    },
  )

  app.get(
    '/reports/concessions',
    doc({
      tag: 'Reports',
      summary: 'Concession compliance: each concession’s open hours per week and social share against its obligations',
      description:
        'The Comune sees every concession, an operator those of its own operator (403 for anyone else). Each concession is evaluated on the ' +
        'part of `[from, to)` it covers.',
      query: ConcessionsQuery,
      responses: { 200: jsonOrCsv(z.array(ConcessionComplianceView), 'one row per concession') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, format, hubId, areaId } = readQuery(c, ConcessionsQuery)
      const report = await concessionsReport(db, from, to, resolveConcessionScope(user, { hubId, areaId }))
      if (format === 'csv') return csvResponse(toCsv(CONCESSION_COLUMNS, report), `concessions_${from}_${to}.csv`)
      return c.json(report)
    },
  )

  app.get(
    '/reports/grants',
    doc({
      tag: 'Reports',
      summary: 'Granted hours against booked, used and remaining hours, by grant, team or reference',
      description: 'Staff only: an operator sees the grants of its hubs (403 for a hub it does not manage), the Comune every grant.',
      query: GrantsQuery,
      responses: { 200: jsonOrCsv(z.array(GrantReportRowView), 'one row per grant, team or reference') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { groupBy, format, ...filters } = readQuery(c, GrantsQuery)
      const rows = await grantsReport(db, groupBy, await resolveGrantScope(db, user, filters))
      if (format === 'csv') return csvResponse(toCsv(GRANT_COLUMNS, rows), `grants_${groupBy}.csv`)
      return c.json(rows)
    },
  )

  // Public: aggregates only, nothing personal (docs/reports.md).
  app.get(
    '/reports/open-data/utilisation.csv',
    doc({
      tag: 'Open data',
      summary: 'Utilisation by lab and month of a calendar year, as CSV (public, aggregates only)',
      query: OpenDataQuery,
      responses: { 200: { description: 'CSV, one row per lab and month; nothing personal.', contentType: 'text/csv' } },
    }),
    async (c) => {
      const { year } = readQuery(c, OpenDataQuery)
      const response = csvResponse(toCsv(OPEN_DATA_COLUMNS, await openDataUtilisation(db, year)), `spazi-comuni_utilizzo_${year}.csv`)
      response.headers.set('Cache-Control', 'public, max-age=3600')
      return response
    },
  )

  return app
}
