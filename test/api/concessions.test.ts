import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function adminClient() {
  return ctx.as(await ctx.make.admin())
}

describe('concessions', () => {
  it('creates an active concession by default, with its obligations', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const op = await ctx.make.operator()
    const res = await admin.post('/concessions', {
      hubId: hub.id,
      operatorId: op.id,
      start: '2027-01-01',
      end: '2030-12-31',
      annualFeeCents: 1_200_000,
      obligations: { minOpenHoursPerWeek: 30, minSocialSharePercent: 40 },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      hubId: hub.id,
      operatorId: op.id,
      start: '2027-01-01',
      end: '2030-12-31',
      annualFeeCents: 1_200_000,
      obligations: { minOpenHoursPerWeek: 30, minSocialSharePercent: 40 },
      status: 'active',
    })
    const got = await admin.get(`/concessions/${res.body.id}`)
    expect(got.body).toEqual(res.body)
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['concession.created'])
  })

  it('refuses two concessions of one hub overlapping in time with 409 naming the other', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const [a, b] = [await ctx.make.operator(), await ctx.make.operator()]
    const first = await admin.post('/concessions', { hubId: hub.id, operatorId: a.id, start: '2027-01-01', end: '2028-12-31' })
    expect(first.status).toBe(201)
    const overlap = await admin.post('/concessions', { hubId: hub.id, operatorId: b.id, start: '2028-12-31', end: '2030-12-31' })
    expect(overlap.status).toBe(409)
    expect(overlap.headers.get('content-type')).toContain('application/problem+json')
    expect(overlap.body.conflicts).toEqual([
      expect.objectContaining({ concessionId: first.body.id, start: '2027-01-01', end: '2028-12-31' }),
    ])
    // The day after is free; another hub is free too.
    expect((await admin.post('/concessions', { hubId: hub.id, operatorId: b.id, start: '2029-01-01', end: '2030-12-31' })).status).toBe(201)
    const other = await ctx.make.hub()
    expect((await admin.post('/concessions', { hubId: other.id, operatorId: b.id, start: '2027-06-01', end: '2028-06-30' })).status).toBe(
      201,
    )
  })

  it('lets a terminated concession step aside for a new one', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const [a, b] = [await ctx.make.operator(), await ctx.make.operator()]
    const first = await admin.post('/concessions', { hubId: hub.id, operatorId: a.id, start: '2027-01-01', end: '2030-12-31' })
    expect((await admin.patch(`/concessions/${first.body.id}`, { status: 'terminated' })).body.status).toBe('terminated')
    expect((await admin.post('/concessions', { hubId: hub.id, operatorId: b.id, start: '2028-01-01', end: '2031-12-31' })).status).toBe(201)
    // …and a terminated concession cannot come back over the new one, nor at all.
    const back = await admin.patch(`/concessions/${first.body.id}`, { status: 'active' })
    expect(back.status).toBe(409)
  })

  it('refuses overlapping concessions created at the same moment: exactly one wins', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const ops = await Promise.all([1, 2, 3].map(() => ctx.make.operator()))
    const results = await Promise.all(
      ops.map((op) => admin.post('/concessions', { hubId: hub.id, operatorId: op.id, start: '2027-01-01', end: '2027-12-31' })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
  })

  it('validates lifecycle transitions', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const op = await ctx.make.operator()
    const draft = await admin.post('/concessions', {
      hubId: hub.id,
      operatorId: op.id,
      start: '2027-01-01',
      end: '2027-12-31',
      status: 'draft',
    })
    expect(draft.body.status).toBe('draft')
    expect((await admin.patch(`/concessions/${draft.body.id}`, { status: 'expired' })).status).toBe(409)
    expect((await admin.patch(`/concessions/${draft.body.id}`, { status: 'active' })).body.status).toBe('active')
    expect((await admin.patch(`/concessions/${draft.body.id}`, { status: 'draft' })).status).toBe(409)
    const expired = await admin.patch(`/concessions/${draft.body.id}`, { status: 'expired' })
    expect(expired.body.status).toBe('expired')
    expect((await admin.patch(`/concessions/${draft.body.id}`, { annualFeeCents: 5 })).status).toBe(409)
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', draft.body.id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['concession.created', 'concession.active', 'concession.expired'])
  })

  it('edits terms and re-checks overlaps on new dates', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const [a, b] = [await ctx.make.operator(), await ctx.make.operator()]
    const first = await admin.post('/concessions', { hubId: hub.id, operatorId: a.id, start: '2027-01-01', end: '2027-12-31' })
    await admin.post('/concessions', { hubId: hub.id, operatorId: b.id, start: '2028-01-01', end: '2028-12-31' })
    const longer = await admin.patch(`/concessions/${first.body.id}`, { end: '2028-03-31' })
    expect(longer.status).toBe(409)
    const edit = await admin.patch(`/concessions/${first.body.id}`, { obligations: { minSocialSharePercent: 60 }, annualFeeCents: 99 })
    expect(edit.status).toBe(200)
    expect(edit.body).toMatchObject({ annualFeeCents: 99, obligations: { minOpenHoursPerWeek: 0, minSocialSharePercent: 60 } })
  })

  it('validates the body', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const bad = await admin.post('/concessions', {
      hubId: hub.id,
      operatorId: '7b1d7f7e-0000-4000-8000-000000000000',
      start: '2027-02-30',
      end: '2026-01-01',
      obligations: { minOpenHoursPerWeek: -1, minSocialSharePercent: 101 },
      status: 'sospesa',
    })
    expect(bad.status).toBe(400)
    const paths = bad.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining(['start', 'obligations.minOpenHoursPerWeek', 'obligations.minSocialSharePercent', 'status']),
    )
    const unknown = await admin.post('/concessions', {
      hubId: hub.id,
      operatorId: '7b1d7f7e-0000-4000-8000-000000000000',
      start: '2027-01-01',
      end: '2027-12-31',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors).toEqual([{ path: 'operatorId', message: expect.any(String) }])
    expect((await admin.patch(`/concessions/${'7b1d7f7e-0000-4000-8000-000000000000'}`, { annualFeeCents: 1 })).status).toBe(404)
  })

  it('lets operator staff read only their own concessions, members none', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const { user, operatorId } = await ctx.make.operatorStaff(hub.id)
    const otherHub = await ctx.make.hub()
    const other = await ctx.make.operatorStaff(otherHub.id)
    const staff = await ctx.as(user)
    const mine = await staff.get('/concessions')
    expect(mine.status).toBe(200)
    expect(mine.body.map((c: { operatorId: string }) => c.operatorId)).toEqual([operatorId])
    expect(mine.body[0].inForce).toBe(true)
    const otherConcession = (await admin.get(`/concessions?operatorId=${other.operatorId}`)).body[0]
    expect((await staff.get(`/concessions/${otherConcession.id}`)).status).toBe(404)
    expect((await staff.get(`/concessions/${mine.body[0].id}`)).status).toBe(200)
    expect((await staff.patch(`/concessions/${mine.body[0].id}`, { annualFeeCents: 1 })).status).toBe(403)
    expect((await staff.post('/concessions', { hubId: hub.id, operatorId, start: '2040-01-01', end: '2040-12-31' })).status).toBe(403)

    const { user: memberUser } = await ctx.make.member()
    expect((await (await ctx.as(memberUser)).get('/concessions')).status).toBe(403)
    expect((await ctx.anonymous.get('/concessions')).status).toBe(401)
  })

  it('filters by hub and status', async () => {
    const admin = await adminClient()
    const hub = await ctx.make.hub()
    const op = await ctx.make.operator()
    await admin.post('/concessions', { hubId: hub.id, operatorId: op.id, start: '2027-01-01', end: '2027-12-31', status: 'draft' })
    await admin.post('/concessions', { hubId: hub.id, operatorId: op.id, start: '2028-01-01', end: '2028-12-31' })
    const drafts = await admin.get(`/concessions?hubId=${hub.id}&status=draft`)
    expect(drafts.body.map((c: { start: string }) => c.start)).toEqual(['2027-01-01'])
    expect((await admin.get(`/concessions?hubId=${hub.id}`)).body).toHaveLength(2)
  })
})
