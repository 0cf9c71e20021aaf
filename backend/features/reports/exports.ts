import type { ConcessionCompliance } from './concessions-report.ts'
import type { CsvColumn } from './csv.ts'
import type { GrantReportRow } from './grants-report.ts'
import type { UtilisationReport, UtilisationRow } from './utilisation-report.ts'

/**
 * Column order of the utilisation CSV: fixed whatever the grouping (descriptive columns that do not apply
 * stay empty), so a spreadsheet or script built on one export reads them all.
 */
export function utilisationColumns(report: Pick<UtilisationReport, 'from' | 'to' | 'groupBy'>): CsvColumn<UtilisationRow>[] {
  return [
    { header: 'from', value: () => report.from },
    { header: 'to', value: () => report.to },
    { header: 'groupBy', value: () => report.groupBy },
    { header: 'key', value: (r) => r.key },
    { header: 'label', value: (r) => r.label },
    { header: 'openHours', value: (r) => r.openHours },
    { header: 'bookedHours', value: (r) => r.bookedHours },
    { header: 'usedHours', value: (r) => r.usedHours },
    { header: 'utilisation', value: (r) => r.utilisation },
    { header: 'bookings', value: (r) => r.bookings },
    { header: 'noShows', value: (r) => r.noShows },
    { header: 'participants', value: (r) => r.participants },
    { header: 'distinctTeams', value: (r) => r.distinctTeams },
    { header: 'participantCategories', value: (r) => r.participantCategories },
    { header: 'hubId', value: (r) => r.hubId },
    { header: 'hubName', value: (r) => r.hubName },
    { header: 'type', value: (r) => r.type },
    { header: 'areaId', value: (r) => r.areaId },
    { header: 'nilId', value: (r) => r.nilId },
    { header: 'municipio', value: (r) => r.municipio },
    { header: 'isTarget', value: (r) => r.isTarget },
    // added after the others (issue 19), so scripts that read columns by position keep working
    { header: 'checkIns', value: (r) => r.checkIns },
  ]
}

/** Column order of the concession compliance CSV. */
export const CONCESSION_COLUMNS: CsvColumn<ConcessionCompliance>[] = [
  { header: 'concessionId', value: (r) => r.concessionId },
  { header: 'hubId', value: (r) => r.hubId },
  { header: 'hubName', value: (r) => r.hubName },
  { header: 'operatorId', value: (r) => r.operatorId },
  { header: 'operatorName', value: (r) => r.operatorName },
  { header: 'status', value: (r) => r.status },
  { header: 'start', value: (r) => r.start },
  { header: 'end', value: (r) => r.end },
  { header: 'evaluatedFrom', value: (r) => r.evaluated.from },
  { header: 'evaluatedTo', value: (r) => r.evaluated.to },
  { header: 'openHours', value: (r) => r.openHours },
  { header: 'openHoursPerWeek', value: (r) => r.openHoursPerWeek },
  { header: 'minOpenHoursPerWeek', value: (r) => r.obligations.minOpenHoursPerWeek },
  { header: 'bookedHours', value: (r) => r.bookedHours },
  { header: 'teamBookedHours', value: (r) => r.teamBookedHours },
  { header: 'socialSharePercent', value: (r) => r.socialSharePercent },
  { header: 'minSocialSharePercent', value: (r) => r.obligations.minSocialSharePercent },
  { header: 'compliant', value: (r) => r.compliant },
  { header: 'weeksShort', value: (r) => r.weeksShort.join(',') },
]

/** Column order of the grants CSV (per grant, team or reference; columns that do not apply stay empty). */
export const GRANT_COLUMNS: CsvColumn<GrantReportRow>[] = [
  { header: 'key', value: (r) => r.key },
  { header: 'label', value: (r) => r.label },
  { header: 'grantId', value: (r) => r.grantId },
  { header: 'teamId', value: (r) => r.teamId },
  { header: 'teamName', value: (r) => r.teamName },
  { header: 'reference', value: (r) => r.reference },
  { header: 'from', value: (r) => r.from },
  { header: 'to', value: (r) => r.to },
  { header: 'hubId', value: (r) => r.hubId },
  { header: 'labType', value: (r) => r.labType },
  { header: 'grants', value: (r) => r.grants },
  { header: 'teams', value: (r) => r.teams },
  { header: 'grantedHours', value: (r) => r.grantedHours },
  { header: 'bookedHours', value: (r) => r.bookedHours },
  { header: 'usedHours', value: (r) => r.usedHours },
  { header: 'remainingHours', value: (r) => r.remainingHours },
]
