import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { CsvColumn } from './csv.ts'
import { hoursFromSeconds, utilisationRatio } from './utilisation.ts'
import { type UtilisationDbRow, utilisationRows } from './utilisation-queries.ts'

/**
 * The open-data export: utilisation by lab and month of one calendar year, with nothing personal
 * (no team, no person, no title), columns named as in the Comune's datasets so that `ID_NIL` and `MUNICIPIO`
 * join the NIL dataset (ds964) and the others.
 */
export async function openDataUtilisation(db: Kysely<Database>, year: number): Promise<UtilisationDbRow[]> {
  const rows = await utilisationRows(db, {
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    groupBy: 'lab_month',
    scope: { hubIds: 'all' },
  })
  return rows
    .filter((r) => !r.is_total)
    .sort(
      (a, b) =>
        String(a.bucket).localeCompare(String(b.bucket)) ||
        (a.nil_id ?? 0) - (b.nil_id ?? 0) ||
        String(a.hub_name).localeCompare(String(b.hub_name)) ||
        String(a.label).localeCompare(String(b.label)) ||
        String(a.lab_id).localeCompare(String(b.lab_id)),
    )
}

export const OPEN_DATA_COLUMNS: CsvColumn<UtilisationDbRow>[] = [
  { header: 'ANNO', value: (r) => Number(String(r.bucket).slice(0, 4)) },
  { header: 'MESE', value: (r) => Number(String(r.bucket).slice(5, 7)) },
  { header: 'ID_NIL', value: (r) => r.nil_id },
  { header: 'NIL', value: (r) => r.area_name },
  { header: 'MUNICIPIO', value: (r) => r.municipio },
  { header: 'AREA_PRIORITARIA', value: (r) => (r.is_target ? 'SI' : 'NO') },
  { header: 'ID_HUB', value: (r) => r.hub_id },
  { header: 'HUB', value: (r) => r.hub_name },
  { header: 'ID_LABORATORIO', value: (r) => r.lab_id },
  { header: 'LABORATORIO', value: (r) => r.label },
  { header: 'TIPO_LABORATORIO', value: (r) => r.lab_type },
  { header: 'ORE_APERTURA', value: (r) => hoursFromSeconds(r.open_secs) },
  { header: 'ORE_PRENOTATE', value: (r) => hoursFromSeconds(r.booked_secs) },
  { header: 'ORE_UTILIZZATE', value: (r) => hoursFromSeconds(r.used_secs) },
  { header: 'TASSO_UTILIZZO', value: (r) => utilisationRatio(r.booked_secs, r.open_secs) },
  { header: 'PRENOTAZIONI', value: (r) => r.bookings },
  { header: 'MANCATE_PRESENZE', value: (r) => r.no_shows },
  { header: 'PARTECIPANTI', value: (r) => r.participants },
]
