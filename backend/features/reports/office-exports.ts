import type { Kysely } from 'kysely'
import type { Database, LabType } from '../../../db/schema.ts'
import { currentLocale } from '../../http/i18n.ts'
import type { AttendanceGroup, AttendanceReport, AttendanceRow } from './attendance-report.ts'
import type { ConcessionCompliance } from './concessions-report.ts'
import type { GrantGrouping, GrantReportRow } from './grants-report.ts'
import { x } from './office-messages.ts'
import { dayBefore, italianDate } from './report-period.ts'
import type { UtilisationGroup } from './utilisation.ts'
import type { UtilisationReport, UtilisationRow } from './utilisation-report.ts'
import type { SheetColumn, SheetSpec } from './xlsx.ts'

/**
 * What each report's office file holds: Italian headers (English for an English reader), names instead of
 * ids and codes, hours, percentages and dates as typed cells. The numbers are the JSON report's, unchanged.
 */

/** Names the sheets need that the reports give as ids or keys. */
export interface Names {
  hubs: Map<string, string>
  areas: Map<string, string>
  categories: Map<string, string>
}

export async function loadNames(db: Kysely<Database>): Promise<Names> {
  const [hubs, areas, categories] = await Promise.all([
    db.selectFrom('hubs').select(['id', 'name']).execute(),
    db.selectFrom('areas').select(['id', 'name']).execute(),
    db.selectFrom('participant_categories').select(['key', 'label_it', 'label_en']).orderBy('position').execute(),
  ])
  const en = currentLocale() === 'en'
  return {
    hubs: new Map(hubs.map((h) => [h.id, h.name])),
    areas: new Map(areas.map((a) => [a.id, a.name])),
    categories: new Map(categories.map((c) => [c.key, en ? c.label_en : c.label_it])),
  }
}

/** The lines under a sheet's title: the period as the screen says it, the scope, when it was made. */
export function headLines(period: { from: string; lastDay: string } | { asOf: string }, scope: string): string[] {
  const now = new Date()
  const date = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(now)
  const time = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(now)
  const first =
    'asOf' in period
      ? x.asOf({ date: italianDate(period.asOf) })
      : x.period({ from: italianDate(period.from), to: italianDate(period.lastDay) })
  return [String(first), String(x.scope({ scope })), String(x.generated({ date, time }))]
}

const typeName = (type: string | null | undefined) => (type ? String(x[type as LabType]?.() ?? type) : '')
const yesNo = (value: boolean | undefined) => (value === undefined ? '' : String(value ? x.yes() : x.no()))
const monthName = (key: string | null) =>
  key && /^\d{4}-\d{2}$/.test(key)
    ? new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${key}-01T00:00:00Z`),
      )
    : (key ?? '')

const GROUPING_TITLE = {
  lab: x.byLab,
  hub: x.byHub,
  type: x.byType,
  area: x.byArea,
  operator: x.byOperator,
  team: x.byTeam,
  week: x.byWeek,
  month: x.byMonth,
} as const

type URow = UtilisationRow & { total?: boolean }

export function utilisationSheet(report: UtilisationReport, names: Names, lines: string[]): SheetSpec<URow> {
  const g: UtilisationGroup = report.groupBy
  const name = (r: URow, nullText: () => unknown) => (r.total ? String(x.total()) : r.key === null ? String(nullText()) : r.label)
  const describe: SheetColumn<URow>[] =
    g === 'lab'
      ? [
          { header: x.lab(), kind: 'text', width: 32, value: (r) => name(r, x.total) },
          { header: x.hub(), kind: 'text', width: 32, value: (r) => r.hubName ?? (r.hubId ? names.hubs.get(r.hubId) : '') },
          { header: x.type(), kind: 'text', width: 22, value: (r) => typeName(r.type) },
        ]
      : g === 'hub' || g === 'area'
        ? [
            { header: g === 'hub' ? x.hub() : x.area(), kind: 'text', width: 32, value: (r) => name(r, x.total) },
            ...(g === 'hub'
              ? [
                  {
                    header: x.area(),
                    kind: 'text',
                    width: 24,
                    value: (r: URow) => (r.areaId ? names.areas.get(r.areaId) : ''),
                  } as SheetColumn<URow>,
                ]
              : []),
            { header: x.nilId(), kind: 'integer', width: 11, value: (r) => r.nilId },
            { header: x.municipio(), kind: 'integer', width: 11, value: (r) => r.municipio },
            { header: x.priority(), kind: 'text', width: 12, value: (r) => (r.total ? '' : yesNo(r.isTarget)) },
          ]
        : g === 'type'
          ? [{ header: x.type(), kind: 'text', width: 24, value: (r) => (r.total ? String(x.total()) : typeName(r.key)) }]
          : g === 'operator'
            ? [{ header: x.operator(), kind: 'text', width: 40, value: (r) => name(r, x.noOperator) }]
            : g === 'team'
              ? [{ header: x.team(), kind: 'text', width: 40, value: (r) => name(r, x.noTeam) }]
              : g === 'week'
                ? [
                    { header: x.weekOf(), kind: 'date', width: 14, value: (r) => (r.total ? null : r.key) },
                    { header: '', kind: 'text', width: 10, value: (r) => (r.total ? String(x.total()) : r.label) },
                  ]
                : [{ header: x.month(), kind: 'text', width: 18, value: (r) => (r.total ? String(x.total()) : monthName(r.key)) }]
  const categoryKeys = Object.keys(report.totals.participantCategories ?? {}).sort(
    (a, b) => [...names.categories.keys()].indexOf(a) - [...names.categories.keys()].indexOf(b),
  )
  const columns: SheetColumn<URow>[] = [
    ...describe,
    { header: x.openHours(), kind: 'hours', value: (r) => r.openHours },
    { header: x.bookedHours(), kind: 'hours', value: (r) => r.bookedHours },
    { header: x.usedHours(), kind: 'hours', value: (r) => r.usedHours },
    { header: x.utilisation(), kind: 'percent', value: (r) => r.utilisation },
    { header: x.bookings(), kind: 'integer', value: (r) => r.bookings },
    { header: x.noShows(), kind: 'integer', value: (r) => r.noShows },
    { header: x.checkIns(), kind: 'integer', value: (r) => r.checkIns },
    { header: x.participants(), kind: 'integer', value: (r) => r.participants },
    { header: x.distinctTeams(), kind: 'integer', value: (r) => r.distinctTeams },
    ...categoryKeys.map(
      (key): SheetColumn<URow> => ({
        header: x.participantsOf({ category: names.categories.get(key) ?? key }),
        kind: 'integer',
        width: 18,
        // the team rows carry no categories (docs/reports.md): their cells stay empty
        value: (r) => r.participantCategories?.[key] ?? (g === 'team' && !r.total ? null : 0),
      }),
    ),
  ]
  return {
    name: String(x.utilisation()),
    title: String(x.utilisationTitle({ grouping: GROUPING_TITLE[g]() })),
    lines,
    columns,
    rows: report.rows,
    totals: { ...report.totals, key: null, label: '', total: true },
  }
}

type ARow = AttendanceRow & { total?: boolean }

export function attendanceSheet(report: AttendanceReport, lines: string[]): SheetSpec<ARow> {
  const g: AttendanceGroup = report.groupBy
  const header = g === 'lab' ? x.lab() : g === 'hub' ? x.hub() : x.team()
  return {
    name: String(x.noShows()),
    title: String(x.attendanceTitle({ grouping: (g === 'lab' ? x.byLab : g === 'hub' ? x.byHub : x.byTeam)() })),
    lines,
    columns: [
      { header, kind: 'text', width: 36, value: (r) => (r.total ? String(x.total()) : r.key === null ? String(x.noTeam()) : r.label) },
      { header: x.bookings(), kind: 'integer', value: (r) => r.bookings },
      { header: x.checkIns(), kind: 'integer', value: (r) => r.checkIns },
      { header: x.noShows(), kind: 'integer', value: (r) => r.noShows },
      { header: x.released(), kind: 'integer', width: 18, value: (r) => r.released },
      { header: x.noShowRate(), kind: 'percent', width: 16, value: (r) => r.noShowRate },
      { header: x.checkInRate(), kind: 'percent', width: 16, value: (r) => r.checkInRate },
    ],
    rows: report.rows,
    totals: { ...report.totals, key: null, label: '', total: true },
  }
}

export function concessionsSheet(rows: ConcessionCompliance[], lines: string[]): SheetSpec<ConcessionCompliance> {
  return {
    name: String(x.compliant()),
    title: String(x.concessionsTitle()),
    lines,
    columns: [
      { header: x.hub(), kind: 'text', width: 32, value: (r) => r.hubName },
      { header: x.operator(), kind: 'text', width: 40, value: (r) => r.operatorName },
      {
        header: x.status(),
        kind: 'text',
        value: (r) => String(r.status === 'active' ? x.statusActive() : r.status === 'expired' ? x.statusExpired() : r.status),
      },
      { header: x.start(), kind: 'date', value: (r) => r.start },
      { header: x.end(), kind: 'date', value: (r) => r.end },
      { header: x.evaluatedFrom(), kind: 'date', value: (r) => r.evaluated.from },
      { header: x.evaluatedTo(), kind: 'date', width: 16, value: (r) => dayBefore(r.evaluated.to) },
      { header: x.openHours(), kind: 'hours', value: (r) => r.openHours },
      { header: x.openHoursPerWeek(), kind: 'hours', width: 16, value: (r) => r.openHoursPerWeek },
      { header: x.minOpenHoursPerWeek(), kind: 'hours', width: 16, value: (r) => r.obligations.minOpenHoursPerWeek },
      { header: x.bookedHours(), kind: 'hours', value: (r) => r.bookedHours },
      { header: x.teamBookedHours(), kind: 'hours', width: 16, value: (r) => r.teamBookedHours },
      { header: x.socialShare(), kind: 'percent', value: (r) => r.socialSharePercent / 100 },
      { header: x.minSocialShare(), kind: 'percent', width: 16, value: (r) => r.obligations.minSocialSharePercent / 100 },
      { header: x.weeksShort(), kind: 'integer', width: 16, value: (r) => r.weeksShort.length },
      { header: x.weeksShortList(), kind: 'text', width: 40, value: (r) => r.weeksShort.map(italianDate).join(', ') },
      { header: x.compliant(), kind: 'text', value: (r) => yesNo(r.compliant) },
    ],
    rows,
  }
}

type GRow = GrantReportRow & { total?: boolean }

export function grantsSheet(rows: GrantReportRow[], groupBy: GrantGrouping, names: Names, lines: string[]): SheetSpec<GRow> {
  const sum = (k: 'grantedHours' | 'bookedHours' | 'usedHours' | 'remainingHours') =>
    Math.round(rows.reduce((s, r) => s + r[k], 0) * 100) / 100
  const totals: GRow = {
    key: '',
    label: '',
    total: true,
    grantedHours: sum('grantedHours'),
    bookedHours: sum('bookedHours'),
    usedHours: sum('usedHours'),
    remainingHours: sum('remainingHours'),
  }
  const totalText = (r: GRow, text: string | undefined) => (r.total ? String(x.total()) : (text ?? ''))
  const describe: SheetColumn<GRow>[] =
    groupBy === 'grant'
      ? [
          { header: x.team(), kind: 'text', width: 40, value: (r) => totalText(r, r.teamName) },
          { header: x.reference(), kind: 'text', width: 40, value: (r) => r.reference },
          { header: x.validFrom(), kind: 'date', value: (r) => r.from },
          { header: x.validTo(), kind: 'date', value: (r) => r.to },
          {
            header: x.hub(),
            kind: 'text',
            width: 30,
            value: (r) => (r.total ? '' : r.hubId ? names.hubs.get(r.hubId) : String(x.anyHub())),
          },
          {
            header: x.type(),
            kind: 'text',
            width: 22,
            value: (r) => (r.total ? '' : r.labType ? typeName(r.labType) : String(x.anyType())),
          },
        ]
      : groupBy === 'team'
        ? [
            { header: x.team(), kind: 'text', width: 40, value: (r) => totalText(r, r.label) },
            { header: x.grants(), kind: 'integer', value: (r) => r.grants },
          ]
        : [
            { header: x.reference(), kind: 'text', width: 40, value: (r) => totalText(r, r.label) },
            { header: x.grants(), kind: 'integer', value: (r) => r.grants },
            { header: x.teams(), kind: 'integer', value: (r) => r.teams },
          ]
  return {
    name: String(x.grants()),
    title: String(x.grantsTitle({ grouping: (groupBy === 'grant' ? x.byGrant : groupBy === 'team' ? x.byTeam : x.byReference)() })),
    lines,
    columns: [
      ...describe,
      { header: x.grantedHours(), kind: 'hours', value: (r) => r.grantedHours },
      { header: x.bookedHours(), kind: 'hours', value: (r) => r.bookedHours },
      { header: x.usedHours(), kind: 'hours', value: (r) => r.usedHours },
      { header: x.remainingHours(), kind: 'hours', value: (r) => r.remainingHours },
    ],
    rows,
    totals,
  }
}
