import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { type ConcessionScope, concessionRows } from './concessions-queries.ts'
import { hoursFromSeconds, roundTo, socialSharePercent, weekFallsShort } from './utilisation.ts'

export const ConcessionComplianceView = z.object({
  concessionId: z.string(),
  hubId: z.string(),
  hubName: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
  evaluated: z
    .object({ from: z.string(), to: z.string(), days: z.number().int() })
    .describe('The part of the requested period the concession covers, `[from, to)`: what was evaluated'),
  openHours: z.number(),
  openHoursPerWeek: z.number(),
  bookedHours: z.number(),
  teamBookedHours: z.number(),
  socialSharePercent: z.number(),
  obligations: z.object({ minOpenHoursPerWeek: z.number(), minSocialSharePercent: z.number() }),
  weeksShort: z
    .array(z.string())
    .describe('Mondays of the weeks whose open hours fell short of minOpenHoursPerWeek (pro rata for cut weeks)'),
  compliant: z.boolean(),
})
export type ConcessionCompliance = z.infer<typeof ConcessionComplianceView>

/** Concession compliance of CONTRACT §3 Reports. */
export async function concessionsReport(
  db: Kysely<Database>,
  from: string,
  to: string,
  scope: ConcessionScope,
): Promise<ConcessionCompliance[]> {
  const rows = await concessionRows(db, from, to, scope)
  return rows.map((r) => {
    const minOpen = Number(r.min_open_hours_per_week)
    const minShare = Number(r.min_social_share_percent)
    const weeksShort = r.weeks
      .filter(([, days, secs, scheduledSeconds, weekScheduledSeconds]) =>
        weekFallsShort(secs, minOpen, { days, scheduledSeconds, weekScheduledSeconds }),
      )
      .map(([monday]) => monday)
    const share = socialSharePercent(r.team_secs, r.booked_secs)
    const exactShare = r.booked_secs > 0 ? (r.team_secs / r.booked_secs) * 100 : 0
    return {
      concessionId: r.concession_id,
      hubId: r.hub_id,
      hubName: r.hub_name,
      operatorId: r.operator_id,
      operatorName: r.operator_name,
      status: r.status,
      start: r.start_date,
      end: r.end_date,
      evaluated: { from: r.eval_from, to: r.eval_to, days: r.days },
      openHours: hoursFromSeconds(r.open_secs),
      openHoursPerWeek: r.days > 0 ? roundTo(r.open_secs / 3600 / (r.days / 7), 2) : 0,
      bookedHours: hoursFromSeconds(r.booked_secs),
      teamBookedHours: hoursFromSeconds(r.team_secs),
      socialSharePercent: share,
      obligations: { minOpenHoursPerWeek: minOpen, minSocialSharePercent: minShare },
      weeksShort,
      compliant: weeksShort.length === 0 && exactShare + 1e-9 >= minShare,
    }
  })
}
