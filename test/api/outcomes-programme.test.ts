import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>
let protocol = 0

async function openCall(admin: Client, title: string) {
  const created = await admin.post('/calls', {
    title,
    opensAt: '2026-01-10T09:00',
    closesAt: '2026-03-10T12:00',
    budgetCents: 100_000_000,
    maxFundingCents: 50_000_000,
    applicantTypes: ['informal', 'association', 'cooperative'],
    criteria: [{ name: 'Qualità', weight: 1, maxScore: 10 }],
  })
  expect(created.status).toBe(201)
  expect((await admin.patch(`/calls/${created.body.id}`, { status: 'open' })).status).toBe(200)
  return created.body.id as string
}

/**
 * A funded project as the call's award leaves it (rows written directly: the awards API is the calls
 * feature's): an application with its promoters and areas, the award with its grant, tranches paid.
 */
async function fundedProject(o: {
  callId: string
  title: string
  areaId: string
  hubId: string
  fundingCents: number
  paidCents?: number
  informal?: { promoters: string[] }
  entity?: { name: string; taxCode: string }
  indicators?: Array<{ name: string; unit: string; baseline: number; target: number }>
}) {
  const applicant = await ctx.make.user({ name: o.informal ? o.informal.promoters[0] : 'Giulia Verdi' })
  const team = await ctx.make.team({ name: o.title, legal_status: o.informal ? 'informal' : 'association' })
  await ctx.db.insertInto('team_members').values({ team_id: team.id, user_id: applicant.id }).execute()
  const application = await ctx.db
    .insertInto('applications')
    .values({
      call_id: o.callId,
      applicant_user_id: applicant.id,
      status: o.informal ? 'conditional' : 'awarded',
      title: o.title,
      applicant_type: o.informal ? 'informal' : 'association',
      organisation_name: o.informal ? `Gruppo di ${o.informal.promoters[0]}` : o.entity!.name,
      tax_code: o.entity?.taxCode ?? null,
      promoters: JSON.stringify((o.informal?.promoters ?? []).map((name) => ({ name }))),
      protocol_number: ++protocol,
      submitted_at: new Date('2026-02-01T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await ctx.db.insertInto('application_areas').values({ application_id: application.id, area_id: o.areaId }).execute()
  if (o.indicators) {
    await ctx.db
      .insertInto('application_indicators')
      .values(o.indicators.map((i) => ({ application_id: application.id, ...i })))
      .execute()
  }
  const grant = await ctx.make.grant({ team_id: team.id, hours: 80, hub_id: o.hubId, from_date: '2026-04-01', to_date: '2027-03-31' })
  const award = await ctx.db
    .insertInto('awards')
    .values({
      call_id: o.callId,
      application_id: application.id,
      team_id: team.id,
      grant_id: grant.id,
      funding_cents: o.fundingCents,
      hours: 80,
      hub_id: o.hubId,
      status: o.informal ? 'conditional' : 'awarded',
      beneficiary_name: o.entity?.name ?? null,
      beneficiary_tax_code: o.entity?.taxCode ?? null,
      beneficiary_legal_status: o.entity ? 'association' : null,
      tax_code_due_on: o.informal ? '2026-09-30' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (o.paidCents) {
    await ctx.db
      .insertInto('award_tranches')
      .values({ award_id: award.id, amount_cents: o.paidCents, due_on: '2026-05-01', status: 'paid', paid_on: '2026-05-04' })
      .execute()
  }
  return { team, awardId: award.id, applicant }
}

// NIL numbers are unique: one Giambellino and one Corvetto for the whole file
let areas: { giambellino: { id: string }; corvetto: { id: string } } | undefined

/** Two projects of a new call: one entity in Giambellino, one informal group in Corvetto, with activity. */
async function world() {
  const adminUser = await ctx.make.admin()
  const admin = await ctx.as(adminUser)
  const callId = await openCall(admin, `Bando Periferie ${Math.random().toString(36).slice(2, 7)}`)
  areas ??= {
    giambellino: await ctx.make.area({ name: 'Giambellino', nil_id: 49, municipio: 6, is_target: true }),
    corvetto: await ctx.make.area({ name: 'Lodi - Corvetto', nil_id: 35, municipio: 4, is_target: true }),
  }
  const { giambellino, corvetto } = areas
  const hubG = await ctx.make.hub({ area_id: giambellino.id })
  const hubC = await ctx.make.hub({ area_id: corvetto.id })
  const labG = await ctx.make.lab({ hub_id: hubG.id, capacity: 30 })
  const labC = await ctx.make.lab({ hub_id: hubC.id, capacity: 30 })
  const cucina = await fundedProject({
    callId,
    title: 'Cucina di quartiere',
    areaId: giambellino.id,
    hubId: hubG.id,
    fundingCents: 2_500_000,
    paidCents: 1_000_000,
    entity: { name: 'Associazione Cucine Aperte APS', taxCode: '97123450151' },
    indicators: [{ name: 'Persone che hanno trovato lavoro', unit: 'persone', baseline: 0, target: 8 }],
  })
  const orti = await fundedProject({
    callId,
    title: 'Orti condivisi Corvetto',
    areaId: corvetto.id,
    hubId: hubC.id,
    fundingCents: 1_800_000,
    informal: { promoters: ['Mario Rossi', 'Lucia Bianchi'] },
  })
  const post = async (body: object) => (await admin.post(`/calls/${callId}/indicators`, body)).body.id as string
  const ind = {
    hours: await post({ name: 'Ore di attività', unit: 'ore', kind: 'output', source: 'computed', counts: 'hoursUsed' }),
    women: await post({ name: 'Donne raggiunte', unit: 'persone', kind: 'output', source: 'computed', counts: 'participants:donne' }),
    jobs: await post({ name: 'Persone che hanno trovato lavoro', unit: 'persone', kind: 'outcome', source: 'reported' }),
  }
  const held = async (
    labId: string,
    teamId: string,
    start: string,
    end: string,
    participants: number,
    categories: Record<string, number>,
  ) => {
    const created = await admin.post('/bookings', { labId, teamId, title: 'Attività', start, end })
    expect(created.status).toBe(201)
    expect((await admin.post(`/bookings/${created.body.bookings[0].id}/attendance`, { participants, categories })).status).toBe(200)
  }
  await held(labG.id, cucina.team.id, '2026-05-05T14:00', '2026-05-05T17:00', 15, { donne: 9, giovani: 4 })
  await held(labG.id, cucina.team.id, '2026-06-09T14:00', '2026-06-09T16:30', 11, { donne: 6 })
  await held(labC.id, orti.team.id, '2026-06-10T09:00', '2026-06-10T12:00', 7, { over50: 5 })
  // cucina also works once in Corvetto
  await held(labC.id, cucina.team.id, '2026-07-14T10:00', '2026-07-14T11:00', 4, { donne: 2 })
  // booked and not held
  await admin.post('/bookings', {
    labId: labC.id,
    teamId: orti.team.id,
    title: 'Annullato',
    start: '2026-08-04T09:00',
    end: '2026-08-04T11:00',
  })
  return { admin, adminUser, callId, giambellino, corvetto, cucina, orti, ind }
}

describe('the programme’s dashboard', () => {
  it('gives per call, area and project the figures a direct computation on the data gives', async () => {
    const w = await world()
    const res = await w.admin.get(`/reports/programme?callId=${w.callId}`)
    expect(res.status).toBe(200)
    const d = res.body

    // direct computation: completed bookings of the call's teams, per area of the hub
    const direct = await sql<{ area_id: string; secs: number; n: number; people: number }>`
      select h.area_id, sum(extract(epoch from upper(b.during) - lower(b.during)))::int as secs, count(*)::int as n, sum(b.participants)::int as people
      from bookings b join labs l on l.id = b.lab_id join hubs h on h.id = l.hub_id
      where b.status = 'completed' and b.team_id in (select team_id from awards where call_id = ${w.callId})
      group by h.area_id`.execute(ctx.db)
    for (const r of direct.rows) {
      const area = d.areas.find((a: { areaId: string }) => a.areaId === r.area_id)
      expect(area).toMatchObject({ hoursUsed: r.secs / 3600, events: r.n, participants: r.people })
    }
    const g = d.areas.find((a: { nilId: number }) => a.nilId === 49)
    expect(g).toMatchObject({
      name: 'Giambellino',
      municipio: 6,
      projects: 1,
      // the hours of the grant of the Giambellino hub's labs count there
      hoursGranted: 80,
      hoursBooked: 5.5,
      fundingCommittedCents: 2_500_000,
      fundingPaidCents: 1_000_000,
      participantsByCategory: { donne: 15, giovani: 4 },
    })
    const c = d.areas.find((a: { nilId: number }) => a.nilId === 35)
    expect(c).toMatchObject({
      projects: 2,
      fundingCommittedCents: 1_800_000,
      hoursUsed: 4,
      participants: 11,
      participantsByCategory: { over50: 5, donne: 2 },
    })

    const cucina = d.projects.find((p: { teamId: string }) => p.teamId === w.cucina.team.id)
    // its grant covers the Giambellino hub only: the hour in Corvetto is used, not drawn from the grant
    expect(cucina).toMatchObject({
      hoursGranted: 80,
      hoursBooked: 5.5,
      hoursUsed: 6.5,
      events: 3,
      participants: 30,
      fundingCommittedCents: 2_500_000,
      fundingPaidCents: 1_000_000,
    })
    expect(cucina.areas.map((a: { nilId: number }) => a.nilId)).toEqual([35, 49])
    // the baseline and target come from the application, the value from the attendance
    expect(cucina.indicators.find((i: { indicatorId: string }) => i.indicatorId === w.ind.jobs)).toMatchObject({
      baseline: 0,
      target: 8,
      value: 0,
      progress: 0,
    })
    expect(cucina.indicators.find((i: { indicatorId: string }) => i.indicatorId === w.ind.women)).toMatchObject({ value: 17 })

    expect(d.calls).toEqual([
      expect.objectContaining({
        callId: w.callId,
        projects: 2,
        fundingCommittedCents: 4_300_000,
        fundingPaidCents: 1_000_000,
        hoursUsed: 9.5,
        participants: 37,
      }),
    ])
    expect(d.trend).toEqual([
      { month: '2026-05', hoursUsed: 3, events: 1, participants: 15 },
      { month: '2026-06', hoursUsed: 5.5, events: 2, participants: 18 },
      { month: '2026-07', hoursUsed: 1, events: 1, participants: 4 },
    ])
    expect(d.totals).toMatchObject({ projects: 2, hoursGranted: 160, hoursUsed: 9.5, participants: 37 })

    // a period and an area narrow it
    const june = (await w.admin.get(`/reports/programme?callId=${w.callId}&from=2026-06-01&to=2026-07-01&areaId=${w.corvetto.id}`)).body
    expect(june.areas).toEqual([expect.objectContaining({ nilId: 35, hoursUsed: 3, participants: 7 })])
    expect(june.projects.map((p: { teamName: string }) => p.teamName).sort()).toEqual(['Cucina di quartiere', 'Orti condivisi Corvetto'])
  })

  it('comes as CSV per table and as an office file with Italian headers and names', async () => {
    const w = await world()
    const csv = await w.admin.get(`/reports/programme?callId=${w.callId}&format=csv&table=areas`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const [header, ...lines] = csv.text.trim().split('\r\n')
    expect(header.split(';').slice(0, 4)).toEqual(['ID_NIL', 'NIL', 'MUNICIPIO', 'AREA_PRIORITARIA'])
    expect(lines[0].startsWith('35;Lodi - Corvetto;4;SI;2;18000;')).toBe(true)

    const xlsx = await ctx.app.request(`http://localhost:8080/api/v1/reports/programme?callId=${w.callId}&format=xlsx`, {
      headers: { Cookie: w.admin.cookie! },
    })
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await xlsx.arrayBuffer())
    expect(book.worksheets.map((s) => s.name)).toEqual(['Progetti', 'Aree', 'Bandi', 'Andamento mensile'])
    const projects = book.getWorksheet('Progetti')!
    expect(projects.getRow(1).getCell(1).value).toBe('Progetto')
    expect(projects.getRow(2).getCell(1).value).toBe('Cucina di quartiere')
    expect(projects.getRow(2).getCell(3).value).toBe('35,49')
  })

  it('is not for the teams', async () => {
    const { user } = await ctx.make.member()
    expect((await (await ctx.as(user)).get('/reports/programme')).status).toBe(403)
  })
})

describe('transparency (art. 26–27 D.Lgs. 33/2013)', () => {
  it('lists every award, publicly, with the entity and never a natural person’s name', async () => {
    const w = await world()
    const json = await ctx.anonymous.get('/open-data/benefits.json')
    expect(json.status).toBe(200)
    const mine = json.body.filter((r: { callId: string }) => r.callId === w.callId)
    const awards = await ctx.db.selectFrom('awards').select('id').where('call_id', '=', w.callId).execute()
    expect(mine.map((r: { awardId: string }) => r.awardId).sort()).toEqual(awards.map((a) => a.id).sort())
    expect(mine.find((r: { awardId: string }) => r.awardId === w.cucina.awardId)).toMatchObject({
      beneficiary: 'Associazione Cucine Aperte APS',
      taxCode: '97123450151',
      amountEur: 25000,
      legalBasis: expect.stringContaining('B49D16010990006'),
      office: expect.stringContaining('Comune di Milano'),
      selectionMethod: expect.stringContaining('Avviso pubblico'),
      projectUrl: `http://localhost:8080/trasparenza#${w.cucina.awardId}`,
      status: 'awarded',
      nilId: 49,
      municipio: 6,
    })
    // an informal group appears under its project's title until it becomes an entity
    expect(mine.find((r: { awardId: string }) => r.awardId === w.orti.awardId)).toMatchObject({
      beneficiary: 'Orti condivisi Corvetto',
      taxCode: null,
      status: 'conditional',
      nilId: 35,
    })

    const csv = await ctx.anonymous.get('/open-data/benefits.csv')
    expect(csv.text.split('\r\n')[0]).toBe(
      'ID_ATTO;BENEFICIARIO;CODICE_FISCALE_PIVA;IMPORTO_EUR;NORMA_TITOLO;UFFICIO;RESPONSABILE;MODALITA_SCELTA;PROGETTO;LINK_PROGETTO;DATA;STATO;ID_NIL;NIL;MUNICIPIO',
    )
    for (const person of ['Mario Rossi', 'Lucia Bianchi', 'Giulia Verdi', w.adminUser.name]) {
      expect(csv.text).not.toContain(person)
      expect(json.text).not.toContain(person)
    }
    const dictionary = await ctx.anonymous.get('/open-data/dictionary')
    expect(dictionary.body.benefits.map((d: { column: string }) => d.column)).toEqual(csv.text.split('\r\n')[0].split(';'))
    expect(dictionary.body.programme.areas.every((d: { description: string }) => d.description.length > 0)).toBe(true)
  })
})

describe('the programme’s financial progress', () => {
  it('adds the calls’ awards and paid tranches to what the Comune entered for the year', async () => {
    const w = await world()
    await w.admin.put('/programme/years/2026', {
      programmedCents: 60_000_000,
      committedCents: 10_000_000,
      paidCents: 2_000_000,
      notes: 'Spese di gestione',
    })
    const year = (await ctx.anonymous.get('/programme')).body.years.find((y: { year: number }) => y.year === 2026)
    const calls = await sql<{ committed: number; paid: number }>`
      select (select sum(funding_cents) from awards where status <> 'revoked')::bigint as committed,
             (select coalesce(sum(amount_cents), 0) from award_tranches where status = 'paid')::bigint as paid`.execute(ctx.db)
    expect(year).toMatchObject({
      programmedCents: 60_000_000,
      committedCents: 10_000_000,
      fromCalls: { committedCents: Number(calls.rows[0].committed), paidCents: Number(calls.rows[0].paid) },
      totalCommittedCents: 10_000_000 + Number(calls.rows[0].committed),
      totalPaidCents: 2_000_000 + Number(calls.rows[0].paid),
    })
  })
})
