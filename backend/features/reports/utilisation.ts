import { DateTime } from 'luxon'
import type { LabType } from '../../../db/schema.ts'

/** The dimensions a utilisation report can be grouped by (CONTRACT §3 Reports). */
export const UTILISATION_GROUPS = ['lab', 'hub', 'type', 'area', 'operator', 'team', 'week', 'month'] as const
export type UtilisationGroup = (typeof UTILISATION_GROUPS)[number]

/** Statuses whose hours count as booked, and the one that counts as used (CONTRACT). */
export const BOOKED_STATUSES = ['confirmed', 'completed', 'no_show'] as const
export const USED_STATUS = 'completed'

/** Longest period a report may cover: three years (a bound on the work one request may cause). */
export const MAX_REPORT_DAYS = 1096

export const LAB_TYPE_LABELS: Record<LabType, string> = {
  kitchen: 'Cucina',
  it: 'Informatica',
  tailoring: 'Sartoria',
  fashion: 'Moda',
  gardening: 'Orticoltura',
  digital: 'Fabbricazione digitale',
  multipurpose: 'Polifunzionale',
}

export const NO_OPERATOR_LABEL = 'Gestione diretta del Comune'
export const NO_TEAM_LABEL = 'Uso interno (senza team)'

/** Hours from seconds, to the hundredth (a minute is 0.0167 h, so figures stay exact to the minute in sums). */
export function hoursFromSeconds(seconds: number): number {
  return roundTo(seconds / 3600, 2)
}

export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round((value + Number.EPSILON) * f) / f
}

/** booked / open, 0 where there were no open hours (CONTRACT); four decimals. */
export function utilisationRatio(bookedSeconds: number, openSeconds: number): number {
  if (openSeconds <= 0) return 0
  return roundTo(bookedSeconds / openSeconds, 4)
}

/** Percentage of team hours among all booked hours; 0 when nothing was booked. Two decimals. */
export function socialSharePercent(teamSeconds: number, allSeconds: number): number {
  if (allSeconds <= 0) return 0
  return roundTo((teamSeconds / allSeconds) * 100, 2)
}

/** `2027-W03` for the Monday `2027-01-18`. */
export function weekLabel(monday: string): string {
  const d = DateTime.fromISO(monday, { zone: 'UTC' })
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`
}

/** `gennaio 2027` for `2027-01`. */
export function monthLabel(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).setLocale('it').toFormat('LLLL yyyy')
}

/** Number of days of `[from, to)`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days)
}

/**
 * A week of a concession falls short when its open hours are below the weekly obligation. A week that the
 * evaluated period cuts (a month starting on a Thursday, ending on a Monday) owes the part of the obligation
 * that its days carry in the hub's own weekly schedule: a Monday-only tail of a hub closed on Mondays owes
 * nothing, a Thursday–Sunday head owes what Thursday–Sunday weigh in the week's scheduled hours. A whole week
 * owes all of it. Without any schedule, days count alike (days ÷ 7). docs/reports.md states the rule.
 */
export function weekFallsShort(
  openSeconds: number,
  minHoursPerWeek: number,
  week: { days: number; scheduledSeconds: number; weekScheduledSeconds: number },
): boolean {
  const share =
    week.days >= 7 ? 1 : week.weekScheduledSeconds > 0 ? Math.min(1, week.scheduledSeconds / week.weekScheduledSeconds) : week.days / 7
  const required = minHoursPerWeek * 3600 * share
  return openSeconds + 1e-6 < required
}
