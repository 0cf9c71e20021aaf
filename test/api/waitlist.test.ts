import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function team() {
  const { user, teamId } = await ctx.make.member()
  return { teamId, client: await ctx.as(user) }
}

/** A lab of the usual world (test/helpers/factories.ts), its operator, and three teams: one holds the slot. */
async function world(lab: Parameters<TestContext['make']['lab']>[0] = {}) {
  const { hub, lab: theLab, operator } = await ctx.make.world({ lab })
  return { hub, lab: theLab, holder: await team(), first: await team(), second: await team(), operator }
}

const SLOT = { start: '2027-10-19T18:00', end: '2027-10-19T20:00' }

async function waitlistRow(id: string) {
  return ctx.db.selectFrom('waitlist').select(['status', 'booking_id']).where('id', '=', id).executeTakeFirstOrThrow()
}

describe('POST /waitlist', () => {
  it('queues a team for a taken slot; a free slot is to be booked directly; a closed one is refused', async () => {
    const w = await world()
    const held = await w.holder.client.post('/bookings', { labId: w.lab.id, teamId: w.holder.teamId, title: 'Corso', ...SLOT })
    expect(held.status).toBe(201)
    const res = await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.first.teamId, ...SLOT })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      labId: w.lab.id,
      teamId: w.first.teamId,
      start: '2027-10-19T18:00:00+02:00',
      end: '2027-10-19T20:00:00+02:00',
      status: 'waiting',
      bookingId: null,
    })
    const free = await w.first.client.post('/waitlist', {
      labId: w.lab.id,
      teamId: w.first.teamId,
      start: '2027-10-20T18:00',
      end: '2027-10-20T20:00',
    })
    expect(free.status).toBe(409)
    const sunday = await w.first.client.post('/waitlist', {
      labId: w.lab.id,
      teamId: w.first.teamId,
      start: '2027-10-24T18:00',
      end: '2027-10-24T20:00',
    })
    expect(sunday.status).toBe(409)
    expect(sunday.body.conflicts[0].reason).toBe('outside_opening_hours')
    expect((await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.second.teamId, ...SLOT })).status).toBe(403)
    expect(
      (await w.first.client.post('/waitlist', { labId: '00000000-0000-4000-8000-000000000000', teamId: w.first.teamId, ...SLOT })).status,
    ).toBe(404)
    expect((await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.first.teamId })).status).toBe(400)
  })
})

describe('promotion from the waitlist', () => {
  it('a cancellation books the oldest waiting request that now fits, in the same transaction, and tells its team', async () => {
    const w = await world()
    const held = await w.holder.client.post('/bookings', { labId: w.lab.id, teamId: w.holder.teamId, title: 'Corso', ...SLOT })
    const first = await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.first.teamId, title: 'Cena sociale', ...SLOT })
    const second = await w.second.client.post('/waitlist', { labId: w.lab.id, teamId: w.second.teamId, ...SLOT })
    const outbox = await ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()

    const cancelled = await w.holder.client.post(`/bookings/${held.body.bookings[0].id}/cancel`, { scope: 'occurrence' })
    expect(cancelled.status).toBe(200)

    const promoted = await waitlistRow(first.body.id)
    expect(promoted.status).toBe('promoted')
    expect(promoted.booking_id).toEqual(expect.any(String))
    expect((await waitlistRow(second.body.id)).status).toBe('waiting')
    const booking = await w.first.client.get(`/bookings/${promoted.booking_id}`)
    expect(booking.body).toMatchObject({
      teamId: w.first.teamId,
      title: 'Cena sociale',
      start: '2027-10-19T18:00:00+02:00',
      status: 'confirmed',
    })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', first.body.id).execute()
    expect(audit.map((a) => a.action)).toContain('waitlist.promoted')
    const after = await ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBeGreaterThan(Number(outbox.n))
    const listed = await w.first.client.get(`/waitlist?teamId=${w.first.teamId}`)
    expect(listed.body).toEqual([expect.objectContaining({ id: first.body.id, status: 'promoted', bookingId: promoted.booking_id })])
  })

  it('skips an older request that still does not fit; the promoted booking follows the lab’s approval policy', async () => {
    const w = await world({ approval_required: true })
    const held = await w.operator.post('/bookings', { labId: w.lab.id, title: 'Corso', ...SLOT })
    const next = await w.operator.post('/bookings', { labId: w.lab.id, title: 'Dopo', start: '2027-10-19T20:00', end: '2027-10-19T21:00' })
    expect(next.status).toBe(201)
    // The older request reaches into the next booking too; the younger fits the freed slot.
    const older = await w.first.client.post('/waitlist', {
      labId: w.lab.id,
      teamId: w.first.teamId,
      start: '2027-10-19T19:00',
      end: '2027-10-19T21:00',
    })
    const younger = await w.second.client.post('/waitlist', {
      labId: w.lab.id,
      teamId: w.second.teamId,
      start: '2027-10-19T18:00',
      end: '2027-10-19T19:30',
    })
    await w.operator.post(`/bookings/${held.body.bookings[0].id}/cancel`, {})
    expect((await waitlistRow(older.body.id)).status).toBe('waiting')
    const promoted = await waitlistRow(younger.body.id)
    expect(promoted.status).toBe('promoted')
    const booking = await ctx.db
      .selectFrom('bookings')
      .select(['status', 'team_id'])
      .where('id', '=', promoted.booking_id ?? '')
      .executeTakeFirstOrThrow()
    expect(booking).toEqual({ status: 'pending', team_id: w.second.teamId })
  })

  it('a rejection and a move away free the slot too', async () => {
    const w = await world({ approval_required: true })
    const pending = await w.holder.client.post('/bookings', { labId: w.lab.id, teamId: w.holder.teamId, title: 'Corso', ...SLOT })
    const queued = await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.first.teamId, ...SLOT })
    await w.operator.post(`/bookings/${pending.body.bookings[0].id}/reject`, { reason: 'Lab riservato' })
    expect((await waitlistRow(queued.body.id)).status).toBe('promoted')

    const other = { start: '2027-10-21T10:00', end: '2027-10-21T12:00' }
    const mine = await w.operator.post('/bookings', { labId: w.lab.id, title: 'Riunione', ...other })
    const waiting = await w.second.client.post('/waitlist', { labId: w.lab.id, teamId: w.second.teamId, ...other })
    await w.operator.patch(`/bookings/${mine.body.bookings[0].id}`, { start: '2027-10-22T10:00', end: '2027-10-22T12:00' })
    expect((await waitlistRow(waiting.body.id)).status).toBe('promoted')
  })
})

describe('reading and leaving the waitlist', () => {
  it('a team sees its own requests; staff their hubs’; leaving is a 204, once', async () => {
    const w = await world()
    await w.holder.client.post('/bookings', { labId: w.lab.id, teamId: w.holder.teamId, title: 'Corso', ...SLOT })
    const queued = await w.first.client.post('/waitlist', { labId: w.lab.id, teamId: w.first.teamId, ...SLOT })
    expect((await w.second.client.get('/waitlist')).body).toEqual([])
    expect((await w.operator.get(`/waitlist?labId=${w.lab.id}`)).body.map((r: { id: string }) => r.id)).toEqual([queued.body.id])
    expect((await w.second.client.delete(`/waitlist/${queued.body.id}`)).status).toBe(404)
    expect((await w.first.client.delete(`/waitlist/${queued.body.id}`)).status).toBe(204)
    expect((await waitlistRow(queued.body.id)).status).toBe('cancelled')
    expect((await w.first.client.delete(`/waitlist/${queued.body.id}`)).status).toBe(409)
    expect((await ctx.anonymous.get('/waitlist')).status).toBe(401)
  })
})
