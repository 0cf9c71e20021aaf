import type ExcelJS from 'exceljs'
import type { CsvColumn } from '../reports/csv.ts'
import { newWorkbook } from '../reports/xlsx.ts'
import type { AreaRow, CallRow, Dashboard, Figures, ProjectRow, TrendRow } from './programme-dashboard.ts'

/**
 * The dashboard as data: one CSV per table (`;`, as every report) and one office file with a sheet per table,
 * Italian headers and names rather than ids (ids stay in the last columns, for joins).
 */
const euro = (cents: number) => Math.round(cents) / 100
const categories = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')

const figures = <T extends Figures>(): CsvColumn<T>[] => [
  { header: 'PROGETTI', value: (r) => r.projects },
  { header: 'FINANZIAMENTO_IMPEGNATO_EUR', value: (r) => euro(r.fundingCommittedCents) },
  { header: 'FINANZIAMENTO_EROGATO_EUR', value: (r) => euro(r.fundingPaidCents) },
  { header: 'ORE_ASSEGNATE', value: (r) => r.hoursGranted },
  { header: 'ORE_PRENOTATE', value: (r) => r.hoursBooked },
  { header: 'ORE_UTILIZZATE', value: (r) => r.hoursUsed },
  { header: 'ATTIVITA_SVOLTE', value: (r) => r.events },
  { header: 'PARTECIPANTI', value: (r) => r.participants },
  { header: 'PARTECIPANTI_PER_CATEGORIA', value: (r) => categories(r.participantsByCategory) },
]

export const PROJECT_COLUMNS: CsvColumn<ProjectRow>[] = [
  { header: 'PROGETTO', value: (r) => r.teamName },
  { header: 'BANDO', value: (r) => r.callTitle },
  { header: 'ID_NIL', value: (r) => r.areas.map((a) => a.nilId).join(',') },
  { header: 'NIL', value: (r) => r.areas.map((a) => a.name).join(', ') },
  { header: 'MUNICIPIO', value: (r) => [...new Set(r.areas.map((a) => a.municipio))].join(',') },
  ...figures<ProjectRow>(),
  { header: 'PARTECIPANTI_DICHIARATI_PER_CATEGORIA', value: (r) => categories(r.reportedParticipantsByCategory) },
  {
    header: 'INDICATORI',
    value: (r) => r.indicators.map((i) => `${i.name}: ${i.value}${i.target !== null ? `/${i.target}` : ''} ${i.unit}`).join(' | '),
  },
  { header: 'ID_PROGETTO', value: (r) => r.teamId },
  { header: 'ID_BANDO', value: (r) => r.callId },
]

export const AREA_COLUMNS: CsvColumn<AreaRow>[] = [
  { header: 'ID_NIL', value: (r) => r.nilId },
  { header: 'NIL', value: (r) => r.name },
  { header: 'MUNICIPIO', value: (r) => r.municipio },
  { header: 'AREA_PRIORITARIA', value: (r) => (r.isTarget ? 'SI' : 'NO') },
  ...figures<AreaRow>(),
  { header: 'ID_AREA', value: (r) => r.areaId },
]

export const CALL_COLUMNS: CsvColumn<CallRow>[] = [
  { header: 'BANDO', value: (r) => r.title },
  { header: 'DOTAZIONE_EUR', value: (r) => euro(r.budgetCents) },
  ...figures<CallRow>(),
  { header: 'ID_BANDO', value: (r) => r.callId },
]

export const TREND_COLUMNS: CsvColumn<TrendRow>[] = [
  { header: 'MESE', value: (r) => r.month },
  { header: 'ORE_UTILIZZATE', value: (r) => r.hoursUsed },
  { header: 'ATTIVITA_SVOLTE', value: (r) => r.events },
  { header: 'PARTECIPANTI', value: (r) => r.participants },
]

/** Italian sheet headers of the office file, from the CSV headers. */
const label = (header: string) => {
  const h = header.replaceAll('_', ' ').toLowerCase()
  return header === 'ID_NIL'
    ? 'ID_NIL'
    : header === 'MUNICIPIO'
      ? 'MUNICIPIO'
      : h.charAt(0).toUpperCase() + h.slice(1).replace(' eur', ' (€)')
}

function sheet<T>(book: ExcelJS.Workbook, name: string, columns: CsvColumn<T>[], rows: T[]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: label(c.header), key: c.header, width: Math.max(12, Math.min(40, c.header.length + 4)) }))
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''))
}

export async function dashboardWorkbook(d: Dashboard, programme: { title: string; cup: string; projectCode: string }): Promise<Buffer> {
  const book = await newWorkbook(`${programme.title} (CUP ${programme.cup}, ${programme.projectCode})`)
  sheet(book, 'Progetti', PROJECT_COLUMNS, d.projects)
  sheet(book, 'Aree', AREA_COLUMNS, d.areas)
  sheet(book, 'Bandi', CALL_COLUMNS, d.calls)
  sheet(book, 'Andamento mensile', TREND_COLUMNS, d.trend)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** What each column of the dashboard's tables means (the data dictionary page). */
export const DASHBOARD_COLUMN_MEANINGS: Record<string, string> = {
  PROGETTO: 'Nome del progetto (gruppo o ente finanziato).',
  BANDO: 'Titolo del bando che finanzia il progetto.',
  ID_NIL: 'Numero del NIL (Nucleo di Identità Locale, dataset ds964); più valori separati da virgola se il progetto lavora in più NIL.',
  NIL: 'Nome del NIL.',
  MUNICIPIO: 'Municipio (1–9).',
  AREA_PRIORITARIA: 'SI se il NIL è un’area prioritaria del piano per le periferie.',
  PROGETTI: 'Numero di progetti.',
  DOTAZIONE_EUR: 'Dotazione finanziaria del bando, in euro.',
  FINANZIAMENTO_IMPEGNATO_EUR: 'Somma delle assegnazioni (non revocate), in euro.',
  FINANZIAMENTO_EROGATO_EUR: 'Somma delle tranche pagate, in euro.',
  ORE_ASSEGNATE:
    'Ore di laboratorio concesse ai progetti (tutta la durata delle concessioni); per quartiere, le concessioni sui laboratori di un hub del NIL.',
  ORE_PRENOTATE: 'Ore prenotate a valere sulle ore concesse.',
  ORE_UTILIZZATE: 'Ore di attività svolte con presenze registrate, nel periodo.',
  ATTIVITA_SVOLTE: 'Numero di attività (prenotazioni) svolte con presenze registrate, nel periodo.',
  PARTECIPANTI: 'Partecipanti registrati alle presenze, nel periodo (conteggi, mai dati personali).',
  PARTECIPANTI_PER_CATEGORIA: 'Partecipanti registrati per categoria (chiave=numero).',
  PARTECIPANTI_DICHIARATI_PER_CATEGORIA: 'Partecipanti per categoria dichiarati nelle relazioni accettate.',
  INDICATORI: 'Valore raggiunto / obiettivo per ciascun indicatore del bando.',
  ID_PROGETTO: 'Identificativo del progetto.',
  ID_BANDO: 'Identificativo del bando.',
  ID_AREA: 'Identificativo dell’area nel sistema.',
  MESE: 'Mese (AAAA-MM).',
}
