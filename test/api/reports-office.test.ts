import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>

/** GET of an office file as a signed-in client: the response and the workbook read back with exceljs. */
async function xlsx(client: Client, path: string, language = 'it') {
  const res = await ctx.app.request(`http://localhost:8080/api/v1${path}`, {
    headers: { Cookie: client.cookie!, 'Accept-Language': language },
  })
  const book = new ExcelJS.Workbook()
  if (res.status === 200) await book.xlsx.load(await res.arrayBuffer())
  return { res, sheet: book.worksheets[0] }
}

const texts = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : v))
const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`)

describe('office files of the reports (.xlsx)', () => {
  let admin: Client
  let hubId: string
  let otherHubId: string
  let teamId: string
  let nilId: number | null
  const week = 'from=2027-10-18&to=2027-10-25'

  beforeAll(async () => {
    const area = await ctx.make.area({ name: 'Giambellino', municipio: 6, is_target: true })
    nilId = area.nil_id
    const hub = await ctx.make.hub({ area_id: area.id, name: 'Hub Alfa' })
    hubId = hub.id
    otherHubId = (await ctx.make.hub({ name: 'Hub Beta' })).id
    const kitchen = (await ctx.make.lab({ hub_id: hubId, name: 'Cucina A', type: 'kitchen' })).id
    const tailoring = (await ctx.make.lab({ hub_id: hubId, name: 'Sartoria B', type: 'tailoring' })).id
    teamId = (await ctx.make.team({ name: 'Orti Alfa' })).id
    admin = await ctx.as(await ctx.make.admin())
    await ctx.make.booking({ lab_id: kitchen, start: '2027-10-19T10:00', end: '2027-10-19T12:00', status: 'confirmed', team_id: teamId })
    const held = await ctx.make.booking({
      lab_id: kitchen,
      start: '2027-10-19T14:00',
      end: '2027-10-19T17:00',
      status: 'completed',
      team_id: teamId,
      participants: 12,
      participant_categories: { donne: 7, giovani: 5 },
    })
    await ctx.make.booking({ lab_id: tailoring, start: '2027-10-22T09:00', end: '2027-10-22T10:30', status: 'no_show' })
    await ctx.db
      .updateTable('bookings')
      .set({ checked_in_at: new Date('2027-10-19T12:05:00Z') })
      .where('id', '=', held.id)
      .execute()
  })

  it('utilisation by lab: Italian headers, names, typed hours and percentages, the period as the page says it', async () => {
    const json = (await admin.get(`/reports/utilisation?${week}&hubId=${hubId}`)).body
    const { res, sheet } = await xlsx(admin, `/reports/utilisation.xlsx?${week}&hubId=${hubId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="utilizzo_lab_2027-10-18_2027-10-24.xlsx"')
    expect(sheet.getCell('A1').value).toBe('Utilizzo dei laboratori — per laboratorio')
    expect(sheet.getCell('A2').value).toBe('Periodo: dal 18/10/2027 al 24/10/2027 compreso')
    expect(sheet.getCell('A3').value).toBe('Ambito: Hub Alfa')
    expect(String(sheet.getCell('A4').value)).toMatch(/^Generato il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}/)
    expect(texts(sheet.getRow(6))).toEqual([
      'Laboratorio',
      'Hub',
      'Tipo di laboratorio',
      'Ore di apertura',
      'Ore prenotate',
      'Ore svolte',
      'Tasso di utilizzo',
      'Prenotazioni',
      'Mancate presenze',
      'Check-in',
      'Partecipanti',
      'Gruppi diversi',
      'Partecipanti: Giovani (16–29 anni)',
      'Partecipanti: Donne',
    ])
    const kitchen = json.rows.find((r: { label: string }) => r.label === 'Cucina A')
    const row = sheet.getRow(7)
    expect(texts(row).slice(0, 3)).toEqual(['Cucina A', 'Hub Alfa', 'Cucina'])
    expect(row.getCell(4).value).toBe(kitchen.openHours)
    expect(row.getCell(5).value).toBe(5)
    expect(row.getCell(6).value).toBe(3)
    expect(row.getCell(7).value).toBe(kitchen.utilisation)
    expect(row.getCell(7).numFmt).toBe('0.0%')
    expect(row.getCell(5).numFmt).toBe('#,##0.00')
    expect(row.getCell(10).value).toBe(1)
    expect(row.getCell(11).value).toBe(12)
    expect(row.getCell(13).value).toBe(5)
    expect(row.getCell(14).value).toBe(7)
    expect(sheet.getRow(8).getCell(1).value).toBe('Sartoria B')
    const totals = sheet.getRow(9)
    expect(totals.getCell(1).value).toBe('Totale')
    expect(totals.getCell(5).value).toBe(json.totals.bookedHours)
    expect(totals.getCell(7).value).toBe(json.totals.utilisation)
    expect(totals.font?.bold).toBe(true)
  })

  it('weeks are dates shown dd/mm/yyyy; hubs carry their area, NIL and priority flag', async () => {
    const weeks = (await xlsx(admin, `/reports/utilisation.xlsx?${week}&hubId=${hubId}&groupBy=week`)).sheet
    expect(weeks.getCell('A6').value).toBe('Settimana dal')
    expect(weeks.getCell('A7').value).toEqual(dateOf('2027-10-18'))
    expect(weeks.getCell('A7').numFmt).toBe('dd/mm/yyyy')
    const hubs = (await xlsx(admin, `/reports/utilisation.xlsx?${week}&groupBy=hub`)).sheet
    expect(hubs.getCell('A3').value).toBe('Ambito: tutti gli hub')
    const header = texts(hubs.getRow(6))
    expect(header.slice(0, 5)).toEqual(['Hub', 'Area (NIL)', 'Numero NIL', 'Municipio', 'Area prioritaria'])
    const alfa = hubs.getRows(7, hubs.rowCount - 6)!.find((r) => r.getCell(1).value === 'Hub Alfa')!
    expect(texts(alfa).slice(0, 5)).toEqual(['Hub Alfa', 'Giambellino', nilId, 6, 'Sì'])
  })

  it('speaks English to an English reader', async () => {
    const { sheet } = await xlsx(admin, `/reports/utilisation.xlsx?${week}&hubId=${hubId}&groupBy=type`, 'en')
    expect(sheet.getCell('A2').value).toBe('Period: from 18/10/2027 to 24/10/2027 inclusive')
    expect(texts(sheet.getRow(6)).slice(0, 3)).toEqual(['Type of lab', 'Open hours', 'Booked hours'])
    expect(sheet.getCell('A7').value).toBe('Kitchen')
  })

  it('attendance, concessions and grants have their own sheets', async () => {
    const attendance = (await xlsx(admin, `/reports/attendance.xlsx?${week}&hubId=${hubId}&groupBy=team`)).sheet
    expect(texts(attendance.getRow(6))).toEqual([
      'Gruppo',
      'Prenotazioni',
      'Check-in',
      'Mancate presenze',
      'Liberate per mancato check-in',
      'Tasso di mancate presenze',
      'Tasso di check-in',
    ])
    const labels = attendance.getColumn(1).values.slice(7) as string[]
    expect(labels).toEqual(expect.arrayContaining(['Orti Alfa', 'Uso interno (senza gruppo)', 'Totale']))
    // the no-show rate by team, typed as a percentage (issue 19): the team's 2 bookings, none missed; the
    // internal use's 1 booking, missed
    const rateOf = (label: string) =>
      attendance
        .getRows(7, attendance.rowCount - 6)!
        .find((r) => r.getCell(1).value === label)!
        .getCell(6)
    expect(rateOf('Orti Alfa').value).toBe(0)
    expect(rateOf('Uso interno (senza gruppo)').value).toBe(1)
    expect(rateOf('Totale').value).toBe(0.3333)
    expect(rateOf('Totale').numFmt).toBe('0.0%')
    expect(
      attendance
        .getRows(7, attendance.rowCount - 6)!
        .find((r) => r.getCell(1).value === 'Orti Alfa')!
        .getCell(3).value,
    ).toBe(1)

    const { operatorId } = await ctx.make.operatorStaff(hubId)
    await ctx.db.updateTable('operators').set({ name: 'Cooperativa Gamma' }).where('id', '=', operatorId).execute()
    const concessions = (await xlsx(admin, `/reports/concessions.xlsx?${week}&hubId=${hubId}`)).sheet
    expect(concessions.getCell('A1').value).toBe('Rispetto degli obblighi delle concessioni')
    const header = texts(concessions.getRow(6))
    const row = concessions.getRow(7)
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1)
    expect(cell('Hub').value).toBe('Hub Alfa')
    expect(cell('Gestore').value).toBe('Cooperativa Gamma')
    expect(cell('Stato').value).toBe('In vigore')
    expect(cell('Valutata dal').value).toEqual(dateOf('2027-10-18'))
    expect(cell('Valutata fino al (compreso)').value).toEqual(dateOf('2027-10-24'))
    expect(cell('Quota sociale minima').value).toBe(0.5)
    expect(cell('Quota sociale minima').numFmt).toBe('0.0%')
    expect(['Sì', 'No']).toContain(cell('Conforme').value)

    await ctx.make.grant({
      team_id: teamId,
      hub_id: hubId,
      hours: 40,
      from_date: '2027-01-01',
      to_date: '2027-12-31',
      reference: 'Bando 2027',
    })
    const grants = (await xlsx(admin, `/reports/grants.xlsx?hubId=${hubId}`)).sheet
    expect(String(grants.getCell('A2').value)).toMatch(/^Situazione al \d{2}\/\d{2}\/\d{4}$/)
    expect(texts(grants.getRow(6))).toEqual([
      'Gruppo',
      'Bando',
      'Valida dal',
      'Valida fino al',
      'Hub',
      'Tipo di laboratorio',
      'Ore concesse',
      'Ore prenotate',
      'Ore svolte',
      'Ore residue',
    ])
    expect(texts(grants.getRow(7))).toEqual([
      'Orti Alfa',
      'Bando 2027',
      dateOf('2027-01-01'),
      dateOf('2027-12-31'),
      'Hub Alfa',
      'Tutti i tipi',
      40,
      5,
      3,
      35,
    ])
    expect(grants.getRow(8).getCell(1).value).toBe('Totale')
  })

  it('are for the staff: 401 signed out, 403 for a team, 403 for an operator naming a hub not its own', async () => {
    expect((await ctx.anonymous.get(`/reports/utilisation.xlsx?${week}`)).status).toBe(401)
    const { user } = await ctx.make.member()
    expect((await xlsx(await ctx.as(user), `/reports/utilisation.xlsx?${week}`)).res.status).toBe(403)
    const { user: operator } = await ctx.make.operatorStaff(otherHubId)
    const staff = await ctx.as(operator)
    expect((await xlsx(staff, `/reports/utilisation.xlsx?${week}&hubId=${hubId}`)).res.status).toBe(403)
    const mine = await xlsx(staff, `/reports/utilisation.xlsx?${week}`)
    expect(mine.res.status).toBe(200)
    expect(mine.sheet.getCell('A3').value).toBe('Ambito: i miei hub')
    expect((await admin.get(`/reports/utilisation.xlsx?from=2027-10-25&to=2027-10-18`)).status).toBe(400)
  })
})

describe('the default period of the reports', () => {
  const today = DateTime.now().setZone('Europe/Rome').startOf('day')
  const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd')
  const at = (d: DateTime, hour: number) => d.set({ hour }).toFormat("yyyy-MM-dd'T'HH:mm")

  it('runs from the first booking in scope to today, at most twelve months, and says so', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const recent = await ctx.make.hub({ name: 'Hub recente' })
    const lab = await ctx.make.lab({ hub_id: recent.id })
    await ctx.make.booking({
      lab_id: lab.id,
      start: at(today.minus({ days: 5 }), 10),
      end: at(today.minus({ days: 5 }), 12),
      status: 'completed',
    })
    await ctx.make.booking({
      lab_id: lab.id,
      start: at(today.minus({ days: 3 }), 10),
      end: at(today.minus({ days: 3 }), 12),
      status: 'no_show',
    })
    // a cancelled booking is no data
    await ctx.make.booking({
      lab_id: lab.id,
      start: at(today.minus({ days: 9 }), 10),
      end: at(today.minus({ days: 9 }), 12),
      status: 'cancelled',
    })
    const res = await admin.get(`/reports/period?hubId=${recent.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      from: iso(today.minus({ days: 5 })),
      to: iso(today.plus({ days: 1 })),
      lastDay: iso(today),
    })

    const old = await ctx.make.hub({ name: 'Hub storico' })
    const oldLab = await ctx.make.lab({ hub_id: old.id })
    const longAgo = today.minus({ months: 14 })
    await ctx.make.booking({ lab_id: oldLab.id, start: at(longAgo, 10), end: at(longAgo, 12), status: 'completed' })
    await ctx.make.booking({ lab_id: oldLab.id, start: at(today.minus({ months: 6 }), 10), end: at(today.minus({ months: 6 }), 12) })
    const capped = (await admin.get(`/reports/period?hubId=${old.id}`)).body
    expect(capped.from).toBe(iso(today.minus({ months: 12 }).plus({ days: 1 })))

    const empty = await ctx.make.hub({ name: 'Hub vuoto' })
    expect((await admin.get(`/reports/period?hubId=${empty.id}`)).body).toMatchObject({
      from: iso(today.startOf('month')),
      lastDay: iso(today),
    })

    // an operator's default period is its own hubs' data
    const { user } = await ctx.make.operatorStaff(recent.id)
    expect((await (await ctx.as(user)).get('/reports/period')).body.from).toBe(iso(today.minus({ days: 5 })))
    expect((await (await ctx.as(user)).get(`/reports/period?hubId=${old.id}`)).status).toBe(403)
  })
})
