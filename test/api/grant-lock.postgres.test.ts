import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { deferred } from '../helpers/deferred.ts'

// Issue 18 item 3: a booking takes its team's grant lock only when one of the team's grants can cover it.
// `*.postgres.test.ts`: the embedded engine has one connection, so no other transaction can hold the lock.

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('the grant lock', () => {
  it('is not waited for by a booking that none of the team’s grants covers', async () => {
    const hub = await ctx.make.hub()
    const kitchen = await ctx.make.lab({ hub_id: hub.id, type: 'kitchen' })
    const itLab = await ctx.make.lab({ hub_id: hub.id, type: 'it' })
    const { user, teamId } = await ctx.make.member()
    await ctx.make.grant({ team_id: teamId, hours: 10, from_date: '2027-01-01', to_date: '2027-12-31', lab_type: 'kitchen' })
    const team = await ctx.as(user)
    const released = deferred()
    const isLocked = deferred()
    // Another transaction holds the team's grants locked until the booking below has answered.
    const holder = ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('grants').select('id').where('team_id', '=', teamId).forUpdate().execute()
      isLocked.resolve()
      await released.promise
    })
    await isLocked.promise
    try {
      const res = await team.post('/bookings', {
        labId: itLab.id,
        teamId,
        title: 'Corso',
        start: '2027-10-19T18:00',
        end: '2027-10-19T20:00',
      })
      expect(res.status).toBe(201)
    } finally {
      released.resolve()
      await holder
    }
    // The covered lab still draws on the grant, under its lock.
    const covered = await team.post('/bookings', {
      labId: kitchen.id,
      teamId,
      title: 'Corso',
      start: '2027-10-19T18:00',
      end: '2027-10-19T20:00',
    })
    expect(covered.status).toBe(201)
    expect(ctx.errors).toEqual([])
  })
})
