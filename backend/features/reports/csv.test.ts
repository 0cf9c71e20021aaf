import { describe, expect, it } from 'vitest'
import { neutraliseCell, restoreCell, toCsv } from './csv.ts'

describe('CSV exports', () => {
  const columns = [
    { header: 'label', value: (r: { label: string; hours: number; ok: boolean | null }) => r.label },
    { header: 'hours', value: (r: { label: string; hours: number; ok: boolean | null }) => r.hours },
    { header: 'ok', value: (r: { label: string; hours: number; ok: boolean | null }) => r.ok },
  ]

  it('writes a header, semicolons, decimal points and CRLF', () => {
    expect(toCsv(columns, [{ label: 'Cucina', hours: 1234.5, ok: true }])).toBe('label;hours;ok\r\nCucina;1234.5;true\r\n')
  })

  it('quotes fields holding the separator, quotes or line breaks, and leaves nulls empty', () => {
    const csv = toCsv(columns, [{ label: 'Sala "Verdi"; piano 1', hours: 0, ok: null }])
    expect(csv).toBe('label;hours;ok\r\n"Sala ""Verdi""; piano 1";0;\r\n')
  })

  it('keeps accented letters as UTF-8', () => {
    expect(toCsv(columns, [{ label: 'Città Studi', hours: 2, ok: false }])).toContain('Città Studi;2;false')
  })

  it('neutralises text a spreadsheet would run as a formula (OWASP), and only text', () => {
    const rows = ['=HYPERLINK("http://x","y")', '+39 02', '-rm', '@SUM(A1)', '\t=1', 'Sala = 1', "'quoted"].map((label) => ({
      label,
      hours: -2,
      ok: null,
    }))
    expect(toCsv(columns, [{ label: '\r=1', hours: 0, ok: null }])).toContain(`"'\r=1";0;`)
    const lines = toCsv(columns, rows).split('\r\n')
    expect(lines.slice(1, 8)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")";-2;`,
      "'+39 02;-2;",
      "'-rm;-2;",
      "'@SUM(A1);-2;",
      "'\t=1;-2;",
      'Sala = 1;-2;',
      "'quoted;-2;",
    ])
  })

  it('restores a neutralised cell on import, and leaves any other text alone', () => {
    for (const text of ['=1+2', '+39', '-x', '@a', '\t=1', 'plain', "'quoted", "'"]) expect(restoreCell(neutraliseCell(text))).toBe(text)
  })
})
