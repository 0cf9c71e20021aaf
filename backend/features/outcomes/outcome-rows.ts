import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { groupBy } from '../../grouping.ts'
import { applicationPromises } from './call-link.ts'
import { attendanceFigures, emptyFigures, type Period } from './computed-values.ts'
import { computedValue, reportedValue } from './indicator-values.ts'
import { indicatorsOfCalls, targetsOfTeams } from './indicators.ts'

/** A project (a team in a call) with each indicator of its call: baseline, target and value in the period. */
export const OutcomesRowView = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  callId: z.uuid(),
  indicators: z.array(
    z.object({ indicatorId: z.uuid(), baseline: z.number().nullable(), target: z.number().nullable(), value: z.number() }),
  ),
})
export type OutcomesRow = z.infer<typeof OutcomesRowView>

/** Reported values per team and indicator: accepted reports that start in the period. */
export async function reportedValues(db: Kysely<Database>, teamIds: string[], period: Period): Promise<Map<string, Map<string, number[]>>> {
  if (teamIds.length === 0) return new Map()
  let q = db
    .selectFrom('progress_reports as r')
    .innerJoin('progress_report_values as v', 'v.report_id', 'r.id')
    .select(['r.team_id', 'v.indicator_id', 'v.value'])
    .where('r.status', '=', 'accepted')
    .where('r.team_id', 'in', teamIds)
  if (period.from) q = q.where('r.from_date', '>=', period.from)
  if (period.to) q = q.where('r.from_date', '<', period.to)
  const byTeam = groupBy(await q.execute(), (r) => r.team_id)
  return new Map(
    [...byTeam].map(([teamId, rows]) => [
      teamId,
      groupBy(
        rows,
        (r) => r.indicator_id,
        (r) => Number(r.value),
      ),
    ]),
  )
}

/** Each project's indicators with baseline, target and value in the period. */
export async function outcomeRows(
  db: Kysely<Database>,
  projects: Array<{ teamId: string; callId: string }>,
  period: Period,
): Promise<OutcomesRow[]> {
  const teamIds = [...new Set(projects.map((p) => p.teamId))]
  const [indicators, targets, promised, figures, reported, teams] = await Promise.all([
    indicatorsOfCalls(db, [...new Set(projects.map((p) => p.callId))]),
    targetsOfTeams(db, teamIds),
    applicationPromises(db, projects),
    attendanceFigures(db, teamIds, period),
    reportedValues(db, teamIds, period),
    teamIds.length ? db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute() : Promise.resolve([]),
  ])
  const byCall = groupBy(indicators, (i) => i.call_id)
  return projects
    .map((p) => ({
      teamId: p.teamId,
      teamName: teams.find((t) => t.id === p.teamId)?.name ?? '',
      callId: p.callId,
      indicators: (byCall.get(p.callId) ?? []).map((i) => {
        const set = targets.get(p.teamId)?.get(i.id) ?? promised.get(`${p.teamId}:${p.callId}`)?.get(i.name.trim().toLowerCase())
        const value =
          i.source === 'computed' && i.counts
            ? computedValue(i.counts, figures.get(p.teamId) ?? emptyFigures())
            : reportedValue(reported.get(p.teamId)?.get(i.id) ?? [])
        return { indicatorId: i.id, baseline: set?.baseline ?? null, target: set?.target ?? null, value }
      }),
    }))
    .sort((a, b) => a.teamName.localeCompare(b.teamName, 'it') || a.teamId.localeCompare(b.teamId))
}
