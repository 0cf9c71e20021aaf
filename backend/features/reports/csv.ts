import { stringify } from 'csv-stringify/sync'

export type CsvValue = string | number | boolean | null | undefined | Record<string, number>

/** One column of an export: its header and how a row gives its value. Order of the array = order of the columns. */
export interface CsvColumn<T> {
  header: string
  value(row: T): CsvValue
}

function cell(v: CsvValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'object') return Object.keys(v).length ? JSON.stringify(v) : ''
  return v
}

/**
 * CSV as the CONTRACT wants it: UTF-8, a header row, `;` between fields, `.` as decimal mark
 * (JavaScript's own number format, never localised), CRLF line ends (RFC 4180), fields quoted only when needed.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const records = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cell(c.value(r))))]
  return stringify(records, { delimiter: ';', record_delimiter: 'windows' })
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    },
  })
}
