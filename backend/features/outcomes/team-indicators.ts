import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { canSeeTeam } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { callsOfTeam } from './call-link.ts'
import { IndicatorViewSchema, indicatorsOfCalls, toIndicator } from './indicators.ts'
import { outcomeRows } from './outcome-rows.ts'

/** An indicator of a team's project with the team's baseline, target and value so far. */
export const TeamIndicatorView = IndicatorViewSchema.extend({
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  value: z.number().describe('Computed from bookings and attendance, or summed from accepted reports'),
})

/**
 * The indicators a team's project is measured by: those of the calls that fund it, each with the team's
 * baseline and target and its value so far (what its report form and history show).
 */
export async function teamIndicators(
  db: Kysely<Database>,
  user: SessionUser,
  teamId: string,
): Promise<z.infer<typeof TeamIndicatorView>[]> {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()
  if (!team || !(await canSeeTeam(db, user, teamId))) throw problems.notFound('team')
  const callIds = await callsOfTeam(db, teamId)
  const indicators = await indicatorsOfCalls(db, callIds)
  const rows = await outcomeRows(
    db,
    callIds.map((callId) => ({ teamId, callId })),
    { from: null, to: null },
  )
  const values = new Map(rows.flatMap((r) => r.indicators.map((i) => [i.indicatorId, i] as const)))
  return indicators.map((i) => {
    const v = values.get(i.id)
    return { ...toIndicator(i), baseline: v?.baseline ?? null, target: v?.target ?? null, value: v?.value ?? 0 }
  })
}
