import { type Kysely, sql } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../../db/schema.ts'
import { DEFAULT_ZONE } from '../../time.ts'
import { BOOKED_STATUSES } from './utilisation.ts'
import type { LabScope } from './utilisation-queries.ts'

/** The longest default period: a year of data, today included. */
const DEFAULT_MONTHS = 12

export interface ReportPeriod {
  /** First day, included (YYYY-MM-DD). */
  from: string
  /** Day after the last one (the reports' half-open `to`). */
  to: string
  /** Last day, included: what people read ("al 30/11/2026 compreso"). */
  lastDay: string
}

/**
 * The period a report shows when nobody chose one: the period with data, up to today. From the first booking
 * in the caller's scope (or the first day of this month when there is none) to today included, at most the
 * last twelve months: a programme that started in September shows September to today, not a year of zeros.
 */
export async function defaultReportPeriod(db: Kysely<Database>, scope: LabScope, now: DateTime = DateTime.now()): Promise<ReportPeriod> {
  const today = now.setZone(DEFAULT_ZONE).startOf('day')
  const earliest = today.minus({ months: DEFAULT_MONTHS }).plus({ days: 1 })
  const base = () => {
    let query = db
      .selectFrom('bookings as b')
      .innerJoin('labs as l', 'l.id', 'b.lab_id')
      .innerJoin('hubs as h', 'h.id', 'l.hub_id')
      .where('b.status', 'in', [...BOOKED_STATUSES])
    if (scope.hubIds !== 'all') query = scope.hubIds.length ? query.where('l.hub_id', 'in', scope.hubIds) : query.where(sql<boolean>`false`)
    if (scope.hubId) query = query.where('l.hub_id', '=', scope.hubId)
    if (scope.labId) query = query.where('l.id', '=', scope.labId)
    if (scope.type) query = query.where(sql<boolean>`l.type = ${scope.type}`)
    if (scope.areaId) query = query.where('h.area_id', '=', scope.areaId)
    return query
  }
  const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd')
  const lastDay = iso(today)
  // Data older than the window: the whole twelve months (an index range scan that stops at the first row).
  const older = await base().select('b.id').where(sql<boolean>`lower(b.during) < ${earliest.toJSDate()}`).limit(1).executeTakeFirst()
  let from: string
  if (older) from = iso(earliest)
  else {
    const { first } = await base()
      .select(sql<string | null>`to_char(min(lower(b.during) at time zone h.timezone), 'YYYY-MM-DD')`.as('first'))
      .where(sql<boolean>`lower(b.during) >= ${earliest.toJSDate()}`)
      .executeTakeFirstOrThrow()
    from = first ?? iso(today.startOf('month'))
  }
  if (from < iso(earliest)) from = iso(earliest)
  if (from > lastDay) from = lastDay
  return { from, to: iso(today.plus({ days: 1 })), lastDay }
}

/** dd/mm/yyyy, as people in Italy write a date (and as the screen shows it). */
export function italianDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`
}

/** The day before an ISO date: the last day of a half-open period. */
export function dayBefore(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).minus({ days: 1 }).toFormat('yyyy-MM-dd')
}
