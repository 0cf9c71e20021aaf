import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** GET /reports/heatmap: the dashboard's booked hours by weekday and wall-clock hour, from the roll-up. */
describe('the heatmap report', () => {
  it('cuts bookings at wall-clock hours, across midnight and month ends, in the hub’s zone', async () => {
    const w = await ctx.make.world()
    const other = await ctx.make.lab({ hub_id: w.hub.id, type: 'it' })
    // Tuesday 19 October 2027, 18:30–20:00 (Rome): half an hour at 18, a whole one at 19
    await ctx.make.booking({ lab_id: w.lab.id, start: '2027-10-19T18:30', end: '2027-10-19T20:00', team_id: w.teamId })
    // Sunday 31 October 23:00 – Monday 1 November 01:15: the edge of a month, across midnight (and after the clocks
    // went back on the 31st: wall-clock hours all the same)
    await ctx.make.booking({ lab_id: other.id, start: '2027-10-31T23:00', end: '2027-11-01T01:15', status: 'completed' })
    // not booked time
    await ctx.make.booking({ lab_id: w.lab.id, start: '2027-10-20T10:00', end: '2027-10-20T12:00', status: 'cancelled' })
    await ctx.make.booking({ lab_id: w.lab.id, start: '2027-10-21T10:00', end: '2027-10-21T12:00', status: 'pending' })

    const res = await w.admin.get(`/reports/heatmap?from=2027-10-01&to=2027-12-01&hubId=${w.hub.id}`)
    expect(res.status).toBe(200)
    const { hours, totalHours } = res.body as { hours: number[][]; totalHours: number }
    expect(hours).toHaveLength(7)
    expect(hours[1][18]).toBe(0.5)
    expect(hours[1][19]).toBe(1)
    expect(hours[6][23]).toBe(1)
    expect(hours[0][0]).toBe(1)
    expect(hours[0][1]).toBe(0.25)
    expect(totalHours).toBe(3.75)
    expect(hours.flat().filter((h) => h > 0)).toHaveLength(5)

    // a period that ends on the Sunday keeps only that day's part; the type filter narrows to the other lab
    const sunday = (await w.admin.get(`/reports/heatmap?from=2027-10-25&to=2027-11-01&hubId=${w.hub.id}&type=it`)).body
    expect(sunday.totalHours).toBe(1)
    expect(sunday.hours[6][23]).toBe(1)
  })

  it('is for staff, within their hubs', async () => {
    const w = await ctx.make.world()
    const period = 'from=2027-10-01&to=2027-11-01'
    expect((await ctx.anonymous.get(`/reports/heatmap?${period}`)).status).toBe(401)
    expect((await w.member.get(`/reports/heatmap?${period}`)).status).toBe(403)
    expect((await w.operator.get(`/reports/heatmap?${period}&hubId=${w.hub.id}`)).status).toBe(200)
    const elsewhere = await ctx.make.hub()
    expect((await w.operator.get(`/reports/heatmap?${period}&hubId=${elsewhere.id}`)).status).toBe(403)
    expect((await w.admin.get('/reports/heatmap?from=2027-11-01&to=2027-10-01')).status).toBe(400)
  })
})
