import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import type { CsvColumn } from './csv.ts'
import { inReportTransaction } from './report-session.ts'
import type { LabScope } from './utilisation-queries.ts'

export const ATTENDANCE_GROUPS = ['lab', 'team', 'hub'] as const
export type AttendanceGroup = (typeof ATTENDANCE_GROUPS)[number]

const AttendanceFigures = z.object({
  bookings: z.number().int().describe('Bookings in confirmed, completed or no_show whose start (local date) is in the period'),
  checkIns: z.number().int().describe('Of those, checked in (by the team or staff)'),
  noShows: z.number().int().describe('Of those, recorded as no-shows (by staff, or released by the worker)'),
  released: z.number().int().describe('Of the no-shows, those released because nobody checked in'),
  noShowRate: z.number().describe('noShows / bookings (0 without bookings)'),
  checkInRate: z.number().describe('checkIns / bookings in labs that require check-in (0 without such bookings)'),
})

/** Who turned up: per lab, team or hub, the bookings that started in the period and what became of them. */
const AttendanceRowView = AttendanceFigures.extend({
  key: z.string().nullable().describe('The lab, hub or team id (null: bookings without a team)'),
  label: z.string(),
})
export type AttendanceRow = z.infer<typeof AttendanceRowView>

export const AttendanceView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(ATTENDANCE_GROUPS),
  rows: z.array(AttendanceRowView),
  totals: AttendanceFigures,
})
export type AttendanceReport = z.infer<typeof AttendanceView>

const NO_TEAM_LABEL = 'Uso interno (senza gruppo)'

export const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0)

/**
 * The attendance report (no-show rate by lab, team or hub): read straight from the bookings whose start falls
 * in `[from, to)` in their hub's zone (the range index on lower(during) bounds the scan), in the report's
 * read-only transaction.
 */
export async function attendanceReport(
  db: Kysely<Database>,
  q: { from: string; to: string; groupBy: AttendanceGroup; scope: LabScope },
): Promise<AttendanceReport> {
  const s = q.scope
  const key = q.groupBy === 'lab' ? sql`l.id::text` : q.groupBy === 'hub' ? sql`h.id::text` : sql`b.team_id::text`
  const label = q.groupBy === 'lab' ? sql`min(l.name)` : q.groupBy === 'hub' ? sql`min(h.name)` : sql`min(t.name)`
  const query = sql<{
    key: string | null
    label: string | null
    bookings: number
    check_ins: number
    no_shows: number
    released: number
    required: number
    required_check_ins: number
  }>`
    select ${key} as key, ${label} as label,
           count(*)::int as bookings,
           count(*) filter (where b.checked_in_at is not null)::int as check_ins,
           count(*) filter (where b.status = 'no_show')::int as no_shows,
           count(*) filter (where b.released_at is not null)::int as released,
           count(*) filter (where l.check_in_required)::int as required,
           count(*) filter (where l.check_in_required and b.checked_in_at is not null)::int as required_check_ins
    from bookings b
    join labs l on l.id = b.lab_id
    join hubs h on h.id = l.hub_id
    join areas a on a.id = h.area_id
    left join teams t on t.id = b.team_id
    where b.status in ('confirmed', 'completed', 'no_show')
      and lower(b.during) >= (${q.from}::date - 2)::timestamp at time zone 'UTC'
      and lower(b.during) < (${q.to}::date + 2)::timestamp at time zone 'UTC'
      and (lower(b.during) at time zone h.timezone)::date >= ${q.from}::date
      and (lower(b.during) at time zone h.timezone)::date < ${q.to}::date
      ${s.hubIds !== 'all' ? sql`and h.id = any(${s.hubIds}::uuid[])` : sql``}
      ${s.hubId ? sql`and h.id = ${s.hubId}::uuid` : sql``}
      ${s.labId ? sql`and l.id = ${s.labId}::uuid` : sql``}
      ${s.type ? sql`and l.type = ${s.type}` : sql``}
      ${s.areaId ? sql`and a.id = ${s.areaId}::uuid` : sql``}
    group by 1
    order by 2 nulls first, 1
  `
  const rows = await inReportTransaction(db, async (trx) => (await query.execute(trx)).rows)
  const toRow = (r: (typeof rows)[number]): AttendanceRow => ({
    key: r.key,
    label: r.label ?? NO_TEAM_LABEL,
    bookings: r.bookings,
    checkIns: r.check_ins,
    noShows: r.no_shows,
    released: r.released,
    noShowRate: ratio(r.no_shows, r.bookings),
    checkInRate: ratio(r.required_check_ins, r.required),
  })
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0)
  const totals = {
    bookings: sum((r) => r.bookings),
    checkIns: sum((r) => r.check_ins),
    noShows: sum((r) => r.no_shows),
    released: sum((r) => r.released),
    noShowRate: ratio(
      sum((r) => r.no_shows),
      sum((r) => r.bookings),
    ),
    checkInRate: ratio(
      sum((r) => r.required_check_ins),
      sum((r) => r.required),
    ),
  }
  return { from: q.from, to: q.to, groupBy: q.groupBy, rows: rows.map(toRow), totals }
}

/** Column order of the attendance CSV. */
export function attendanceColumns(report: Pick<AttendanceReport, 'from' | 'to' | 'groupBy'>): CsvColumn<AttendanceRow>[] {
  return [
    { header: 'from', value: () => report.from },
    { header: 'to', value: () => report.to },
    { header: 'groupBy', value: () => report.groupBy },
    { header: 'key', value: (r) => r.key },
    { header: 'label', value: (r) => r.label },
    { header: 'bookings', value: (r) => r.bookings },
    { header: 'checkIns', value: (r) => r.checkIns },
    { header: 'noShows', value: (r) => r.noShows },
    { header: 'released', value: (r) => r.released },
    { header: 'noShowRate', value: (r) => r.noShowRate },
    { header: 'checkInRate', value: (r) => r.checkInRate },
  ]
}
