import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let admin: Awaited<ReturnType<TestContext['as']>>
beforeAll(async () => {
  ctx = await createTestContext()
  admin = await ctx.as(await ctx.make.admin())
})
afterAll(() => ctx?.close())

const uniqueNil = () => 100_000 + Math.floor(Math.random() * 1e8)

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) })
}

describe('areas', () => {
  it('an admin creates an area and everyone reads it with its NIL and municipio', async () => {
    const nilId = uniqueNil()
    const res = await admin.post('/areas', { name: 'Lodi - Corvetto', nilId, municipio: 4, isTarget: true })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.any(String), name: 'Lodi - Corvetto', nilId, municipio: 4, isTarget: true })
    const list = await ctx.anonymous.get('/areas?limit=1000')
    expect(list.status).toBe(200)
    expect(list.body).toContainEqual(res.body)
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThanOrEqual(1)
  })

  it('refuses a second area with the same NIL (409) and a municipio outside 1..9 (400)', async () => {
    const nilId = uniqueNil()
    expect((await admin.post('/areas', { name: 'Giambellino', nilId, municipio: 6 })).status).toBe(201)
    expectProblem(await admin.post('/areas', { name: 'Altro', nilId, municipio: 6 }), 409)
    const bad = await admin.post('/areas', { name: 'Fuori', municipio: 10 })
    expectProblem(bad, 400)
    expect(bad.body.errors).toEqual([{ path: 'municipio', message: expect.any(String) }])
  })

  it('only an admin creates areas', async () => {
    const hub = await ctx.make.hub()
    const { user: operator } = await ctx.make.operatorStaff(hub.id)
    const { user: member } = await ctx.make.member()
    const body = { name: 'Quarto Oggiaro', nilId: uniqueNil(), municipio: 8 }
    expectProblem(await ctx.anonymous.post('/areas', body), 401)
    expectProblem(await (await ctx.as(member)).post('/areas', body), 403)
    expectProblem(await (await ctx.as(operator)).post('/areas', body), 403)
  })

  it('filters by priority flag', async () => {
    const other = await ctx.make.area({ is_target: false })
    const targets = await ctx.anonymous.get('/areas?isTarget=true&limit=1000')
    expect(targets.body.every((a: { isTarget: boolean }) => a.isTarget)).toBe(true)
    expect(targets.body.map((a: { id: string }) => a.id)).not.toContain(other.id)
  })
})

describe('hubs', () => {
  it('an admin creates a hub in an area; reading is public and embeds the area', async () => {
    const area = await ctx.make.area({ name: 'Giambellino', municipio: 6 })
    const res = await admin.post('/hubs', {
      name: 'Hub Giambellino',
      kind: 'community_hub',
      address: 'Via Giambellino 58, 20146 Milano',
      areaId: area.id,
      phone: '+39 02 1234567',
      email: 'Info@Hub-Giambellino.it',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Hub Giambellino',
      kind: 'community_hub',
      address: 'Via Giambellino 58, 20146 Milano',
      areaId: area.id,
      timezone: 'Europe/Rome',
      email: 'info@hub-giambellino.it',
      area: { id: area.id, name: 'Giambellino', municipio: 6, isTarget: true },
    })
    const read = await ctx.anonymous.get(`/hubs/${res.body.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual(res.body)
    const list = await ctx.anonymous.get(`/hubs?areaId=${area.id}`)
    expect(list.body).toEqual([res.body])
  })

  it('refuses a time zone that is not IANA and an unknown area', async () => {
    const area = await ctx.make.area()
    const base = { name: 'Hub', kind: 'cfl', address: 'Via Roma 1', areaId: area.id }
    const zone = await admin.post('/hubs', { ...base, timezone: 'Europe/Milano' })
    expectProblem(zone, 400)
    expect(zone.body.errors[0].path).toBe('timezone')
    const unknownArea = await admin.post('/hubs', { ...base, areaId: '00000000-0000-4000-8000-000000000000' })
    expectProblem(unknownArea, 400)
    expect(unknownArea.body.errors[0].path).toBe('areaId')
    const kind = await admin.post('/hubs', { ...base, kind: 'library' })
    expectProblem(kind, 400)
  })

  it('answers 404 for unknown or malformed hub ids', async () => {
    expectProblem(await ctx.anonymous.get('/hubs/00000000-0000-4000-8000-000000000000'), 404)
    expectProblem(await ctx.anonymous.get('/hubs/not-an-id'), 404)
    expectProblem(await admin.patch('/hubs/00000000-0000-4000-8000-000000000000', { name: 'X' }), 404)
  })

  it('only an admin creates hubs; the hub’s operator may edit it, another operator may not', async () => {
    const hub = await ctx.make.hub()
    const other = await ctx.make.hub()
    const { user: operator } = await ctx.make.operatorStaff(hub.id)
    const op = await ctx.as(operator)
    const body = { name: 'Nuovo hub', kind: 'cfl', address: 'Via Roma 1', areaId: hub.area_id }
    expectProblem(await op.post('/hubs', body), 403)
    expectProblem(await ctx.anonymous.post('/hubs', body), 401)

    const edited = await op.patch(`/hubs/${hub.id}`, { name: 'Casa di Quartiere Corvetto', timezone: 'Europe/Rome', phone: null })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ id: hub.id, name: 'Casa di Quartiere Corvetto', phone: null })
    expectProblem(await op.patch(`/hubs/${other.id}`, { name: 'Non mio' }), 403)
    const { user: member } = await ctx.make.member()
    expectProblem(await (await ctx.as(member)).patch(`/hubs/${hub.id}`, { name: 'No' }), 403)
    expectProblem(await ctx.anonymous.patch(`/hubs/${hub.id}`, { name: 'No' }), 401)
  })

  it('an operator whose concession is not in force does not manage the hub', async () => {
    const hub = await ctx.make.hub()
    const operator = await ctx.make.operator()
    await ctx.make.concession({ hub_id: hub.id, operator_id: operator.id, start_date: '2020-01-01', end_date: '2021-12-31' })
    const staff = await ctx.make.user({ role: 'operator', operatorId: operator.id })
    expectProblem(await (await ctx.as(staff)).patch(`/hubs/${hub.id}`, { name: 'Scaduto' }), 403)
  })

  it('pages the list with X-Total-Count and a Link to the next page', async () => {
    const area = await ctx.make.area()
    for (let i = 0; i < 3; i++) await ctx.make.hub({ area_id: area.id })
    const first = await ctx.anonymous.get(`/hubs?areaId=${area.id}&limit=2`)
    expect(first.body).toHaveLength(2)
    expect(first.headers.get('x-total-count')).toBe('3')
    const next = first.headers.get('link')?.match(/<([^>]+)>; rel="next"/)?.[1]
    expect(next).toBeDefined()
    const second = await ctx.anonymous.get(next!)
    expect(second.body).toHaveLength(1)
    expect(second.headers.get('link')).toBeNull()
    const ids = [...first.body, ...second.body].map((h: { id: string }) => h.id)
    expect(new Set(ids).size).toBe(3)
  })
})

describe('opening hours', () => {
  it('PUT replaces the whole week, several intervals a day, and GET returns it in order', async () => {
    const hub = await ctx.make.hub()
    const week = [
      { weekday: 6, open: '09:00', close: '13:00' },
      ...[1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, open: '14:00', close: '21:00' },
        { weekday, open: '09:00', close: '13:00' },
      ]),
    ]
    const put = await admin.put(`/hubs/${hub.id}/opening-hours`, week)
    expect(put.status).toBe(200)
    expect(put.body).toHaveLength(11)
    expect(put.body.slice(0, 2)).toEqual([
      { weekday: 1, open: '09:00', close: '13:00' },
      { weekday: 1, open: '14:00', close: '21:00' },
    ])
    expect(put.body.at(-1)).toEqual({ weekday: 6, open: '09:00', close: '13:00' })
    const got = await ctx.anonymous.get(`/hubs/${hub.id}/opening-hours`)
    expect(got.body).toEqual(put.body)

    const replaced = await admin.put(`/hubs/${hub.id}/opening-hours`, [{ weekday: 7, open: '10:00', close: '24:00' }])
    expect(replaced.body).toEqual([{ weekday: 7, open: '10:00', close: '24:00' }])
    expect((await ctx.anonymous.get(`/hubs/${hub.id}/opening-hours`)).body).toEqual(replaced.body)
  })

  it('refuses overlapping intervals, a close before open, weekday 0 or 8, and keeps the previous week', async () => {
    const hub = await ctx.make.hub({ opening: [{ weekday: 1, open: '08:00', close: '12:00' }] })
    const overlap = await admin.put(`/hubs/${hub.id}/opening-hours`, [
      { weekday: 2, open: '09:00', close: '13:00' },
      { weekday: 2, open: '12:30', close: '18:00' },
    ])
    expectProblem(overlap, 400)
    expect(overlap.body.errors).toEqual([{ path: '1', message: expect.stringContaining('si sovrappone') }])
    expectProblem(await admin.put(`/hubs/${hub.id}/opening-hours`, [{ weekday: 2, open: '18:00', close: '09:00' }]), 400)
    expectProblem(await admin.put(`/hubs/${hub.id}/opening-hours`, [{ weekday: 0, open: '09:00', close: '12:00' }]), 400)
    expectProblem(await admin.put(`/hubs/${hub.id}/opening-hours`, [{ weekday: 8, open: '09:00', close: '12:00' }]), 400)
    expectProblem(await admin.put(`/hubs/${hub.id}/opening-hours`, [{ weekday: 1, open: '9:00', close: '12:00' }]), 400)
    expectProblem(await admin.put(`/hubs/${hub.id}/opening-hours`, { weekday: 1, open: '09:00', close: '12:00' }), 400)
    expect((await ctx.anonymous.get(`/hubs/${hub.id}/opening-hours`)).body).toEqual([{ weekday: 1, open: '08:00', close: '12:00' }])
  })

  it('the hub’s operator sets them; a member, another operator or nobody may not', async () => {
    const hub = await ctx.make.hub()
    const { user: operator } = await ctx.make.operatorStaff(hub.id)
    const { user: stranger } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    const { user: member } = await ctx.make.member()
    const week = [{ weekday: 1, open: '09:00', close: '18:00' }]
    expect((await (await ctx.as(operator)).put(`/hubs/${hub.id}/opening-hours`, week)).status).toBe(200)
    expectProblem(await (await ctx.as(stranger)).put(`/hubs/${hub.id}/opening-hours`, week), 403)
    expectProblem(await (await ctx.as(member)).put(`/hubs/${hub.id}/opening-hours`, week), 403)
    expectProblem(await ctx.anonymous.put(`/hubs/${hub.id}/opening-hours`, week), 401)
    expectProblem(await ctx.anonymous.get('/hubs/00000000-0000-4000-8000-000000000000/opening-hours'), 404)
  })
})

describe('labs', () => {
  const labBody = (hubId: string) => ({
    hubId,
    name: 'Cucina didattica',
    type: 'kitchen',
    capacity: 14,
    approvalRequired: true,
    requiresGrant: false,
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    description: 'Cucina professionale con sei postazioni',
  })

  it('the hub’s operator creates a lab; everyone reads it', async () => {
    const hub = await ctx.make.hub()
    const { user: operator } = await ctx.make.operatorStaff(hub.id)
    const res = await (await ctx.as(operator)).post('/labs', labBody(hub.id))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      hubId: hub.id,
      name: 'Cucina didattica',
      type: 'kitchen',
      capacity: 14,
      approvalRequired: true,
      requiresGrant: false,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      description: 'Cucina professionale con sei postazioni',
      hub: { id: hub.id, name: hub.name },
    })
    const read = await ctx.anonymous.get(`/labs/${res.body.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual(res.body)
  })

  it('applies the default policy when omitted', async () => {
    const hub = await ctx.make.hub()
    const res = await admin.post('/labs', { hubId: hub.id, name: 'Aula', type: 'multipurpose', capacity: 30 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ approvalRequired: false, requiresGrant: false, minDurationMinutes: 30, maxDurationMinutes: 480 })
  })

  it('refuses an unknown type, a zero capacity, min above max, and an unknown hub', async () => {
    const hub = await ctx.make.hub()
    const type = await admin.post('/labs', { ...labBody(hub.id), type: 'woodwork' })
    expectProblem(type, 400)
    expect(type.body.errors[0].path).toBe('type')
    expectProblem(await admin.post('/labs', { ...labBody(hub.id), capacity: 0 }), 400)
    const minMax = await admin.post('/labs', { ...labBody(hub.id), minDurationMinutes: 300, maxDurationMinutes: 120 })
    expectProblem(minMax, 400)
    expect(minMax.body.errors[0].path).toBe('maxDurationMinutes')
    const unknownHub = await admin.post('/labs', labBody('00000000-0000-4000-8000-000000000000'))
    expectProblem(unknownHub, 400)
    expect(unknownHub.body.errors[0].path).toBe('hubId')
  })

  it('writing needs the hub: another operator, a member or nobody is refused', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const { user: stranger } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    const { user: member } = await ctx.make.member()
    const s = await ctx.as(stranger)
    const m = await ctx.as(member)
    expectProblem(await s.post('/labs', labBody(hub.id)), 403)
    expectProblem(await m.post('/labs', labBody(hub.id)), 403)
    expectProblem(await ctx.anonymous.post('/labs', labBody(hub.id)), 401)
    expectProblem(await s.patch(`/labs/${lab.id}`, { capacity: 3 }), 403)
    expectProblem(await m.patch(`/labs/${lab.id}`, { capacity: 3 }), 403)
    expectProblem(await ctx.anonymous.patch(`/labs/${lab.id}`, { capacity: 3 }), 401)
    expect((await ctx.anonymous.get(`/labs/${lab.id}`)).body.capacity).toBe(lab.capacity)
  })

  it('PATCH changes the policy and checks min ≤ max against the stored values', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id, min_duration_minutes: 60, max_duration_minutes: 180 })
    const { user: operator } = await ctx.make.operatorStaff(hub.id)
    const op = await ctx.as(operator)
    const res = await op.patch(`/labs/${lab.id}`, { requiresGrant: true, capacity: 20, description: null })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: lab.id, requiresGrant: true, capacity: 20, description: null, minDurationMinutes: 60 })
    expectProblem(await op.patch(`/labs/${lab.id}`, { minDurationMinutes: 240 }), 400)
    expectProblem(await op.patch(`/labs/${lab.id}`, { type: 'spa' }), 400)
    expectProblem(await op.patch('/labs/00000000-0000-4000-8000-000000000000', { capacity: 2 }), 404)
    expectProblem(await ctx.anonymous.get('/labs/00000000-0000-4000-8000-000000000000'), 404)
  })

  it('filters by hub, type, area and minimum capacity', async () => {
    const area = await ctx.make.area()
    const hubA = await ctx.make.hub({ area_id: area.id })
    const hubB = await ctx.make.hub({ area_id: area.id })
    const small = await ctx.make.lab({ hub_id: hubA.id, type: 'tailoring', capacity: 6 })
    const big = await ctx.make.lab({ hub_id: hubA.id, type: 'tailoring', capacity: 20 })
    const it_ = await ctx.make.lab({ hub_id: hubB.id, type: 'it', capacity: 24 })
    await ctx.make.lab({ type: 'tailoring', capacity: 50 })
    const ids = (res: { body: Array<{ id: string }> }) => res.body.map((l) => l.id).sort()

    expect(ids(await ctx.anonymous.get(`/labs?areaId=${area.id}`))).toEqual([small.id, big.id, it_.id].sort())
    expect(ids(await ctx.anonymous.get(`/labs?hubId=${hubA.id}`))).toEqual([small.id, big.id].sort())
    expect(ids(await ctx.anonymous.get(`/labs?areaId=${area.id}&type=tailoring`))).toEqual([small.id, big.id].sort())
    expect(ids(await ctx.anonymous.get(`/labs?areaId=${area.id}&minCapacity=20`))).toEqual([big.id, it_.id].sort())
    const all = await ctx.anonymous.get('/labs?type=tailoring&limit=1000')
    expect(all.body.every((l: { type: string }) => l.type === 'tailoring')).toBe(true)
    expectProblem(await ctx.anonymous.get('/labs?type=sauna'), 400)
    expectProblem(await ctx.anonymous.get('/labs?minCapacity=many'), 400)
    expectProblem(await ctx.anonymous.get('/labs?limit=5000'), 400)
  })

  it('leaves an audit trail of catalogue changes', async () => {
    const hub = await ctx.make.hub()
    const res = await admin.post('/labs', { hubId: hub.id, name: 'Orto', type: 'gardening', capacity: 10 })
    const rows = await ctx.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', res.body.id).execute()
    expect(rows).toEqual([{ action: 'lab.created', entity: 'lab' }])
    expect(ctx.errors).toEqual([])
  })
})
