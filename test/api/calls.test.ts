import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

function callBody(o: Record<string, unknown> = {}) {
  return {
    title: `Bando periferie ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Progetti di innovazione sociale nei quartieri prioritari.',
    opensAt: '2027-01-10T09:00',
    closesAt: '2027-03-01T12:00',
    budgetCents: 10_000_000,
    maxFundingCents: 2_500_000,
    applicantTypes: ['informal', 'association'],
    criteria: [
      { name: 'Impatto sociale', weight: 2, maxScore: 10 },
      { name: 'Fattibilità', weight: 1, maxScore: 10 },
    ],
    ...o,
  }
}

describe('calls', () => {
  it('the Comune drafts a call, with instants in Rome time, criteria and areas', async () => {
    const area = await ctx.make.area()
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post('/calls', callBody({ areaIds: [area.id], requiredDocuments: ['project'] }))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      opensAt: '2027-01-10T09:00:00+01:00',
      closesAt: '2027-03-01T12:00:00+01:00',
      budgetCents: 10_000_000,
      maxFundingCents: 2_500_000,
      applicantTypes: ['informal', 'association'],
      areaIds: [area.id],
      status: 'draft',
      requiredDocuments: ['project'],
    })
    expect(res.body.criteria).toEqual([
      { id: expect.any(String), name: 'Impatto sociale', weight: 2, maxScore: 10 },
      { id: expect.any(String), name: 'Fattibilità', weight: 1, maxScore: 10 },
    ])
  })

  it('a draft is the Comune’s alone; an open call is public, with the deadline derived from the clock', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const member = await ctx.as((await ctx.make.member()).user)
    const now = Date.now()
    const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00').replace(/\.\d+/, '')
    const { body: call } = await admin.post('/calls', callBody({ opensAt: iso(now - 86_400_000), closesAt: iso(now + 86_400_000) }))
    expect((await ctx.anonymous.get(`/calls/${call.id}`)).status).toBe(404)
    expect((await member.get(`/calls/${call.id}`)).status).toBe(404)
    expect((await ctx.anonymous.get('/calls')).body.some((c: { id: string }) => c.id === call.id)).toBe(false)

    const opened = await admin.patch(`/calls/${call.id}`, { status: 'open' })
    expect(opened.status).toBe(200)
    expect(opened.body.status).toBe('open')
    const pub = await ctx.anonymous.get(`/calls/${call.id}`)
    expect(pub.status).toBe(200)
    expect(pub.body.evaluatorIds).toBeUndefined()
    expect((await ctx.anonymous.get('/calls?status=open')).body.some((c: { id: string }) => c.id === call.id)).toBe(true)

    const past = await admin.patch(`/calls/${call.id}`, { closesAt: iso(now - 1000) })
    expect(past.body.status).toBe('closed')
    expect((await ctx.anonymous.get('/calls?status=closed')).body.some((c: { id: string }) => c.id === call.id)).toBe(true)
  })

  it('only the Comune writes calls', async () => {
    const member = await ctx.as((await ctx.make.member()).user)
    expect((await ctx.anonymous.post('/calls', callBody())).status).toBe(401)
    expect((await member.post('/calls', callBody())).status).toBe(403)
    const evaluator = await ctx.as(await ctx.make.user({ role: 'evaluator' }))
    expect((await evaluator.post('/calls', callBody())).status).toBe(403)
  })

  it('refuses a period that ends before it starts, and a ceiling over the budget', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const bad = await admin.post('/calls', callBody({ closesAt: '2027-01-01T09:00' }))
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('closesAt')
    const money = await admin.post('/calls', callBody({ maxFundingCents: 20_000_000 }))
    expect(money.status).toBe(400)
    expect(money.body.errors[0].path).toBe('maxFundingCents')
  })

  it('a call opens only with criteria', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const { body: call } = await admin.post('/calls', callBody({ criteria: [] }))
    const res = await admin.patch(`/calls/${call.id}`, { status: 'open' })
    expect(res.status).toBe(400)
  })

  it('criteria are edited as a set: kept by id, renamed, added, dropped', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const { body: call } = await admin.post('/calls', callBody())
    const [a, b] = call.criteria
    const res = await admin.patch(`/calls/${call.id}`, {
      criteria: [
        { id: b.id, name: a.name, weight: 3, maxScore: 5 },
        { name: 'Rete', weight: 1, maxScore: 4 },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body.criteria).toEqual([
      { id: b.id, name: a.name, weight: 3, maxScore: 5 },
      { id: expect.any(String), name: 'Rete', weight: 1, maxScore: 4 },
    ])
  })

  it('an evaluator account can be created by the Comune', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post('/users', { email: `val-${Date.now()}@comune.milano.it`, name: 'Valutatrice', role: 'evaluator' })
    expect(res.status).toBe(201)
    expect(res.body.role).toBe('evaluator')
  })

  it('an evaluator is Comune staff for the call only: no teams, grants, concessions, inventory or reports', async () => {
    const team = await ctx.make.team()
    const grant = await ctx.make.grant({ team_id: team.id })
    const evaluator = await ctx.as(await ctx.make.user({ role: 'evaluator' }))
    expect((await evaluator.get('/teams')).body).toEqual([])
    expect((await evaluator.get(`/teams/${team.id}`)).status).toBe(404)
    expect((await evaluator.get(`/grants/${grant.id}`)).status).toBe(404)
    expect((await evaluator.get('/concessions')).status).toBe(403)
    expect((await evaluator.get('/operators')).status).toBe(403)
    expect((await evaluator.get('/equipment')).status).toBe(403)
    expect((await evaluator.get('/reports/utilisation?from=2027-01-01&to=2027-02-01&groupBy=lab')).status).toBe(403)
  })
})
