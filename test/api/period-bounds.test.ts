import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HORIZON_FUTURE_YEARS, HORIZON_PAST_YEARS } from '../../backend/features/bookings/period-bounds.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

// Every request that names a slot or a period is bounded before any work is done: a 100-year occurrence
// used to hold the process for seconds (and /health behind it).

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const refused = (res: { status: number; body: { errors?: Array<{ path: string }> } }, path: string) => {
  expect(res.status).toBe(400)
  expect(res.body.errors?.map((e) => e.path)).toContain(path)
}

describe('bounded periods', () => {
  it('availability search: an occurrence longer than a day (no lab maximum) or out of the horizon is 400, at once', async () => {
    const lab = await ctx.make.lab({ type: 'it' })
    const search = (q: string) => ctx.anonymous.get(`/availability?hubId=${lab.hub_id}&${q}`)
    refused(await search('start=2027-02-01T10:00&end=2127-02-01T11:00&rrule=FREQ=DAILY;COUNT=366'), 'end')
    refused(await search('start=1927-02-01T10:00&end=1927-02-01T11:00&rrule=FREQ=DAILY;COUNT=366'), 'start')
    refused(await search('start=2027-02-01T10:00&end=2027-02-02T10:01'), 'end')
    const fine = await search('start=2027-02-01T10:00&end=2027-02-01T12:00&rrule=FREQ=DAILY;COUNT=3')
    expect(fine.status).toBe(200)
    expect(fine.body[0]).toMatchObject({ total: 3 })
    expect(ctx.errors).toEqual([])
  })

  it('the limit is the longest maximum duration among the labs searched', async () => {
    const lab = await ctx.make.lab({ type: 'gardening', max_duration_minutes: 600 })
    const search = (end: string) => ctx.anonymous.get(`/availability?hubId=${lab.hub_id}&start=2027-02-01T08:00&end=${end}`)
    expect((await search('2027-02-01T18:00')).status).toBe(200)
    refused(await search('2027-02-01T18:01'), 'end')
  })

  it('bookings, moves and the waitlist refuse a 100-year occurrence with 400 (not a slow 409)', async () => {
    const lab = await ctx.make.lab()
    const { user, teamId } = await ctx.make.member()
    const member = await ctx.as(user)
    refused(
      await member.post('/bookings', { labId: lab.id, teamId, title: 'Secolo', start: '2027-02-01T10:00', end: '2127-02-01T11:00' }),
      'end',
    )
    refused(await member.post('/waitlist', { labId: lab.id, teamId, start: '2027-02-01T10:00', end: '2127-02-01T11:00' }), 'end')
    const booked = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Corso',
      start: '2027-02-02T10:00',
      end: '2027-02-02T12:00',
    })
    expect(booked.status).toBe(201)
    refused(await member.patch(`/bookings/${booked.body.bookings[0].id}`, { end: '2127-02-02T12:00' }), 'end')
  })

  it('lab availability and closures stay within the horizon', async () => {
    const lab = await ctx.make.lab()
    refused(await ctx.anonymous.get(`/labs/${lab.id}/availability?from=1927-02-01&to=1927-02-08`), 'from')
    const admin = await ctx.as(await ctx.make.admin())
    refused(await admin.post('/closures', { hubId: lab.hub_id, start: '2027-02-01', end: '2127-02-01', reason: 'Per sempre' }), 'end')
    expect(HORIZON_PAST_YEARS).toBeGreaterThan(0)
    expect(HORIZON_FUTURE_YEARS).toBeGreaterThan(0)
  })
})
