import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInstant, tstzrange } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const at = (local: string) => parseInstant(local, 'Europe/Rome')!

describe('open-data utilisation export', () => {
  let labId: string
  let hubId: string

  beforeAll(async () => {
    const area = await ctx.make.area({ name: 'Giambellino', nil_id: 49, municipio: 6, is_target: true })
    hubId = (await ctx.make.hub({ area_id: area.id, name: 'Hub Giambellino' })).id
    labId = (await ctx.make.lab({ hub_id: hubId, name: 'Cucina', type: 'kitchen' })).id
    const team = await ctx.make.team({ name: 'Associazione Mario Rossi' })
    await ctx.db
      .insertInto('bookings')
      .values([
        {
          lab_id: labId,
          team_id: team.id,
          title: 'Corso di Maria Bianchi',
          during: tstzrange(at('2027-01-12T10:00'), at('2027-01-12T13:00')),
          status: 'completed',
          participants: 9,
        },
        {
          lab_id: labId,
          team_id: team.id,
          title: 'Corso di Maria Bianchi',
          during: tstzrange(at('2027-02-09T10:00'), at('2027-02-09T11:30')),
          status: 'no_show',
        },
      ])
      .execute()
  })

  it('is public CSV by lab and month, with ID_NIL and MUNICIPIO, and nothing personal', async () => {
    const res = await ctx.anonymous.get('/reports/open-data/utilisation.csv?year=2027')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="spazi-comuni_utilizzo_2027.csv"')
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'ANNO;MESE;ID_NIL;NIL;MUNICIPIO;AREA_PRIORITARIA;ID_HUB;HUB;ID_LABORATORIO;LABORATORIO;TIPO_LABORATORIO;ORE_APERTURA;ORE_PRENOTATE;ORE_UTILIZZATE;TASSO_UTILIZZO;PRENOTAZIONI;MANCATE_PRESENZE;PARTECIPANTI',
    )
    expect(lines).toHaveLength(1 + 12)
    // January 2027: 26 days Monday–Saturday × 14 h = 364 h; February: 24 × 14 = 336 h
    expect(lines[1]).toBe(`2027;1;49;Giambellino;6;SI;${hubId};Hub Giambellino;${labId};Cucina;kitchen;364;3;3;0.0082;1;0;9`)
    expect(lines[2]).toBe(`2027;2;49;Giambellino;6;SI;${hubId};Hub Giambellino;${labId};Cucina;kitchen;336;1.5;0;0.0045;1;1;0`)
    expect(res.text).not.toMatch(/Rossi|Bianchi/)
  })

  it('neutralises a lab or hub name a spreadsheet would run as a formula', async () => {
    const hub = await ctx.make.hub({ name: '@Hub' })
    await ctx.make.lab({ hub_id: hub.id, name: '=HYPERLINK("https://example.org","clic")', type: 'it' })
    const res = await ctx.anonymous.get('/reports/open-data/utilisation.csv?year=2027')
    const line = res.text.split('\r\n').find((l) => l.includes(hub.id))!
    expect(line).toContain(`;'@Hub;`)
    expect(line).toContain(`;"'=HYPERLINK(""https://example.org"",""clic"")";`)
    expect(res.text).not.toMatch(/;=|;@|;"=/)
  })

  it('wants a year', async () => {
    expect((await ctx.anonymous.get('/reports/open-data/utilisation.csv')).status).toBe(400)
    expect((await ctx.anonymous.get('/reports/open-data/utilisation.csv?year=duemila')).status).toBe(400)
  })
})
