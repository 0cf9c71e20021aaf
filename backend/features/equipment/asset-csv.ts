import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { fieldMessage, type LocalText, verbatim } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { isoDate, issueText } from '../../http/validation.ts'
import { restoreCell, toCsv } from '../reports/csv.ts'
import { m } from './messages.ts'

export const ASSET_STATUSES = ['active', 'maintenance', 'retired'] as const
export const ASSET_CONDITIONS = ['new', 'good', 'fair', 'worn', 'damaged', 'needs_repair'] as const

/** The columns of the export, in order; an import reads the same header (extra columns are ignored). */
export const ASSET_CSV_COLUMNS = [
  'id',
  'assetTag',
  'typeId',
  'typeName',
  'labId',
  'labName',
  'hubId',
  'serialNumber',
  'status',
  'condition',
  'purchaseDate',
  'purchaseValueCents',
  'notes',
] as const

export type AssetCsvRecord = Record<(typeof ASSET_CSV_COLUMNS)[number], string | number | null>

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

const ImportRow = z
  .object({
    assetTag: z.string().trim().min(1, fieldMessage(m.required)).max(64),
    typeId: optional(z.uuid(fieldMessage(m.notAnId))),
    typeName: optional(z.string().trim().max(200)),
    labId: z.uuid(fieldMessage(m.notALabId)),
    serialNumber: optional(z.string().trim().max(200)),
    status: optional(z.enum(ASSET_STATUSES)),
    condition: optional(z.enum(ASSET_CONDITIONS)),
    purchaseDate: optional(isoDate),
    purchaseValueCents: optional(
      z
        .string()
        .trim()
        .regex(/^\d{1,12}$/, fieldMessage(m.cents))
        .transform(Number),
    ),
    notes: optional(z.string().max(2000)),
  })
  .refine((r) => r.typeId || r.typeName, { path: ['typeId'], message: fieldMessage(m.typeIdOrName) })

export type AssetImportRow = z.output<typeof ImportRow>

export interface RowError {
  /** Line of the file (the header is line 1). */
  row: number
  column: string
  message: LocalText
}

/**
 * Reads an inventory CSV (UTF-8, header row, `;` or `,` as separator, as the header shows) into
 * validated rows, or every error found: the caller imports all rows or none.
 */
export function parseAssetCsv(text: string): { rows: Array<{ row: number; value: AssetImportRow }>; errors: RowError[] } {
  const body = text.replace(/^\uFEFF/, '')
  const header = body.split(/\r?\n/, 1)[0] ?? ''
  if (!header.trim()) return { rows: [], errors: [{ row: 1, column: '', message: m.emptyFile() }] }
  const delimiter = header.includes(';') ? ';' : ','
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    records = parse(body, { delimiter, columns: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true })
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1
    return { rows: [], errors: [{ row: line, column: '', message: m.unreadable({ reason: verbatim((err as Error).message) }) }] }
  }
  const columns = header.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''))
  const errors: RowError[] = []
  for (const required of ['assetTag', 'labId']) {
    if (!columns.includes(required)) errors.push({ row: 1, column: required, message: m.missingColumn() })
  }
  if (!columns.includes('typeId') && !columns.includes('typeName')) errors.push({ row: 1, column: 'typeId', message: m.typeColumn() })
  if (errors.length) return { rows: [], errors }
  if (records.length === 0) return { rows: [], errors: [{ row: 2, column: '', message: m.noRows() }] }

  const rows: Array<{ row: number; value: AssetImportRow }> = []
  const seen = new Map<string, number>()
  for (const { record, info } of records) {
    const row = info.lines
    // PostgreSQL cannot store U+0000: refused here, with its cell named, rather than failing the import.
    const unstorable = Object.keys(record).filter((k) => record[k].includes('\u0000'))
    if (unstorable.length) {
      for (const column of unstorable) errors.push({ row, column, message: field.unstorableText() })
      continue
    }
    // Our own export neutralised formula-like text ('=…); reading it back restores it.
    const result = ImportRow.safeParse(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, restoreCell(v)])))
    if (!result.success) {
      for (const issue of result.error.issues) errors.push({ row, column: issue.path.map(String).join('.'), message: issueText(issue) })
      continue
    }
    const first = seen.get(result.data.assetTag)
    if (first !== undefined) {
      errors.push({ row, column: 'assetTag', message: m.repeatsTag({ row: String(first) }) })
      continue
    }
    seen.set(result.data.assetTag, row)
    rows.push({ row, value: result.data })
  }
  return { rows, errors }
}

/** The inventory as CSV: UTF-8, header row, `;` separator, ISO dates, integer cents. */
export function assetsToCsv(records: AssetCsvRecord[]): string {
  return toCsv(
    ASSET_CSV_COLUMNS.map((header) => ({ header, value: (r: AssetCsvRecord) => r[header] })),
    records,
  )
}
