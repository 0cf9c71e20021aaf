import type { Kysely } from 'kysely'
import { z } from 'zod'
import { type Database, LAB_TYPES, type LabType } from '../../../db/schema.ts'
import {
  hoursFromSeconds,
  LAB_TYPE_LABELS,
  monthLabel,
  NO_OPERATOR_LABEL,
  NO_TEAM_LABEL,
  UTILISATION_GROUPS,
  type UtilisationGroup,
  utilisationRatio,
  weekLabel,
} from './utilisation.ts'
import { type LabScope, scopeOpenSeconds, type UtilisationDbRow, utilisationRows } from './utilisation-queries.ts'

const UtilisationFiguresView = z.object({
  openHours: z.number(),
  bookedHours: z.number(),
  usedHours: z.number(),
  utilisation: z.number().describe('bookedHours / openHours'),
  bookings: z.number().int(),
  noShows: z.number().int(),
  participants: z.number().int(),
  participantCategories: z.record(z.string(), z.number()).describe('Participants by category key'),
  distinctTeams: z.number().int(),
  checkIns: z.number().int().describe('Bookings checked in (by the team or staff), counted like `bookings` on the day they start'),
})
type UtilisationFigures = z.infer<typeof UtilisationFiguresView>

const UtilisationRowView = UtilisationFiguresView.extend({
  key: z.string().nullable().describe('What the row groups by: an id, a lab type, a week’s Monday or a month (null: no team, no operator)'),
  label: z.string(),
  hubId: z.string().optional().describe('groupBy=lab'),
  hubName: z.string().optional().describe('groupBy=lab'),
  type: z.string().optional().describe('groupBy=lab'),
  areaId: z.string().optional().describe('groupBy=lab or hub'),
  nilId: z.number().int().nullable().optional().describe('groupBy=hub or area'),
  municipio: z.number().int().optional().describe('groupBy=hub or area'),
  isTarget: z.boolean().optional().describe('groupBy=hub or area'),
})
export type UtilisationRow = z.infer<typeof UtilisationRowView>

export const UtilisationView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(UTILISATION_GROUPS),
  rows: z.array(UtilisationRowView),
  totals: UtilisationFiguresView,
})
export type UtilisationReport = z.infer<typeof UtilisationView>

function figures(r: UtilisationDbRow, openSecs = r.open_secs): UtilisationFigures {
  return {
    openHours: hoursFromSeconds(openSecs),
    bookedHours: hoursFromSeconds(r.booked_secs),
    usedHours: hoursFromSeconds(r.used_secs),
    utilisation: utilisationRatio(r.booked_secs, openSecs),
    bookings: r.bookings,
    noShows: r.no_shows,
    participants: r.participants,
    participantCategories: r.categories ?? {},
    distinctTeams: r.distinct_teams,
    checkIns: r.check_ins,
  }
}

function labelOf(groupBy: UtilisationGroup, r: UtilisationDbRow): string {
  switch (groupBy) {
    case 'type':
      return LAB_TYPE_LABELS[r.key as LabType] ?? String(r.key)
    case 'week':
      return weekLabel(String(r.key))
    case 'month':
      return monthLabel(String(r.key))
    case 'operator':
      return r.key === null ? NO_OPERATOR_LABEL : (r.label ?? '')
    case 'team':
      return r.key === null ? NO_TEAM_LABEL : (r.label ?? '')
    default:
      return r.label ?? ''
  }
}

function describe(groupBy: UtilisationGroup, r: UtilisationDbRow): Partial<UtilisationRow> {
  switch (groupBy) {
    case 'lab':
      return {
        hubId: r.hub_id ?? undefined,
        hubName: r.hub_name ?? undefined,
        type: r.lab_type ?? undefined,
        areaId: r.area_id ?? undefined,
      }
    case 'hub':
      return { areaId: r.area_id ?? undefined, nilId: r.nil_id, municipio: r.municipio ?? undefined, isTarget: r.is_target ?? undefined }
    case 'area':
      return { nilId: r.nil_id, municipio: r.municipio ?? undefined, isTarget: r.is_target ?? undefined }
    default:
      return {}
  }
}

const collator = new Intl.Collator('it')

function order(groupBy: UtilisationGroup, rows: UtilisationRow[]): UtilisationRow[] {
  if (groupBy === 'week' || groupBy === 'month') return rows.sort((a, b) => String(a.key).localeCompare(String(b.key)))
  if (groupBy === 'type') return rows.sort((a, b) => LAB_TYPES.indexOf(a.key as LabType) - LAB_TYPES.indexOf(b.key as LabType))
  // unnamed rows (no operator, no team) last
  return rows.sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || collator.compare(a.label, b.label))
}

/** The utilisation report of CONTRACT §3, from the set-based query. */
export async function utilisationReport(
  db: Kysely<Database>,
  q: { from: string; to: string; groupBy: UtilisationGroup; scope: LabScope },
): Promise<UtilisationReport> {
  const dbRows = await utilisationRows(db, q)
  // A team has no opening hours of its own: its share is measured against the open hours of the whole scope.
  const teamOpen = q.groupBy === 'team' ? await scopeOpenSeconds(db, q) : undefined
  const total = dbRows.find((r) => r.is_total)
  const rows = dbRows
    .filter((r) => !r.is_total)
    .map((r) => ({ key: r.key, label: labelOf(q.groupBy, r), ...describe(q.groupBy, r), ...figures(r, teamOpen ?? r.open_secs) }))
  const empty: UtilisationDbRow = {
    is_total: true,
    key: null,
    label: null,
    bucket: null,
    lab_id: null,
    hub_id: null,
    hub_name: null,
    lab_type: null,
    area_id: null,
    area_name: null,
    nil_id: null,
    municipio: null,
    is_target: null,
    open_secs: 0,
    booked_secs: 0,
    used_secs: 0,
    bookings: 0,
    no_shows: 0,
    participants: 0,
    check_ins: 0,
    distinct_teams: 0,
    categories: null,
  }
  const t = total ?? empty
  return { from: q.from, to: q.to, groupBy: q.groupBy, rows: order(q.groupBy, rows), totals: figures(t, teamOpen ?? t.open_secs) }
}
