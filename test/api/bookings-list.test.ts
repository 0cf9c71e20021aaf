import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** What a list of bookings says about each (issue 12, item 8): its series' rule and the equipment it booked. */
describe('GET /bookings', () => {
  it('carries the rule of each booking’s series with its first times, and the equipment booked', async () => {
    const w = await ctx.make.world()
    const kettle = await ctx.make.equipmentType({ name: 'Bollitore' })
    await ctx.make.asset({ type_id: kettle.id, lab_id: w.lab.id, asset_tag: `B-${Math.random()}` })
    const series = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso del martedì',
      start: '2027-10-19T14:00',
      end: '2027-10-19T17:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T225959Z' },
      equipment: [{ typeId: kettle.id, quantity: 1 }],
    })
    expect(series.status).toBe(201)
    const single = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Riunione',
      start: '2027-10-20T10:00',
      end: '2027-10-20T11:00',
    })
    expect(single.status).toBe(201)

    const res = await w.member.get(`/bookings?teamId=${w.teamId}&from=2027-10-18&to=2027-11-10`)
    expect(res.status).toBe(200)
    const list = res.body as Array<{
      title: string
      seriesId: string | null
      series: { rrule: string; start: string; end: string } | null
      equipment: Array<{ typeId: string; assetIds: string[] }>
    }>
    const course = list.filter((b) => b.title === 'Corso del martedì')
    expect(course).toHaveLength(3)
    for (const b of course) {
      expect(b.series).toEqual({
        rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T225959Z',
        start: '2027-10-19T14:00:00+02:00',
        end: '2027-10-19T17:00:00+02:00',
      })
      expect(b.equipment).toEqual([{ typeId: kettle.id, assetIds: [expect.any(String)] }])
    }
    const meeting = list.find((b) => b.title === 'Riunione')
    expect(meeting?.series).toBeNull()
    expect(meeting?.seriesId).toBeNull()
  })
  it('says of each booking in the list what GET /bookings/:id says, its equipment in the same order (types by first tag, assets by tag)', async () => {
    const w = await ctx.make.world({ hub: { timezone: 'Europe/Rome' } })
    const tag = `${Math.random()}`
    const kettle = await ctx.make.equipmentType({ name: `Bollitore ${tag}` })
    const oven = await ctx.make.equipmentType({ name: `Forno ${tag}` })
    // tags whose order is neither the order of insertion nor of the ids
    const kettles = []
    for (const t of ['K-2', 'K-9', 'K-1'])
      kettles.push(await ctx.make.asset({ type_id: kettle.id, lab_id: w.lab.id, asset_tag: `${t}-${tag}` }))
    const ovens = []
    for (const t of ['A-7', 'A-3']) ovens.push(await ctx.make.asset({ type_id: oven.id, lab_id: w.lab.id, asset_tag: `${t}-${tag}` }))
    const series = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso',
      start: '2027-10-26T14:00',
      end: '2027-10-26T17:00',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
      equipment: [
        { typeId: kettle.id, quantity: 3 },
        { typeId: oven.id, quantity: 2 },
      ],
    })
    expect(series.status).toBe(201)
    const single = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Prova',
      start: '2027-10-27T10:00',
      end: '2027-10-27T11:00',
      equipment: [{ typeId: kettle.id, quantity: 1 }],
    })
    expect(single.status).toBe(201)
    const first = (series.body as { bookings: Array<{ id: string }> }).bookings[0].id
    expect((await w.member.post(`/bookings/${first}/cancel`, { scope: 'occurrence' })).status).toBe(200)

    const res = await w.admin.get(`/bookings?labId=${w.lab.id}&from=2027-10-25&to=2027-11-20`)
    expect(res.status).toBe(200)
    const list = res.body as Array<{ id: string; title: string; status: string; series: unknown; equipment: unknown }>
    expect(list).toHaveLength(4)
    for (const { series: rule, ...item } of list) {
      const one = await w.admin.get(`/bookings/${item.id}`)
      expect(item).toEqual(one.body)
      expect(rule === null).toBe(item.title === 'Prova')
    }
    const live = list.find((b) => b.title === 'Corso' && b.status !== 'cancelled')
    expect(live?.equipment).toEqual([
      { typeId: oven.id, assetIds: [ovens[1].id, ovens[0].id] },
      { typeId: kettle.id, assetIds: [kettles[2].id, kettles[0].id, kettles[1].id] },
    ])
    expect(list.find((b) => b.id === first)?.equipment).toEqual([])
  })
})
