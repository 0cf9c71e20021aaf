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
})
