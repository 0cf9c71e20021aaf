import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('GET /labs/:id/availability', () => {
  it('busy is bookings and closures (no titles, no teams); free is opening hours minus them; public', async () => {
    const hub = await ctx.make.hub({
      opening: [
        { weekday: 2, open: '09:00', close: '13:00' },
        { weekday: 2, open: '14:00', close: '18:00' },
        { weekday: 3, open: '09:00', close: '18:00' },
      ],
    })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const { user, teamId } = await ctx.make.member()
    const member = await ctx.as(user)
    const booked = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Segreto',
      start: '2027-10-19T10:00',
      end: '2027-10-19T11:30',
    })
    expect(booked.status).toBe(201)
    await ctx.db
      .insertInto('closures')
      .values({ lab_id: lab.id, during: sql<string>`tstzrange('2027-10-20 12:00+02', '2027-10-20 15:00+02')`, reason: 'Disinfestazione' })
      .execute()

    const res = await ctx.anonymous.get(`/labs/${lab.id}/availability?from=2027-10-19&to=2027-10-21`)
    expect(res.status).toBe(200)
    expect(res.body.busy).toEqual([
      { start: '2027-10-19T10:00:00+02:00', end: '2027-10-19T11:30:00+02:00', kind: 'booking' },
      { start: '2027-10-20T12:00:00+02:00', end: '2027-10-20T15:00:00+02:00', kind: 'closure' },
    ])
    expect(res.body.free).toEqual([
      { start: '2027-10-19T09:00:00+02:00', end: '2027-10-19T10:00:00+02:00' },
      { start: '2027-10-19T11:30:00+02:00', end: '2027-10-19T13:00:00+02:00' },
      { start: '2027-10-19T14:00:00+02:00', end: '2027-10-19T18:00:00+02:00' },
      { start: '2027-10-20T09:00:00+02:00', end: '2027-10-20T12:00:00+02:00' },
      { start: '2027-10-20T15:00:00+02:00', end: '2027-10-20T18:00:00+02:00' },
    ])
    expect(res.text).not.toContain('Segreto')
    expect(res.text).not.toContain(teamId)
  })

  it('keeps the opening hours in local time across the end of summer time, and clips to the window', async () => {
    const hub = await ctx.make.hub({ opening: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '20:00' })) })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const res = await ctx.anonymous.get(`/labs/${lab.id}/availability?from=2027-10-30T12:00&to=2027-11-01`)
    expect(res.body.free).toEqual([
      { start: '2027-10-30T12:00:00+02:00', end: '2027-10-30T20:00:00+02:00' },
      { start: '2027-10-31T08:00:00+01:00', end: '2027-10-31T20:00:00+01:00' },
    ])
  })

  it('refuses a window that is backwards or longer than 93 days; an unknown lab is 404', async () => {
    const lab = await ctx.make.lab()
    expect((await ctx.anonymous.get(`/labs/${lab.id}/availability?from=2027-10-21&to=2027-10-20`)).status).toBe(400)
    expect((await ctx.anonymous.get(`/labs/${lab.id}/availability?from=2027-01-01&to=2027-06-01`)).status).toBe(400)
    expect((await ctx.anonymous.get(`/labs/${lab.id}/availability?from=lunedì`)).status).toBe(400)
    expect((await ctx.anonymous.get('/labs/00000000-0000-4000-8000-000000000000/availability')).status).toBe(404)
  })
})

describe('GET /availability: which lab is free every Tuesday 14–17?', () => {
  async function kitchens() {
    const area = await ctx.make.area()
    const hubA = await ctx.make.hub({ area_id: area.id })
    const hubB = await ctx.make.hub({ area_id: area.id })
    const free = await ctx.make.lab({ hub_id: hubA.id, type: 'kitchen', name: 'Cucina libera', capacity: 20 })
    const busy = await ctx.make.lab({ hub_id: hubA.id, type: 'kitchen', name: 'Cucina occupata', capacity: 12 })
    const closed = await ctx.make.lab({ hub_id: hubB.id, type: 'kitchen', name: 'Cucina chiusa', capacity: 8 })
    const it = await ctx.make.lab({ hub_id: hubB.id, type: 'it', name: 'Aula informatica' })
    const admin = await ctx.as(await ctx.make.admin())
    // One Tuesday taken in the busy kitchen, two Tuesdays closed in the other hub.
    expect((await admin.post('/bookings', { labId: busy.id, title: 'x', start: '2028-03-14T15:00', end: '2028-03-14T16:00' })).status).toBe(
      201,
    )
    expect((await admin.post('/closures', { hubId: hubB.id, start: '2028-03-21', end: '2028-03-29', reason: 'Lavori' })).status).toBe(201)
    return { area, hubA, hubB, free, busy, closed, it }
  }

  const query = (params: Record<string, string | number>) =>
    `/availability?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`

  it('ranks the labs of a type by how many occurrences are free', async () => {
    const k = await kitchens()
    const res = await ctx.anonymous.get(
      query({
        type: 'kitchen',
        areaId: k.area.id,
        start: '2028-03-07T14:00',
        end: '2028-03-07T17:00',
        rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20280530',
      }),
    )
    expect(res.status).toBe(200)
    expect(res.body.map((r: { lab: { name: string }; free: number; total: number }) => [r.lab.name, r.free, r.total])).toEqual([
      ['Cucina libera', 13, 13],
      ['Cucina occupata', 12, 13],
      ['Cucina chiusa', 11, 13],
    ])
    expect(res.body[0].lab).toMatchObject({ id: k.free.id, hubId: k.hubA.id, type: 'kitchen', capacity: 20 })
    expect(res.body[0].conflicts).toEqual([])
    expect(res.body[1].conflicts).toEqual([{ start: '2028-03-14T14:00:00+01:00', end: '2028-03-14T17:00:00+01:00', reason: 'booking' }])
    expect(res.body[2].conflicts.map((c: { start: string; reason: string }) => [c.start, c.reason])).toEqual([
      ['2028-03-21T14:00:00+01:00', 'closure'],
      ['2028-03-28T14:00:00+02:00', 'closure'],
    ])
  })

  it('filters by hub, capacity and equipment; a single slot without rrule', async () => {
    const k = await kitchens()
    const byHub = await ctx.anonymous.get(query({ hubId: k.hubB.id, start: '2028-03-07T14:00', end: '2028-03-07T17:00' }))
    expect(byHub.body.map((r: { lab: { id: string } }) => r.lab.id).sort()).toEqual([k.closed.id, k.it.id].sort())
    expect(byHub.body[0]).toMatchObject({ free: 1, total: 1 })
    const big = await ctx.anonymous.get(
      query({ areaId: k.area.id, type: 'kitchen', minCapacity: 12, start: '2028-03-07T14:00', end: '2028-03-07T17:00' }),
    )
    expect(big.body.map((r: { lab: { id: string } }) => r.lab.id)).toEqual([k.free.id, k.busy.id])

    const oven = await ctx.make.equipmentType()
    await ctx.make.asset({ type_id: oven.id, lab_id: k.busy.id })
    await ctx.make.asset({ type_id: oven.id, lab_id: k.busy.id })
    await ctx.make.asset({ type_id: oven.id, lab_id: k.free.id })
    const withOvens = await ctx.anonymous.get(
      query({
        areaId: k.area.id,
        type: 'kitchen',
        equipmentTypeId: oven.id,
        quantity: 2,
        start: '2028-03-07T14:00',
        end: '2028-03-07T17:00',
      }),
    )
    const ranked = withOvens.body.map((r: { lab: { id: string }; free: number }) => [r.lab.id, r.free])
    expect(ranked[0]).toEqual([k.busy.id, 1])
    expect(ranked.slice(1).sort()).toEqual(
      [
        [k.free.id, 0],
        [k.closed.id, 0],
      ].sort(),
    )
    expect(withOvens.body[1].conflicts.map((c: { reason: string }) => c.reason)).toEqual(['equipment_unavailable'])
  })

  it('counts the equipment per occurrence: allocations and maintenance in the way, released ones not; the same on both paths', async () => {
    const area = await ctx.make.area()
    const hub = await ctx.make.hub({ area_id: area.id })
    const two = await ctx.make.lab({ hub_id: hub.id, type: 'kitchen', name: 'Due forni' })
    const one = await ctx.make.lab({ hub_id: hub.id, type: 'kitchen', name: 'Un forno' })
    const oven = await ctx.make.equipmentType()
    const [o1, o2, o3] = [
      await ctx.make.asset({ type_id: oven.id, lab_id: two.id }),
      await ctx.make.asset({ type_id: oven.id, lab_id: two.id }),
      await ctx.make.asset({ type_id: oven.id, lab_id: one.id }),
    ]
    const range = (from: string, to: string) => sql<string>`tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`
    // 14 March: o1 lent to a booking of the other lab; 21 March: o2 and o3 in maintenance; 28 March: o1's loan released
    const loan = await ctx.make.booking({ lab_id: one.id, start: '2028-03-14T15:00', end: '2028-03-14T16:00' })
    const returned = await ctx.make.booking({ lab_id: one.id, start: '2028-03-28T09:00', end: '2028-03-28T10:00', status: 'cancelled' })
    await ctx.db
      .insertInto('equipment_allocations')
      .values([
        { asset_id: o1.id, booking_id: loan.id, during: range('2028-03-14 15:00+01', '2028-03-14 16:00+01') },
        { asset_id: o1.id, booking_id: returned.id, during: range('2028-03-28 14:00+02', '2028-03-28 18:00+02'), released_at: new Date() },
      ])
      .execute()
    await ctx.db
      .insertInto('maintenance_windows')
      .values([
        { asset_id: o2.id, during: range('2028-03-21 10:00+01', '2028-03-21 14:30+01'), reason: 'Revisione' },
        { asset_id: o3.id, during: range('2028-03-21 16:59+01', '2028-03-21 18:00+01'), reason: 'Revisione' },
      ])
      .execute()
    const slot = {
      type: 'kitchen',
      start: '2028-03-07T14:00',
      end: '2028-03-07T17:00',
      rrule: 'FREQ=WEEKLY;COUNT=4',
      equipmentTypeId: oven.id,
    }
    const short = (body: Array<{ lab: { id: string }; free: number; conflicts: Array<{ start: string; reason: string }> }>, id: string) => {
      const r = body.find((x) => x.lab.id === id)
      return [r?.free, r?.conflicts.map((c) => `${c.start.slice(5, 10)} ${c.reason}`)]
    }
    const inRome = async (quantity: number) => (await ctx.anonymous.get(query({ ...slot, areaId: area.id, quantity }))).body
    const two2 = await inRome(2)
    expect(short(two2, two.id)).toEqual([2, ['03-14 equipment_unavailable', '03-21 equipment_unavailable']])
    expect(short(two2, one.id)).toEqual([
      0,
      [
        '03-07 equipment_unavailable',
        '03-14 booking',
        '03-14 equipment_unavailable',
        '03-21 equipment_unavailable',
        '03-28 equipment_unavailable',
      ],
    ])
    const two1 = await inRome(1)
    expect(short(two1, two.id)).toEqual([4, []])
    expect(short(two1, one.id)).toEqual([2, ['03-14 booking', '03-21 equipment_unavailable']])

    // a kitchen in London among the labs: the labs are read first, their equipment after (equipmentShortfall)
    await ctx.make.lab({ hub_id: (await ctx.make.hub({ timezone: 'Europe/London' })).id, type: 'kitchen' })
    for (const [quantity, rome] of [
      [2, two2],
      [1, two1],
    ] as const) {
      const everywhere = (await ctx.anonymous.get(query({ ...slot, quantity, limit: 500 }))).body
      expect(short(everywhere, two.id)).toEqual(short(rome, two.id))
      expect(short(everywhere, one.id)).toEqual(short(rome, one.id))
    }
  })

  it('a lab whose hub lies in another zone is searched in its own local time, beside the labs in Rome', async () => {
    const area = await ctx.make.area()
    const rome = await ctx.make.lab({ hub_id: (await ctx.make.hub({ area_id: area.id })).id, type: 'kitchen' })
    const london = await ctx.make.lab({ hub_id: (await ctx.make.hub({ area_id: area.id, timezone: 'Europe/London' })).id, type: 'kitchen' })
    const admin = await ctx.as(await ctx.make.admin())
    // 16–17 in London is 17–18 in Rome: in the way of London's 14–17, not of Rome's.
    for (const [lab, start, end] of [
      [london, '2028-03-14T16:00', '2028-03-14T17:00'],
      [rome, '2028-03-21T16:00', '2028-03-21T17:00'],
    ] as const) {
      expect((await admin.post('/bookings', { labId: lab.id, title: 'x', start, end })).status).toBe(201)
    }
    const res = await ctx.anonymous.get(
      query({ areaId: area.id, type: 'kitchen', start: '2028-03-07T14:00', end: '2028-03-07T17:00', rrule: 'FREQ=WEEKLY;COUNT=3' }),
    )
    expect(res.status).toBe(200)
    const of = (id: string) => res.body.find((r: { lab: { id: string } }) => r.lab.id === id)
    expect(of(london.id)).toMatchObject({ free: 2, total: 3 })
    expect(of(london.id).conflicts).toEqual([{ start: '2028-03-14T14:00:00+00:00', end: '2028-03-14T17:00:00+00:00', reason: 'booking' }])
    expect(of(rome.id)).toMatchObject({ free: 2, total: 3 })
    expect(of(rome.id).conflicts).toEqual([{ start: '2028-03-21T14:00:00+01:00', end: '2028-03-21T17:00:00+01:00', reason: 'booking' }])
  })

  it('refuses a bad rule or a missing start with 400; no lab matching is an empty list', async () => {
    const k = await kitchens()
    const bad = await ctx.anonymous.get(
      query({ areaId: k.area.id, start: '2028-03-07T14:00', end: '2028-03-07T17:00', rrule: 'FREQ=HOURLY;COUNT=3' }),
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('rrule')
    expect((await ctx.anonymous.get(query({ areaId: k.area.id, end: '2028-03-07T17:00' }))).status).toBe(400)
    const none = await ctx.anonymous.get(
      query({ areaId: k.area.id, type: 'gardening', start: '2028-03-07T14:00', end: '2028-03-07T17:00' }),
    )
    expect(none.status).toBe(200)
    expect(none.body).toEqual([])
  })
})
