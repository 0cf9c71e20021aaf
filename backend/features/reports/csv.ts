import { stringify } from 'csv-stringify/sync'

export type CsvValue = string | number | boolean | null | undefined | Record<string, number>

/** One column of an export: its header and how a row gives its value. Order of the array = order of the columns. */
export interface CsvColumn<T> {
  header: string
  value(row: T): CsvValue
}

/**
 * A spreadsheet reads a cell that starts with = + - @ (or a tab or CR before them) as a formula: a lab or
 * team named `=HYPERLINK(…)` would run in the officer's spreadsheet. As OWASP recommends, such text cells get
 * a leading apostrophe, which spreadsheets show as text and hide. Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The inverse, for an import of our own export: `'=x` reads back as `=x`; any other text is unchanged. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

function cell(v: CsvValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'object') return Object.keys(v).length ? neutraliseCell(JSON.stringify(v)) : ''
  return neutraliseCell(v)
}

/**
 * CSV as the CONTRACT wants it: UTF-8, a header row, `;` between fields, `.` as decimal mark
 * (JavaScript's own number format, never localised), CRLF line ends (RFC 4180), fields quoted only when needed,
 * text that a spreadsheet would run as a formula neutralised. The one CSV writer of the application.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const records = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cell(c.value(r))))]
  // A lone CR in a field is quoted too: some readers end the record there otherwise.
  return stringify(records, { delimiter: ';', record_delimiter: 'windows', quoted_match: /\r/ })
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
