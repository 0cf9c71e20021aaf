import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { isoDate } from '../../http/validation.ts'
import { ATTENDANCE_GROUPS } from './attendance-report.ts'
import { m } from './messages.ts'
import { daysBetween, MAX_REPORT_DAYS, UTILISATION_GROUPS } from './utilisation.ts'

const format = z.enum(['json', 'csv']).default('json')

const scopeFilters = {
  hubId: z.uuid().optional(),
  labId: z.uuid().optional(),
  type: z.enum(LAB_TYPES as [string, ...string[]]).optional(),
  areaId: z.uuid().optional(),
}

/** A report period `[from, to)` of local dates: to after from, at most three years. */
const period = { from: isoDate, to: isoDate }
function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = daysBetween(q.from, q.to)
  if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: fieldMessage(m.toAfterFrom) })
  else if (days > MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: fieldMessage(m.periodTooLong), params: { days: MAX_REPORT_DAYS } })
}

export const UtilisationQuery = z
  .object({ ...period, groupBy: z.enum(UTILISATION_GROUPS).default('lab'), ...scopeFilters, format })
  .superRefine(checkPeriod)

export const AttendanceQuery = z
  .object({ ...period, groupBy: z.enum(ATTENDANCE_GROUPS).default('lab'), ...scopeFilters, format })
  .superRefine(checkPeriod)

/** The heatmap: a period and the labs' filters (docs/reports.md). */
export const HeatmapQuery = z.object({ ...period, ...scopeFilters }).superRefine(checkPeriod)

export const ConcessionsQuery = z.object({ ...period, ...scopeFilters, format }).superRefine(checkPeriod)

export const GRANT_GROUPS = ['grant', 'team', 'reference'] as const
export const GrantsQuery = z.object({
  groupBy: z.enum(GRANT_GROUPS).default('grant'),
  hubId: z.uuid().optional(),
  type: scopeFilters.type,
  areaId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  reference: z.string().trim().min(1).max(200).optional(),
  format,
})

export const OpenDataQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

const grantHours = {
  grantedHours: z.number(),
  bookedHours: z.number(),
  usedHours: z.number(),
  remainingHours: z.number(),
}

/** A row of the grants report: one grant (groupBy=grant), or the grants of a team or a reference summed. */
export const GrantReportRowView = z.object({
  key: z.string().describe('The grant id, the team id or the reference'),
  label: z.string(),
  ...grantHours,
  grantId: z.string().optional().describe('groupBy=grant: the grant as GET /teams/{id}/grants shows it'),
  teamId: z.string().optional(),
  teamName: z.string().optional(),
  reference: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  hubId: z.string().nullable().optional(),
  labType: z.string().nullable().optional(),
  hours: z.number().optional(),
  hoursBooked: z.number().optional(),
  hoursUsed: z.number().optional(),
  hoursRemaining: z.number().optional(),
  grants: z.number().int().optional().describe('groupBy=team or reference: how many grants the row sums'),
  teams: z.number().int().optional().describe('groupBy=reference: how many teams'),
})
