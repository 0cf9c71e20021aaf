import { Hono } from 'hono'
import { requireUser, resolveLabScope } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { AttendanceView, attendanceColumns, attendanceReport } from './attendance-report.ts'
import { csvResponse, toCsv } from './csv.ts'
import { utilisationColumns } from './exports.ts'
import { HeatmapView, heatmapReport } from './heatmap-report.ts'
import { jsonOrCsv, STAFF_SCOPE } from './route-docs.ts'
import { AttendanceQuery, HeatmapQuery, UtilisationQuery } from './schemas.ts'
import { UtilisationView, utilisationReport } from './utilisation-report.ts'

/**
 * The Comune's reports of use, from the usage roll-up (CONTRACT §3 Reports): JSON, or CSV with `?format=csv`.
 * Obligations (concessions, grants) are in obligation-routes.ts, the public CSV in open-data-routes.ts.
 */
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

  return app
}
