import { describe, expect, it } from 'vitest'
import { toCsv } from './csv.ts'

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
})
