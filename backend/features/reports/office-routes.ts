import { Hono } from 'hono'
import { z } from 'zod'
import { LAB_TYPES, type LabType } from '../../../db/schema.ts'
import { requireUser, resolveConcessionScope, resolveGrantScope, resolveLabScope } from '../../http/access.ts'
import type { AppEnv, Deps, SessionUser } from '../../http/context.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { doc } from '../../http/openapi.ts'
import { isoDate, readQuery } from '../../http/validation.ts'
import { ATTENDANCE_GROUPS, attendanceReport } from './attendance-report.ts'
import { concessionsReport } from './concessions-report.ts'
import { grantsReport } from './grants-report.ts'
import { m } from './messages.ts'
import { attendanceSheet, concessionsSheet, grantsSheet, headLines, loadNames, type Names, utilisationSheet } from './office-exports.ts'
import { x } from './office-messages.ts'
import { dayBefore, defaultReportPeriod } from './report-period.ts'
import { GRANT_GROUPS } from './schemas.ts'
import { daysBetween, MAX_REPORT_DAYS, UTILISATION_GROUPS } from './utilisation.ts'
import { utilisationReport } from './utilisation-report.ts'
import { reportWorkbook, xlsxResponse } from './xlsx.ts'

/**
 * The reports for people: the default period (what the page shows before anyone picks dates) and an office
 * file (.xlsx) per report, with the same figures as the JSON and the CSV (docs/reports.md, "Office files").
 */

const scopeFilters = {
  hubId: z.uuid().optional(),
  labId: z.uuid().optional(),
  type: z.enum(LAB_TYPES as [string, ...string[]]).optional(),
  areaId: z.uuid().optional(),
}

function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = daysBetween(q.from, q.to)
  if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: fieldMessage(m.toAfterFrom) })
  else if (days > MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: fieldMessage(m.periodTooLong), params: { days: MAX_REPORT_DAYS } })
}

export const PeriodQuery = z.object(scopeFilters)
export const PeriodView = z.object({
  from: isoDate.describe('First day of the period, included'),
  to: isoDate.describe('The day after the last one (the reports take `[from, to)`)'),
  lastDay: isoDate.describe('Last day of the period, included (today)'),
})
const period = { from: isoDate, to: isoDate }
export const UtilisationXlsxQuery = z
  .object({ ...period, groupBy: z.enum(UTILISATION_GROUPS).default('lab'), ...scopeFilters })
  .superRefine(checkPeriod)
export const AttendanceXlsxQuery = z
  .object({ ...period, groupBy: z.enum(ATTENDANCE_GROUPS).default('lab'), ...scopeFilters })
  .superRefine(checkPeriod)
export const ConcessionsXlsxQuery = z
  .object({ ...period, hubId: z.uuid().optional(), areaId: z.uuid().optional() })
  .superRefine(checkPeriod)
export const GrantsXlsxQuery = z.object({
  groupBy: z.enum(GRANT_GROUPS).default('grant'),
  hubId: z.uuid().optional(),
  type: scopeFilters.type,
  areaId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  reference: z.string().trim().min(1).max(200).optional(),
})

const XLSX = {
  description: 'The report as an office file (one sheet: title, period, scope, header row, rows, totals)',
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  headers: { 'Content-Disposition': 'attachment; filename="…xlsx"' },
}
const XLSX_NOTE =
  'Headers in the reader’s language (Italian by default), names instead of ids and codes, hours and counts as numbers, ' +
  'percentages as ratios shown as percentages, dates as dates shown dd/mm/yyyy; the period line reads as the page says it ' +
  '("Periodo: dal 01/09/2026 al 30/11/2026 compreso"). Same access as the JSON report.'

/** The scope line: the filters by name, or all the hubs the caller may see. */
function scopeText(user: SessionUser, names: Names, f: { hubId?: string; type?: string; areaId?: string; teamId?: string }): string {
  const parts = [
    f.hubId ? names.hubs.get(f.hubId) : undefined,
    f.type ? String(x[f.type as LabType]()) : undefined,
    f.areaId ? names.areas.get(f.areaId) : undefined,
  ].filter(Boolean)
  if (parts.length) return parts.join(' · ')
  return String(user.role === 'admin' ? x.scopeAll() : x.scopeMine())
}

const workbook = reportWorkbook

export function reportsOfficeRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/reports/period',
    doc({
      tag: 'Reports',
      summary: 'The default period of the reports: the period with data, up to today',
      description:
        'From the first booking in the caller’s scope (confirmed, completed, no-show; the first day of this month without one) to ' +
        'today included, at most the last twelve months. Staff only; an operator’s scope is its hubs (403 for a hub or lab it does not manage).',
      query: PeriodQuery,
      responses: { 200: PeriodView },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const scope = await resolveLabScope(db, user, readQuery(c, PeriodQuery))
      return c.json(await defaultReportPeriod(db, scope))
    },
  )

  app.get(
    '/reports/utilisation.xlsx',
    doc({
      tag: 'Reports',
      summary: 'The utilisation report as an office file',
      description: XLSX_NOTE,
      query: UtilisationXlsxQuery,
      responses: { 200: XLSX },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, groupBy, ...filters } = readQuery(c, UtilisationXlsxQuery)
      const scope = await resolveLabScope(db, user, filters)
      const [report, names] = await Promise.all([utilisationReport(db, { from, to, groupBy, scope }), loadNames(db)])
      const lines = headLines({ from, lastDay: dayBefore(to) }, scopeText(user, names, filters))
      const body = await workbook(utilisationSheet(report, names, lines))
      return xlsxResponse(body, `utilizzo_${groupBy}_${from}_${dayBefore(to)}.xlsx`)
    },
  )

  app.get(
    '/reports/attendance.xlsx',
    doc({
      tag: 'Reports',
      summary: 'The attendance report (check-ins and no-shows) as an office file',
      description: XLSX_NOTE,
      query: AttendanceXlsxQuery,
      responses: { 200: XLSX },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, groupBy, ...filters } = readQuery(c, AttendanceXlsxQuery)
      const scope = await resolveLabScope(db, user, filters)
      const [report, names] = await Promise.all([attendanceReport(db, { from, to, groupBy, scope }), loadNames(db)])
      const lines = headLines({ from, lastDay: dayBefore(to) }, scopeText(user, names, filters))
      return xlsxResponse(await workbook(attendanceSheet(report, lines)), `presenze_${groupBy}_${from}_${dayBefore(to)}.xlsx`)
    },
  )

  app.get(
    '/reports/concessions.xlsx',
    doc({
      tag: 'Reports',
      summary: 'Concession compliance as an office file',
      description: XLSX_NOTE,
      query: ConcessionsXlsxQuery,
      responses: { 200: XLSX },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, hubId, areaId } = readQuery(c, ConcessionsXlsxQuery)
      const [rows, names] = await Promise.all([
        concessionsReport(db, from, to, resolveConcessionScope(user, { hubId, areaId })),
        loadNames(db),
      ])
      const lines = headLines({ from, lastDay: dayBefore(to) }, scopeText(user, names, { hubId, areaId }))
      return xlsxResponse(await workbook(concessionsSheet(rows, lines)), `concessioni_${from}_${dayBefore(to)}.xlsx`)
    },
  )

  app.get(
    '/reports/grants.xlsx',
    doc({
      tag: 'Reports',
      summary: 'Hour grants (granted, booked, used, remaining) as an office file',
      description: `${XLSX_NOTE} Grants have no period: the sheet says the day it shows ("Situazione al 30/11/2026").`,
      query: GrantsXlsxQuery,
      responses: { 200: XLSX },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { groupBy, ...filters } = readQuery(c, GrantsXlsxQuery)
      const [rows, names] = await Promise.all([grantsReport(db, groupBy, await resolveGrantScope(db, user, filters)), loadNames(db)])
      const today = (await defaultReportPeriod(db, { hubIds: [] })).lastDay
      const lines = headLines({ asOf: today }, scopeText(user, names, filters))
      return xlsxResponse(await workbook(grantsSheet(rows, groupBy, names, lines)), `ore_concesse_${groupBy}_${today}.xlsx`)
    },
  )

  return app
}
