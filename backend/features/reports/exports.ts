import type { CsvColumn } from './csv.ts'
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
  ]
}
