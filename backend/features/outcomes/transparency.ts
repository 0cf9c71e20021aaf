import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { outboxSettings } from '../../outbox/settings.ts'
import type { CsvColumn } from '../reports/csv.ts'
import { getProgramme } from './programme.ts'

/**
 * Economic benefits granted (D.Lgs. 33/2013, art. 26–27): one record per award of a call, published as soon
 * as it is made. The beneficiary is the legal entity that receives the money, with its codice fiscale or
 * partita IVA; an informal group, until it becomes an entity, appears under its project's title. The names of
 * natural persons (promoters, applicants) are never read here, let alone published.
 */
export interface BenefitRecord {
  awardId: string
  beneficiary: string
  taxCode: string | null
  amountCents: number
  amountEur: number
  legalBasis: string
  callId: string
  office: string | null
  responsible: string | null
  selectionMethod: string
  projectTitle: string
  projectUrl: string
  awardedOn: string
  status: 'awarded' | 'conditional' | 'revoked'
  nilId: number | null
  area: string | null
  municipio: number | null
}

export const SELECTION_METHOD = 'Avviso pubblico con graduatoria (valutazione comparativa per criteri ponderati)'

export async function benefitRecords(db: Kysely<Database>): Promise<BenefitRecord[]> {
  const programme = await getProgramme(db)
  const rows = await sql<{
    id: string
    call_id: string
    call_title: string
    project_title: string
    beneficiary_name: string | null
    beneficiary_tax_code: string | null
    funding_cents: number
    status: 'awarded' | 'conditional' | 'revoked'
    awarded_on: string
    nil_id: number | null
    area_name: string | null
    municipio: number | null
  }>`
    select a.id, a.call_id, c.title as call_title, ap.title as project_title,
           a.beneficiary_name, a.beneficiary_tax_code, a.funding_cents, a.status,
           to_char((a.created_at at time zone 'Europe/Rome')::date, 'YYYY-MM-DD') as awarded_on,
           ar.nil_id, ar.name as area_name, ar.municipio
    from awards a
    join calls c on c.id = a.call_id
    join applications ap on ap.id = a.application_id
    left join lateral (
      select x.* from areas x
      where x.id = coalesce(
        (select h.area_id from hubs h where h.id = a.hub_id),
        (select aa.area_id from application_areas aa join areas y on y.id = aa.area_id
         where aa.application_id = a.application_id order by y.nil_id nulls last, y.name limit 1))
    ) ar on true
    order by a.created_at, a.id
  `.execute(db)
  const base = outboxSettings().publicUrl
  return rows.rows.map((r) => {
    // the money goes to an entity: its name once recorded, else (an informal group) the project's title
    const entity = r.beneficiary_tax_code ? r.beneficiary_name : null
    return {
      awardId: r.id,
      beneficiary: entity ?? r.project_title,
      taxCode: r.beneficiary_tax_code,
      amountCents: Number(r.funding_cents),
      amountEur: Number(r.funding_cents) / 100,
      legalBasis: `${r.call_title} — ${programme.fund}, progetto ${programme.projectCode} (CUP ${programme.cup})`,
      callId: r.call_id,
      office: programme.responsibleOffice,
      responsible: programme.responsiblePerson,
      selectionMethod: SELECTION_METHOD,
      projectTitle: r.project_title,
      projectUrl: `${base}/trasparenza#${r.id}`,
      awardedOn: r.awarded_on,
      status: r.status,
      nilId: r.nil_id,
      area: r.area_name,
      municipio: r.municipio,
    }
  })
}

/** Every column of the open data, with its meaning (the data dictionary page reads this). */
export interface DictionaryEntry {
  column: string
  field: string
  type: 'testo' | 'numero' | 'data' | 'URL'
  description: string
}

export const BENEFIT_DICTIONARY: DictionaryEntry[] = [
  { column: 'ID_ATTO', field: 'awardId', type: 'testo', description: 'Identificativo stabile della concessione (assegnazione del bando).' },
  {
    column: 'BENEFICIARIO',
    field: 'beneficiary',
    type: 'testo',
    description:
      'Ente beneficiario; per un gruppo informale non ancora costituito, il titolo del progetto. Mai il nome di una persona fisica.',
  },
  {
    column: 'CODICE_FISCALE_PIVA',
    field: 'taxCode',
    type: 'testo',
    description: 'Codice fiscale o partita IVA dell’ente beneficiario; vuoto finché il gruppo informale non si costituisce.',
  },
  {
    column: 'IMPORTO_EUR',
    field: 'amountEur',
    type: 'numero',
    description: 'Importo del vantaggio economico concesso, in euro (punto come separatore decimale).',
  },
  {
    column: 'NORMA_TITOLO',
    field: 'legalBasis',
    type: 'testo',
    description: 'Titolo a base dell’attribuzione: il bando, il programma e il progetto finanziato (CUP).',
  },
  { column: 'UFFICIO', field: 'office', type: 'testo', description: 'Ufficio responsabile del procedimento amministrativo.' },
  { column: 'RESPONSABILE', field: 'responsible', type: 'testo', description: 'Funzionario o dirigente responsabile del procedimento.' },
  { column: 'MODALITA_SCELTA', field: 'selectionMethod', type: 'testo', description: 'Modalità seguita per individuare il beneficiario.' },
  { column: 'PROGETTO', field: 'projectTitle', type: 'testo', description: 'Titolo del progetto selezionato.' },
  {
    column: 'LINK_PROGETTO',
    field: 'projectUrl',
    type: 'URL',
    description: 'Collegamento alla scheda del progetto sulla pagina pubblica della trasparenza.',
  },
  { column: 'DATA', field: 'awardedOn', type: 'data', description: 'Data della concessione (AAAA-MM-GG).' },
  {
    column: 'STATO',
    field: 'status',
    type: 'testo',
    description: 'awarded = concessa; conditional = concessa in attesa della costituzione dell’ente; revoked = revocata.',
  },
  {
    column: 'ID_NIL',
    field: 'nilId',
    type: 'numero',
    description: 'Numero del Nucleo di Identità Locale in cui si svolge il progetto (dataset ds964 del Comune di Milano).',
  },
  { column: 'NIL', field: 'area', type: 'testo', description: 'Nome del NIL.' },
  { column: 'MUNICIPIO', field: 'municipio', type: 'numero', description: 'Municipio (1–9) del NIL.' },
]

export const BENEFIT_COLUMNS: CsvColumn<BenefitRecord>[] = BENEFIT_DICTIONARY.map((d) => ({
  header: d.column,
  value: (r: BenefitRecord) => r[d.field as keyof BenefitRecord] as string | number | null,
}))
