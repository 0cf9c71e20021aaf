import { describe, expect, it } from 'vitest'
import { type AssetCsvRecord, assetsToCsv, parseAssetCsv } from './asset-csv.ts'

const LAB = '0b0c6c1e-1f4e-4c1a-9b3e-3f1f1f1f1f1f'
const TYPE = '1b0c6c1e-1f4e-4c1a-9b3e-3f1f1f1f1f1f'

describe('reading an inventory CSV', () => {
  it('reads rows separated by semicolons, with defaults left to the importer', () => {
    const { rows, errors } = parseAssetCsv(
      `assetTag;typeId;labId;serialNumber;status;condition;purchaseDate;purchaseValueCents;notes\nCUC-001;${TYPE};${LAB};SN1;active;good;2026-03-01;125000;Forno a convezione, 10 teglie\nCUC-002;${TYPE};${LAB};;;;;;\n`,
    )
    expect(errors).toEqual([])
    expect(rows).toEqual([
      {
        row: 2,
        value: {
          assetTag: 'CUC-001',
          typeId: TYPE,
          labId: LAB,
          serialNumber: 'SN1',
          status: 'active',
          condition: 'good',
          purchaseDate: '2026-03-01',
          purchaseValueCents: 125000,
          notes: 'Forno a convezione, 10 teglie',
        },
      },
      { row: 3, value: { assetTag: 'CUC-002', typeId: TYPE, labId: LAB } },
    ])
  })

  it('accepts commas as separator, a BOM, CRLF and a type by name', () => {
    const { rows, errors } = parseAssetCsv(`\uFEFFassetTag,typeName,labId\r\nIT-1,Portatile,${LAB}\r\n`)
    expect(errors).toEqual([])
    expect(rows[0].value).toEqual({ assetTag: 'IT-1', typeName: 'Portatile', labId: LAB })
  })

  it('reports every bad row with its line and column', () => {
    const { errors: found } = parseAssetCsv(
      `assetTag;typeId;labId;status;purchaseDate;purchaseValueCents\nA-1;${TYPE};nope;active;2026-02-30;12,5\n;${TYPE};${LAB};rotto;;\nA-3;;${LAB};;;\nA-4;${TYPE};${LAB};;;\nA-4;${TYPE};${LAB};;;\n`,
    )
    const errors = found.map((e) => ({ ...e, message: e.message.in('it') }))
    expect(errors).toEqual([
      { row: 2, column: 'labId', message: expect.any(String) },
      { row: 2, column: 'purchaseDate', message: 'data inesistente' },
      { row: 2, column: 'purchaseValueCents', message: expect.any(String) },
      { row: 3, column: 'assetTag', message: 'obbligatorio' },
      { row: 3, column: 'status', message: expect.stringContaining('active') },
      { row: 4, column: 'typeId', message: 'serve typeId o typeName' },
      { row: 6, column: 'assetTag', message: 'ripete l’etichetta della riga 5' },
    ])
  })

  it('refuses a file without the needed columns or without rows', () => {
    expect(parseAssetCsv('').errors[0].message.in('it')).toContain('vuoto')
    expect(parseAssetCsv('assetTag;labId\n').errors).toEqual([{ row: 1, column: 'typeId', message: expect.anything() }])
    expect(parseAssetCsv('assetTag;typeId;labId\n').errors.map((e) => e.message.in('en'))).toEqual(['no rows to import'])
  })
})

describe('writing the inventory as CSV', () => {
  it('writes a header and quotes what needs quoting, with ; as separator', () => {
    const record: AssetCsvRecord = {
      id: 'x',
      assetTag: 'CUC-001',
      typeId: TYPE,
      typeName: 'Forno',
      labId: LAB,
      labName: 'Cucina; piano terra',
      hubId: 'h',
      serialNumber: null,
      status: 'active',
      condition: 'good',
      purchaseDate: '2026-03-01',
      purchaseValueCents: 125000,
      notes: 'Porta "difettosa"',
    }
    const csv = assetsToCsv([record])
    const [header, line] = csv.trim().split('\r\n')
    expect(header).toBe(
      'id;assetTag;typeId;typeName;labId;labName;hubId;serialNumber;status;condition;purchaseDate;purchaseValueCents;notes',
    )
    expect(line).toBe(`x;CUC-001;${TYPE};Forno;${LAB};"Cucina; piano terra";h;;active;good;2026-03-01;125000;"Porta ""difettosa"""`)
  })

  it('round-trips through the importer', () => {
    const csv = assetsToCsv([
      {
        id: 'x',
        assetTag: 'T-1',
        typeId: TYPE,
        typeName: 'Forno',
        labId: LAB,
        labName: 'Cucina',
        hubId: 'h',
        serialNumber: 'S',
        status: 'maintenance',
        condition: 'worn',
        purchaseDate: null,
        purchaseValueCents: null,
        notes: 'a;b',
      },
    ])
    const { rows, errors } = parseAssetCsv(csv)
    expect(errors).toEqual([])
    expect(rows[0].value).toMatchObject({
      assetTag: 'T-1',
      typeId: TYPE,
      labId: LAB,
      status: 'maintenance',
      condition: 'worn',
      notes: 'a;b',
    })
  })

  it('neutralises formula-like tags, serials and notes, and the importer reads them back as they were', () => {
    const csv = assetsToCsv([
      {
        id: 'x',
        assetTag: '=cmd|calc',
        typeId: TYPE,
        typeName: 'Forno',
        labId: LAB,
        labName: '@Cucina',
        hubId: 'h',
        serialNumber: '+SN-1',
        status: 'active',
        condition: 'good',
        purchaseDate: null,
        purchaseValueCents: null,
        notes: '-nota',
      },
    ])
    const line = csv.trim().split('\r\n')[1]
    expect(line).toContain("'=cmd|calc;")
    expect(line).toContain(";'@Cucina;")
    expect(line).toContain(";'+SN-1;")
    expect(line).toContain(";'-nota")
    const { rows, errors } = parseAssetCsv(csv)
    expect(errors).toEqual([])
    expect(rows[0].value).toMatchObject({ assetTag: '=cmd|calc', serialNumber: '+SN-1', notes: '-nota' })
  })
})
