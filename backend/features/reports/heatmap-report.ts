import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { inReportTransaction } from './report-session.ts'
import { hoursFromSeconds } from './utilisation.ts'
import { type FactSource, type LabScope, scopeFilter, wholeMonths } from './utilisation-queries.ts'

/** The sums of the 168 hours of the week (SQL arrays start at 1): `sum(u.secs[1]), …, sum(u.secs[168])`. */
const WEEK_SUMS = sql.raw(Array.from({ length: 168 }, (_, i) => `sum(u.secs[${i + 1}])`).join(', '))

export const HeatmapView = z.object({
  from: z.string().describe('First local date, included'),
  to: z.string().describe('Last local date, excluded'),
  hours: z
    .array(z.array(z.number()).length(24))
    .length(7)
    .describe('Booked hours by ISO weekday (row 0 = Monday) and hour of the hub’s wall clock (column 0 = 00:00–01:00)'),
  totalHours: z.number().describe('The sum of the cells'),
})
export type HeatmapReport = z.infer<typeof HeatmapView>

/**
 * Booked hours by weekday and wall-clock hour over the local dates `[from, to)` (the dashboard's heatmap): bookings
 * in confirmed, completed or no-show, cut at whole hours of their hub's wall clock, each piece on its own local
 * date. Whole months come from usage_rollup_week_hours (migration 0588, kept by the booking triggers: one row per lab
 * and month, the week's 168 hours as an array, summed element by element); the days at the edges of the period, and
 * everything with `source: 'direct'`, from the bookings themselves. The tests hold the two equal.
 */
export async function heatmapReport(
  db: Kysely<Database>,
  q: { from: string; to: string; scope: LabScope },
  source: FactSource = 'rollup',
): Promise<HeatmapReport> {
  const months = source === 'rollup' ? wholeMonths(q.from, q.to) : { from: q.from, to: q.from }
  const [from, to, m1, m2] = [q.from, q.to, months.from, months.to].map((d) => sql`${d}::date`)
  const nearEdges = sql`(b.during && tstzrange((${from} - 2)::timestamp at time zone 'UTC', (${m1} + 2)::timestamp at time zone 'UTC')
      or b.during && tstzrange((${m2} - 2)::timestamp at time zone 'UTC', (${to} + 2)::timestamp at time zone 'UTC'))`
  // a period of whole months (a calendar year) has no days at its edges: the bookings are not read at all
  const edgeDays =
    months.from === q.from && months.to === q.to
      ? sql``
      : sql`union all
        select extract(isodow from g.h)::int, extract(hour from g.h)::int,
               extract(epoch from least(t.le, g.h + interval '1 hour') - greatest(t.ls, g.h))::float8
        from bookings b
        join scope_labs sl on sl.lab_id = b.lab_id
        cross join lateral (select lower(b.during) at time zone sl.tz as ls, upper(b.during) at time zone sl.tz as le) t
        cross join lateral generate_series(date_trunc('hour', t.ls), t.le - interval '1 microsecond', interval '1 hour') g(h)
        where b.status in ('confirmed', 'completed', 'no_show') and ${nearEdges}
          and g.h::date >= ${from} and g.h::date < ${to} and not (g.h::date >= ${m1} and g.h::date < ${m2})`
  const query = sql<{ isodow: number; hour: number; secs: number }>`
    with scope_labs as (
      select l.id as lab_id, h.timezone as tz from labs l join hubs h on h.id = l.hub_id where ${scopeFilter(q.scope)}
    ),
    months as (
      select array[${WEEK_SUMS}] as secs
      from usage_rollup_week_hours u join scope_labs sl on sl.lab_id = u.lab_id
      where u.month >= ${m1} and u.month < ${m2}
    ),
    pieces as (
      select (c.i - 1)::int / 24 + 1 as isodow, (c.i - 1)::int % 24 as hour, c.secs
      from months m cross join lateral unnest(m.secs) with ordinality c(secs, i)
      where c.secs is not null
      ${edgeDays}
    )
    select isodow, hour, sum(secs)::float8 as secs from pieces group by 1, 2
  `
  const rows = await inReportTransaction(db, async (trx) => (await query.execute(trx)).rows)
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  let total = 0
  for (const r of rows) {
    grid[r.isodow - 1][r.hour] = hoursFromSeconds(r.secs)
    total += r.secs
  }
  return { from: q.from, to: q.to, hours: grid, totalHours: hoursFromSeconds(total) }
}
