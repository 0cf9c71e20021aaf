import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeProgressReminders } from '../../backend/features/outcomes/progress-reminders.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>

/** A call of the Comune, open (so anyone reads it). */
async function openCall(admin: Client, budgetCents = 50_000_000) {
  const created = await admin.post('/calls', {
    title: 'Bando Periferie al centro',
    opensAt: '2026-01-10T09:00',
    closesAt: '2026-03-10T12:00',
    budgetCents,
    maxFundingCents: budgetCents,
    applicantTypes: ['informal', 'association', 'cooperative'],
    criteria: [{ name: 'Qualità del progetto', weight: 1, maxScore: 10 }],
  })
  expect(created.status).toBe(201)
  expect((await admin.patch(`/calls/${created.body.id}`, { status: 'open' })).status).toBe(200)
  return created.body.id as string
}

/**
 * A funded project working in a hub: a call with indicators (computed and reported), a team with targets,
 * a member, the hub's operator, and the Comune.
 */
async function project() {
  const admin = await ctx.as(await ctx.make.admin())
  const callId = await openCall(admin)
  const hub = await ctx.make.hub()
  const lab = await ctx.make.lab({ hub_id: hub.id, capacity: 30 })
  const team = await ctx.make.team()
  await ctx.make.grant({ team_id: team.id, hub_id: hub.id })
  const { user } = await ctx.make.member(team.id)
  const member = await ctx.as(user)
  const operator = await ctx.as((await ctx.make.operatorStaff(hub.id)).user)
  const post = async (body: object) => {
    const res = await admin.post(`/calls/${callId}/indicators`, body)
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const ind = {
    hours: await post({ name: 'Ore di attività', unit: 'ore', kind: 'output', source: 'computed', counts: 'hoursUsed' }),
    participants: await post({
      name: 'Partecipanti raggiunti',
      unit: 'persone',
      kind: 'output',
      source: 'computed',
      counts: 'participants',
    }),
    women: await post({ name: 'Donne raggiunte', unit: 'persone', kind: 'output', source: 'computed', counts: 'participants:donne' }),
    jobs: await post({ name: 'Persone che hanno trovato lavoro', unit: 'persone', kind: 'outcome', source: 'reported' }),
    volunteers: await post({ name: 'Volontari coinvolti', unit: 'persone', kind: 'outcome', source: 'reported' }),
  }
  const targets = await admin.put(`/teams/${team.id}/indicator-targets`, [
    { indicatorId: ind.hours, baseline: 0, target: 120 },
    { indicatorId: ind.jobs, baseline: 2, target: 10 },
  ])
  expect(targets.status).toBe(200)
  return { admin, member, operator, callId, hub, lab, team, ind }
}

/** A past booking of the team, recorded by staff, with its attendance. */
async function heldActivity(
  staff: Client,
  labId: string,
  teamId: string,
  start: string,
  end: string,
  participants: number,
  categories?: Record<string, number>,
) {
  const created = await staff.post('/bookings', { labId, teamId, title: 'Laboratorio', start, end })
  expect(created.status).toBe(201)
  const id = created.body.bookings[0].id
  const attended = await staff.post(`/bookings/${id}/attendance`, { participants, ...(categories ? { categories } : {}) })
  expect(attended.status).toBe(200)
  return id as string
}

const Q3 = { from: '2026-07-01', to: '2026-10-01' }

describe('participant categories', () => {
  it('come configured with the six of the programme, and the Comune adds more', async () => {
    const list = await ctx.anonymous.get('/participant-categories')
    expect(list.status).toBe(200)
    expect(list.body.map((c: { key: string }) => c.key)).toEqual([
      'giovani',
      'donne',
      'over50',
      'background_migratorio',
      'disabilita',
      'disoccupati',
    ])
    const admin = await ctx.as(await ctx.make.admin())
    const { user } = await ctx.make.member()
    expect((await (await ctx.as(user)).post('/participant-categories', { key: 'neet', labelIt: 'NEET', labelEn: 'NEET' })).status).toBe(403)
    const created = await admin.post('/participant-categories', { key: 'neet', labelIt: 'Giovani NEET', labelEn: 'NEET' })
    expect(created.status).toBe(201)
    expect((await admin.post('/participant-categories', { key: 'neet', labelIt: 'x', labelEn: 'x' })).status).toBe(409)
    expect((await admin.patch('/participant-categories/neet', { active: false })).body.active).toBe(false)
    expect((await ctx.anonymous.get('/participant-categories')).body.some((c: { key: string }) => c.key === 'neet')).toBe(false)
  })
})

describe('indicators of a call', () => {
  it('are listed in order with what the computed ones count; a reported one never says counts', async () => {
    const { callId, admin } = await project()
    const list = await ctx.anonymous.get(`/calls/${callId}/indicators`)
    expect(list.status).toBe(200)
    expect(list.body[0]).toEqual({
      id: expect.any(String),
      callId,
      name: 'Ore di attività',
      unit: 'ore',
      kind: 'output',
      source: 'computed',
      counts: 'hoursUsed',
      direction: 'increase',
      description: null,
      position: 0,
    })
    expect(list.body[3]).not.toHaveProperty('counts')
    const draft = (
      await admin.post('/calls', {
        title: 'Bozza',
        opensAt: '2027-01-10T09:00',
        closesAt: '2027-03-10T12:00',
        budgetCents: 1,
        maxFundingCents: 1,
        applicantTypes: ['association'],
      })
    ).body.id
    expect((await ctx.anonymous.get(`/calls/${draft}/indicators`)).status).toBe(404)
    expect((await admin.get(`/calls/${draft}/indicators`)).status).toBe(200)
    expect(
      (
        await admin.post('/calls/00000000-0000-4000-8000-000000000000/indicators', {
          name: 'X',
          unit: 'u',
          kind: 'output',
          source: 'reported',
        })
      ).status,
    ).toBe(404)
    const bad = [
      { name: 'A', unit: 'u', kind: 'output', source: 'computed' },
      { name: 'B', unit: 'u', kind: 'output', source: 'reported', counts: 'participants' },
      { name: 'C', unit: 'u', kind: 'output', source: 'computed', counts: 'bookings' },
    ]
    for (const body of bad) expect((await admin.post(`/calls/${callId}/indicators`, body)).status).toBe(400)
    const unknownCategory = await admin.post(`/calls/${callId}/indicators`, {
      name: 'D',
      unit: 'u',
      kind: 'output',
      source: 'computed',
      counts: 'participants:marziani',
    })
    expect(unknownCategory.status).toBe(400)
    expect(
      (await admin.post(`/calls/${callId}/indicators`, { name: 'Ore di attività', unit: 'ore', kind: 'output', source: 'reported' }))
        .status,
    ).toBe(409)
  })
})

describe('a team’s quarterly progress report', () => {
  it('is submitted by a member, accepted by the operator of the hub the team works in, and the team hears it', async () => {
    const p = await project()
    const res = await p.member.post(`/teams/${p.team.id}/progress-reports`, {
      ...Q3,
      values: [
        { indicatorId: p.ind.jobs, value: 3 },
        { indicatorId: p.ind.volunteers, value: 12 },
      ],
      participantsByCategory: { giovani: 14, donne: 9 },
      narrative: 'Tre corsi di cucina conclusi; tre partecipanti assunti da una cooperativa.',
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.any(String), status: 'submitted' })

    // another operator, another team's member: the report is not theirs to see
    const stranger = await ctx.as((await ctx.make.operatorStaff((await ctx.make.hub()).id)).user)
    expect((await stranger.post(`/progress-reports/${res.body.id}/accept`)).status).toBe(404)
    expect((await p.member.post(`/progress-reports/${res.body.id}/accept`)).status).toBe(403)
    const queue = await p.operator.get('/progress-reports')
    expect(queue.body.map((r: { id: string }) => r.id)).toContain(res.body.id)
    expect((await stranger.get('/progress-reports')).body.map((r: { id: string }) => r.id)).not.toContain(res.body.id)

    const accepted = await p.operator.post(`/progress-reports/${res.body.id}/accept`)
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ status: 'accepted', from: Q3.from, to: Q3.to, participantsByCategory: { giovani: 14, donne: 9 } })
    expect((await p.admin.post(`/progress-reports/${res.body.id}/return`, { comment: 'troppo tardi' })).status).toBe(409)

    const mail = await ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'text'])
      .where('kind', '=', 'progress_report.accepted')
      .where('recipient', '=', p.team.contact_email)
      .executeTakeFirst()
    expect(mail?.subject).toContain('Relazione accettata')

    // the accepted values are the project's reported outcomes
    const outcomes = await p.admin.get(`/reports/outcomes?callId=${p.callId}`)
    const row = outcomes.body.rows.find((r: { teamId: string }) => r.teamId === p.team.id)
    expect(row.indicators.find((i: { indicatorId: string }) => i.indicatorId === p.ind.jobs)).toEqual({
      indicatorId: p.ind.jobs,
      baseline: 2,
      target: 10,
      value: 3,
    })
  })

  it('is sent back with a comment, and the team submits the period again', async () => {
    const p = await project()
    const first = await p.member.post(`/teams/${p.team.id}/progress-reports`, {
      ...Q3,
      values: [{ indicatorId: p.ind.jobs, value: 40 }],
      narrative: 'Quaranta assunti.',
    })
    expect(first.status).toBe(201)
    // one live report per period
    expect(
      (await p.member.post(`/teams/${p.team.id}/progress-reports`, { from: '2026-09-01', to: '2026-12-01', narrative: 'x' })).status,
    ).toBe(409)
    expect((await p.admin.post(`/progress-reports/${first.body.id}/return`, {})).status).toBe(400)
    const returned = await p.admin.post(`/progress-reports/${first.body.id}/return`, {
      comment: 'Quaranta assunti in un trimestre? Allegate i contratti o correggete.',
    })
    expect(returned.status).toBe(200)
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: expect.stringContaining('contratti') })
    const mail = await ctx.db
      .selectFrom('outbox')
      .select(['text'])
      .where('kind', '=', 'progress_report.returned')
      .where('recipient', '=', p.team.contact_email)
      .executeTakeFirst()
    expect(mail?.text).toContain('contratti')

    const again = await p.member.post(`/teams/${p.team.id}/progress-reports`, {
      ...Q3,
      values: [{ indicatorId: p.ind.jobs, value: 4 }],
      narrative: 'Corretto: quattro assunti.',
    })
    expect(again.status).toBe(201)
    const history = await p.member.get(`/teams/${p.team.id}/progress-reports`)
    expect(history.body.map((r: { status: string }) => r.status).sort()).toEqual(['returned', 'submitted'])
    // a returned report counts for nothing
    const outcomes = await p.admin.get(`/reports/outcomes?callId=${p.callId}`)
    const row = outcomes.body.rows.find((r: { teamId: string }) => r.teamId === p.team.id)
    expect(row.indicators.find((i: { indicatorId: string }) => i.indicatorId === p.ind.jobs).value).toBe(0)
  })

  it('refuses computed indicators, foreign indicators, unknown categories, and people outside the team', async () => {
    const p = await project()
    const other = await project()
    const submit = (client: Client, body: object) =>
      client.post(`/teams/${p.team.id}/progress-reports`, { ...Q3, narrative: 'Relazione', ...body })
    expect((await submit(p.member, { values: [{ indicatorId: p.ind.hours, value: 100 }] })).status).toBe(400)
    expect((await submit(p.member, { values: [{ indicatorId: other.ind.jobs, value: 1 }] })).status).toBe(400)
    expect((await submit(p.member, { participantsByCategory: { marziani: 3 } })).status).toBe(400)
    expect((await submit(p.member, { from: '2026-10-01', to: '2026-07-01' })).status).toBe(400)
    expect((await submit(other.member, {})).status).toBe(404)
    expect((await submit(p.admin, {})).status).toBe(403)
  })
})

describe('computed indicators', () => {
  it('equal what bookings and attendance say, in the period asked for', async () => {
    const p = await project()
    await heldActivity(p.admin, p.lab.id, p.team.id, '2026-07-07T14:00', '2026-07-07T17:00', 12, { donne: 7, giovani: 5 })
    await heldActivity(p.operator, p.lab.id, p.team.id, '2026-09-15T09:30', '2026-09-15T11:00', 8, { donne: 3 })
    await heldActivity(p.admin, p.lab.id, p.team.id, '2026-10-06T14:00', '2026-10-06T16:00', 20, { donne: 20 })
    // booked but not held: no hours used, nobody reached
    await p.admin.post('/bookings', {
      labId: p.lab.id,
      teamId: p.team.id,
      title: 'Non tenuto',
      start: '2026-08-04T10:00',
      end: '2026-08-04T12:00',
    })

    const q3 = await p.admin.get(`/reports/outcomes?callId=${p.callId}&from=${Q3.from}&to=${Q3.to}`)
    expect(q3.status).toBe(200)
    const value = (body: { rows: Array<{ teamId: string; indicators: Array<{ indicatorId: string; value: number }> }> }, id: string) =>
      body.rows.find((r) => r.teamId === p.team.id)!.indicators.find((i) => i.indicatorId === id)!.value
    expect(value(q3.body, p.ind.hours)).toBe(4.5)
    expect(value(q3.body, p.ind.participants)).toBe(20)
    expect(value(q3.body, p.ind.women)).toBe(10)
    const all = await p.admin.get(`/reports/outcomes?callId=${p.callId}`)
    expect(value(all.body, p.ind.hours)).toBe(6.5)
    expect(value(all.body, p.ind.participants)).toBe(40)
    expect(value(all.body, p.ind.women)).toBe(30)
    expect(all.body.rows.find((r: { teamId: string }) => r.teamId === p.team.id).indicators[0]).toEqual({
      indicatorId: p.ind.hours,
      baseline: 0,
      target: 120,
      value: 6.5,
    })

    // the team sees the same on its own page
    const mine = await p.member.get(`/teams/${p.team.id}/indicators`)
    expect(mine.body.find((i: { id: string }) => i.id === p.ind.women).value).toBe(30)
  })

  it('are for the Comune and the operators of the projects’ hubs only', async () => {
    const p = await project()
    expect((await p.member.get('/reports/outcomes')).status).toBe(403)
    const stranger = await ctx.as((await ctx.make.operatorStaff((await ctx.make.hub()).id)).user)
    expect((await stranger.get(`/reports/outcomes?callId=${p.callId}`)).body.rows).toEqual([])
    expect((await p.operator.get(`/reports/outcomes?callId=${p.callId}`)).body.rows.map((r: { teamId: string }) => r.teamId)).toEqual([
      p.team.id,
    ])
    const csv = await p.admin.get(`/reports/outcomes?callId=${p.callId}&format=csv`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.text.split('\r\n')[0]).toBe('teamId;teamName;callId;indicatorId;indicatorName;unit;kind;source;baseline;target;value')
  })
})

describe('reminders of a due report', () => {
  it('go a week before the due date and the day after it to teams that have not reported, once', async () => {
    const late = await project()
    const done = await project()
    expect((await done.member.post(`/teams/${done.team.id}/progress-reports`, { ...Q3, narrative: 'Fatto.' })).status).toBe(201)
    const sent = (kind: string, team: { contact_email: string }) =>
      ctx.db.selectFrom('outbox').select('id').where('kind', '=', kind).where('recipient', '=', team.contact_email).execute()
    expect(await writeProgressReminders(ctx.db, new Date('2026-10-05T09:00:00Z'))).toBe(0)
    await writeProgressReminders(ctx.db, new Date('2026-10-09T09:00:00Z'))
    await writeProgressReminders(ctx.db, new Date('2026-10-10T09:00:00Z'))
    expect(await sent('progress_report.due_soon', late.team)).toHaveLength(1)
    expect(await sent('progress_report.due_soon', done.team)).toHaveLength(0)
    await writeProgressReminders(ctx.db, new Date('2026-10-16T09:00:00Z'))
    expect(await sent('progress_report.overdue', late.team)).toHaveLength(1)
  })
})

describe('the programme', () => {
  it('names the PON Metro project and keeps the Comune’s yearly financial progress', async () => {
    const res = await ctx.anonymous.get('/programme')
    expect(res.body).toMatchObject({ cup: 'B49D16010990006', projectCode: 'MI3.3.1.d', programmedCents: 209388613 })
    const admin = await ctx.as(await ctx.make.admin())
    const put = await admin.put('/programme/years/2027', { programmedCents: 50000000, committedCents: 32000000, paidCents: 12000000 })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      year: 2027,
      programmedCents: 50000000,
      committedCents: 32000000,
      paidCents: 12000000,
      notes: null,
      totalPaidCents: 12000000,
    })
    expect((await ctx.anonymous.put('/programme/years/2027', { programmedCents: 1, committedCents: 1, paidCents: 1 })).status).toBe(401)
    expect((await admin.put('/programme/years/1999', { programmedCents: 1, committedCents: 1, paidCents: 1 })).status).toBe(404)
  })

  it('takes the office and person responsible for the procedure from the Comune (its answer as the OpenAPI document says)', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const patched = await admin.patch('/programme', {
      responsibleOffice: 'Direzione Economia Urbana',
      responsiblePerson: 'Dott.ssa Anna Verdi',
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      responsibleOffice: 'Direzione Economia Urbana',
      responsiblePerson: 'Dott.ssa Anna Verdi',
      cup: 'B49D16010990006',
    })
    expect((await ctx.anonymous.get('/programme')).body.responsiblePerson).toBe('Dott.ssa Anna Verdi')
    expect((await admin.patch('/programme', { cup: 'not a cup' })).status).toBe(400)
    const member = await ctx.as((await ctx.make.member()).user)
    expect((await member.patch('/programme', { responsibleOffice: 'x' })).status).toBe(403)
  })
})
