import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

/** Grants through the booking engine: quota checks, races, and accounting through the booking's life. */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function teamWithGrant(hours: number, o: { labType?: 'kitchen' | 'it' } = {}) {
  const hub = await ctx.make.hub()
  const { user, teamId } = await ctx.make.member()
  const grant = await ctx.make.grant({ team_id: teamId, hours, lab_type: o.labType ?? null })
  return { hub, teamId, grant, team: await ctx.as(user) }
}

const grantOf = async (client: Awaited<ReturnType<typeof ctx.as>>, teamId: string, grantId: string) =>
  (await client.get(`/teams/${teamId}/grants`)).body.find((g: { id: string }) => g.id === grantId)

describe('grants and bookings', () => {
  it('accounts booked hours, gives them back on cancellation, and counts completed ones as used', async () => {
    const { hub, teamId, grant, team } = await teamWithGrant(10)
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const booked = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Sartoria',
      start: '2027-10-19T10:00',
      end: '2027-10-19T13:00',
    })
    expect(booked.status).toBe(201)
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hours: 10, hoursBooked: 3, hoursUsed: 0, hoursRemaining: 7 })

    const cancelled = await team.post(`/bookings/${booked.body.bookings[0].id}/cancel`, { scope: 'occurrence' })
    expect(cancelled.status).toBe(200)
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 0, hoursRemaining: 10 })

    // Staff record a past booking of the team and its attendance: booked and used.
    const staff = await ctx.as((await ctx.make.operatorStaff(hub.id)).user)
    const past = await staff.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Svolto',
      start: '2026-10-06T10:00',
      end: '2026-10-06T12:30',
    })
    expect(past.status).toBe(201)
    const attended = await staff.post(`/bookings/${past.body.bookings[0].id}/attendance`, { participants: 8 })
    expect(attended.status).toBe(200)
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 2.5, hoursUsed: 2.5, hoursRemaining: 7.5 })
  })

  it('refuses the occurrences of a series beyond the remaining hours, all or nothing', async () => {
    const { hub, teamId, grant, team } = await teamWithGrant(5)
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const body = {
      labId: lab.id,
      teamId,
      title: 'Corso settimanale',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
    }
    const refused = await team.post('/bookings', body)
    expect(refused.status).toBe(409)
    expect(refused.body.conflicts).toEqual([expect.objectContaining({ start: '2027-11-02T10:00:00+01:00', reason: 'quota_exceeded' })])
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 0 })
    const partial = await team.post('/bookings', { ...body, skipConflicts: true })
    expect(partial.status).toBe(201)
    expect(partial.body.bookings).toHaveLength(2)
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 4, hoursRemaining: 1 })
  })

  it('refuses a booking that no grant covers in a lab that requires one', async () => {
    const { hub, teamId, team } = await teamWithGrant(10, { labType: 'it' })
    const strict = await ctx.make.lab({ hub_id: hub.id, type: 'kitchen', requires_grant: true })
    const res = await team.post('/bookings', {
      labId: strict.id,
      teamId,
      title: 'Cucina',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
    })
    expect(res.status).toBe(409)
    expect(res.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['no_grant'])
    const it = await ctx.make.lab({ hub_id: hub.id, type: 'it', requires_grant: true })
    expect(
      (await team.post('/bookings', { labId: it.id, teamId, title: 'Informatica', start: '2027-10-19T10:00', end: '2027-10-19T12:00' }))
        .status,
    ).toBe(201)
  })

  it('books the last hours once when several bookings race for them', async () => {
    const { hub, teamId, grant, team } = await teamWithGrant(2)
    const labs = await Promise.all([1, 2, 3].map(() => ctx.make.lab({ hub_id: hub.id })))
    const results = await Promise.all(
      labs.map((lab, i) =>
        team.post('/bookings', { labId: lab.id, teamId, title: `Corsa ${i}`, start: '2027-10-21T10:00', end: '2027-10-21T12:00' }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['quota_exceeded'])
    }
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 2, hoursRemaining: 0 })
  })

  it('does not count a booking’s own hours when it is moved', async () => {
    const { hub, teamId, grant, team } = await teamWithGrant(2)
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const booked = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Da spostare',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
    })
    const moved = await team.patch(`/bookings/${booked.body.bookings[0].id}`, { start: '2027-10-20T15:00', end: '2027-10-20T17:00' })
    expect(moved.status).toBe(200)
    expect(await grantOf(team, teamId, grant.id)).toMatchObject({ hoursBooked: 2, hoursRemaining: 0 })
    const longer = await team.patch(`/bookings/${booked.body.bookings[0].id}`, { end: '2027-10-20T18:00' })
    expect(longer.status).toBe(409)
  })
})
