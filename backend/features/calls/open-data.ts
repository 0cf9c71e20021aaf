import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../../db/schema.ts'
import { type CsvColumn, toCsv } from '../reports/csv.ts'

/**
 * The awards as open data (art. 26–27 D.Lgs. 33/2013): confirmed awards only, whose beneficiary is an
 * entity with its codice fiscale. Conditional awards (informal groups, natural persons) are left out
 * until their entity exists: no natural person's name is ever published.
 */
interface AwardRecord {
  call_id: string
  call_title: string
  beneficiary_name: string | null
  beneficiary_tax_code: string | null
  beneficiary_legal_status: string | null
  funding_cents: number
  hours: number
  created_at: Date
  confirmed_at: Date | null
  award_id: string
}

const romeDate = (d: Date) => DateTime.fromJSDate(d).setZone('Europe/Rome').toISODate()

const COLUMNS: CsvColumn<AwardRecord>[] = [
  { header: 'award_id', value: (r) => r.award_id },
  { header: 'call_id', value: (r) => r.call_id },
  { header: 'call', value: (r) => r.call_title },
  { header: 'beneficiary', value: (r) => r.beneficiary_name },
  { header: 'tax_code', value: (r) => r.beneficiary_tax_code },
  { header: 'legal_status', value: (r) => r.beneficiary_legal_status },
  { header: 'amount_eur', value: (r) => (r.funding_cents / 100).toFixed(2) },
  { header: 'hours', value: (r) => r.hours },
  { header: 'award_date', value: (r) => romeDate(r.created_at) },
  { header: 'confirmed_date', value: (r) => (r.confirmed_at ? romeDate(r.confirmed_at) : null) },
]

export async function awardsCsv(db: Kysely<Database>): Promise<string> {
  const rows = await db
    .selectFrom('awards')
    .innerJoin('calls', 'calls.id', 'awards.call_id')
    .select([
      'awards.id as award_id',
      'awards.call_id',
      'calls.title as call_title',
      'awards.beneficiary_name',
      'awards.beneficiary_tax_code',
      'awards.beneficiary_legal_status',
      'awards.funding_cents',
      'awards.hours',
      'awards.created_at',
      'awards.confirmed_at',
    ])
    .where('awards.status', '=', 'awarded')
    .where('awards.beneficiary_tax_code', '~', '^[0-9]{11}$')
    .orderBy('awards.created_at')
    .orderBy('awards.id')
    .execute()
  return toCsv(COLUMNS, rows)
}
