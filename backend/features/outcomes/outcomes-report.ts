import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { isStaff, scopeProjects } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { problems } from '../../http/problem.ts'
import { isoDate } from '../../http/validation.ts'
import { teamsOfCall } from './call-link.ts'
import type { Period } from './computed-values.ts'
import { message, outcomeText } from './messages.ts'
import { type OutcomesRow, outcomeRows } from './outcome-rows.ts'
import { areasOfTeams } from './project-places.ts'

export const OutcomesQuery = z
  .object({
    callId: z.uuid().optional(),
    areaId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: fieldMessage(outcomeText.periodOrder), path: ['to'] })

/** The projects (teams) of the calls asked for, with the call each takes part in. */
export async function projectsOf(db: Kysely<Database>, callIds: string[]): Promise<Array<{ teamId: string; callId: string }>> {
  const pairs: Array<{ teamId: string; callId: string }> = []
  for (const callId of callIds) for (const teamId of await teamsOfCall(db, callId)) pairs.push({ teamId, callId })
  return pairs
}

/**
 * Outcomes per project (CONTRACT §9): each indicator of the project's call with the project's baseline and
 * target and its value in the period — computed ones from bookings and attendance, reported ones from
 * accepted reports. Operators see the projects that work in their hubs.
 */
export async function outcomesReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: z.output<typeof OutcomesQuery>,
): Promise<{ rows: OutcomesRow[] }> {
  if (!isStaff(user)) throw problems.forbidden(message('reportsForStaff'))
  const callIds = q.callId ? [q.callId] : (await db.selectFrom('indicators').select('call_id').distinct().execute()).map((r) => r.call_id)
  let projects = await projectsOf(db, callIds)
  const teamIds = [...new Set(projects.map((p) => p.teamId))]
  if (q.areaId) {
    const areas = await areasOfTeams(db, teamIds)
    projects = projects.filter((p) => areas.get(p.teamId)?.includes(q.areaId!))
  }
  projects = await scopeProjects(db, user, projects)
  const period: Period = { from: q.from ?? null, to: q.to ?? null }
  return { rows: await outcomeRows(db, projects, period) }
}
