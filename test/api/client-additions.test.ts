import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('GET /labs?equipmentTypeId', () => {
  it('lists only the labs holding enough assets of the type (retired ones do not count)', async () => {
    const hub = await ctx.make.hub()
    const type = await ctx.make.equipmentType()
    const one = await ctx.make.lab({ hub_id: hub.id })
    const two = await ctx.make.lab({ hub_id: hub.id })
    const retired = await ctx.make.lab({ hub_id: hub.id })
    const none = await ctx.make.lab({ hub_id: hub.id })
    await ctx.make.asset({ type_id: type.id, lab_id: one.id })
    await ctx.make.asset({ type_id: type.id, lab_id: two.id })
    await ctx.make.asset({ type_id: type.id, lab_id: two.id })
    await ctx.make.asset({ type_id: type.id, lab_id: retired.id, status: 'retired' })
    await ctx.make.asset({ type_id: (await ctx.make.equipmentType()).id, lab_id: none.id })

    const ids = (res: { body: Array<{ id: string }> }) => res.body.map((l) => l.id).sort()
    const any = await ctx.anonymous.get(`/labs?hubId=${hub.id}&equipmentTypeId=${type.id}`)
    expect(any.status).toBe(200)
    expect(ids(any)).toEqual([one.id, two.id].sort())
    expect(any.headers.get('x-total-count')).toBe('2')

    const two2 = await ctx.anonymous.get(`/labs?equipmentTypeId=${type.id}&equipmentQuantity=2`)
    expect(ids(two2)).toEqual([two.id])
    expect(two2.body[0]).toMatchObject({ id: two.id, hubId: hub.id, name: two.name })

    expect((await ctx.anonymous.get(`/labs?equipmentTypeId=${type.id}&equipmentQuantity=3`)).body).toEqual([])
    // Without the filter every lab of the hub is listed, as before.
    expect((await ctx.anonymous.get(`/labs?hubId=${hub.id}`)).body).toHaveLength(4)
  })

  it('refuses a bad type id, a bad quantity, and a quantity without a type (400)', async () => {
    const type = await ctx.make.equipmentType()
    for (const query of [
      'equipmentTypeId=nope',
      `equipmentTypeId=${type.id}&equipmentQuantity=0`,
      `equipmentTypeId=${type.id}&equipmentQuantity=1.5`,
      'equipmentQuantity=2',
    ]) {
      const res = await ctx.anonymous.get(`/labs?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.errors, query).toHaveLength(1)
    }
  })
})

describe('booking views name their lab, hub and team', () => {
  it('in the created booking, GET /bookings/:id and GET /bookings', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id, name: 'Cucina didattica' })
    const team = await ctx.make.team({ name: 'Associazione Pentole Aperte' })
    const { user } = await ctx.make.member(team.id)
    const member = await ctx.as(user)
    const created = await member.post('/bookings', {
      labId: lab.id,
      teamId: team.id,
      title: 'Corso',
      start: '2027-10-19T18:00',
      end: '2027-10-19T20:00',
    })
    expect(created.status).toBe(201)
    const named = { labId: lab.id, labName: 'Cucina didattica', hubId: hub.id, teamId: team.id, teamName: 'Associazione Pentole Aperte' }
    expect(created.body.bookings[0]).toMatchObject(named)

    const id = created.body.bookings[0].id
    expect((await member.get(`/bookings/${id}`)).body).toMatchObject(named)

    // Staff's internal use has no team: teamName is null.
    const admin = await ctx.as(await ctx.make.admin())
    const internal = await admin.post('/bookings', { labId: lab.id, title: 'Riunione', start: '2027-10-20T10:00', end: '2027-10-20T11:00' })
    expect(internal.status).toBe(201)
    expect(internal.body.bookings[0]).toMatchObject({ teamId: null, teamName: null, labName: 'Cucina didattica', hubId: hub.id })

    const list = await admin.get(`/bookings?labId=${lab.id}`)
    expect(list.status).toBe(200)
    expect(list.body.map((b: { title: string; teamName: string | null; labName: string }) => [b.title, b.teamName, b.labName])).toEqual([
      ['Corso', 'Associazione Pentole Aperte', 'Cucina didattica'],
      ['Riunione', null, 'Cucina didattica'],
    ])
  })
})

describe('GET /auth/session', () => {
  it('answers 200 with no user to an anonymous visitor, and the user once signed in', async () => {
    const anonymous = await ctx.anonymous.get('/auth/session')
    expect(anonymous.status).toBe(200)
    expect(anonymous.body).toEqual({ user: null })
    const { user } = await ctx.make.member()
    const member = await ctx.as(user)
    const signedIn = await member.get('/auth/session')
    expect(signedIn.status).toBe(200)
    expect((signedIn.body as { user: { id: string; email: string } }).user).toMatchObject({ id: user.id, email: user.email })
  })
})
