import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { CsvColumn } from '../reports/csv.ts'
import type { OutcomesRow } from './outcome-rows.ts'

/** One line per project and indicator, with names as well as ids. */
export interface OutcomeCsvRow {
  teamId: string
  teamName: string
  callId: string
  indicatorId: string
  indicatorName: string
  unit: string
  kind: string
  source: string
  baseline: number | null
  target: number | null
  value: number
}

export async function outcomesCsvRows(db: Kysely<Database>, rows: OutcomesRow[]): Promise<OutcomeCsvRow[]> {
  const ids = [...new Set(rows.flatMap((r) => r.indicators.map((i) => i.indicatorId)))]
  const indicators = ids.length
    ? await db.selectFrom('indicators').select(['id', 'name', 'unit', 'kind', 'source']).where('id', 'in', ids).execute()
    : []
  const byId = new Map(indicators.map((i) => [i.id, i]))
  return rows.flatMap((r) =>
    r.indicators.map((v) => {
      const i = byId.get(v.indicatorId)!
      return {
        teamId: r.teamId,
        teamName: r.teamName,
        callId: r.callId,
        indicatorId: v.indicatorId,
        indicatorName: i.name,
        unit: i.unit,
        kind: i.kind,
        source: i.source,
        baseline: v.baseline,
        target: v.target,
        value: v.value,
      }
    }),
  )
}

export const OUTCOME_COLUMNS: CsvColumn<OutcomeCsvRow>[] = [
  { header: 'teamId', value: (r) => r.teamId },
  { header: 'teamName', value: (r) => r.teamName },
  { header: 'callId', value: (r) => r.callId },
  { header: 'indicatorId', value: (r) => r.indicatorId },
  { header: 'indicatorName', value: (r) => r.indicatorName },
  { header: 'unit', value: (r) => r.unit },
  { header: 'kind', value: (r) => r.kind },
  { header: 'source', value: (r) => r.source },
  { header: 'baseline', value: (r) => r.baseline },
  { header: 'target', value: (r) => r.target },
  { header: 'value', value: (r) => r.value },
]
