import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tstzrange } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** The usual world (test/helpers/factories.ts) and a second lab in the hub. */
async function world() {
  const w = await ctx.make.world()
  return { ...w, sibling: await ctx.make.lab({ hub_id: w.hub.id }) }
}

async function outboxCount() {
  const row = await ctx.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('writing closures', () => {
  it('the hub’s operator closes its hub or one of its labs; answers in the hub’s zone', async () => {
    const w = await world()
    const res = await w.operator.post('/closures', {
      hubId: w.hub.id,
      start: '2027-11-03T08:00',
      end: '2027-11-03T23:00',
      reason: 'Assemblea di quartiere',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      hubId: w.hub.id,
      labId: null,
      start: '2027-11-03T08:00:00+01:00',
      end: '2027-11-03T23:00:00+01:00',
      reason: 'Assemblea di quartiere',
      cancelled: [],
    })
    const labClosure = await w.operator.post('/closures', {
      labId: w.lab.id,
      start: '2027-11-04',
      end: '2027-11-05',
      reason: 'Manutenzione',
    })
    expect(labClosure.status).toBe(201)
    expect(labClosure.body).toMatchObject({
      hubId: null,
      labId: w.lab.id,
      start: '2027-11-04T00:00:00+01:00',
      end: '2027-11-05T00:00:00+01:00',
    })
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(audit.action).toBe('closure.created')
  })

  it('only the Comune closes every hub; nobody closes hubs they do not manage', async () => {
    const w = await world()
    const everywhere = { start: '2028-04-25', end: '2028-04-26', reason: 'Festa della Liberazione' }
    expect((await w.operator.post('/closures', everywhere)).status).toBe(403)
    expect((await w.member.post('/closures', everywhere)).status).toBe(403)
    expect((await ctx.anonymous.post('/closures', everywhere)).status).toBe(401)
    const other = await ctx.make.hub()
    expect((await w.operator.post('/closures', { ...everywhere, hubId: other.id })).status).toBe(403)
    const global = await w.admin.post('/closures', everywhere)
    expect(global.status).toBe(201)
    expect(global.body).toMatchObject({ hubId: null, labId: null, start: '2028-04-25T00:00:00+02:00' })
  })

  it('validates its input', async () => {
    const w = await world()
    const base = { start: '2027-11-10T08:00', end: '2027-11-10T12:00', reason: 'Chiuso' }
    expect((await w.admin.post('/closures', { ...base, hubId: w.hub.id, labId: w.lab.id })).status).toBe(400)
    expect((await w.admin.post('/closures', { ...base, hubId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    expect((await w.admin.post('/closures', { ...base, labId: w.lab.id, end: '2027-11-10T07:00' })).status).toBe(400)
    expect((await w.admin.post('/closures', { ...base, labId: w.lab.id, reason: '' })).status).toBe(400)
    expect((await w.admin.post('/closures', { ...base, labId: w.lab.id, start: 'presto' })).status).toBe(400)
  })
})

describe('a closure over live bookings', () => {
  it('is a 409 listing them, unless cancelAffected, which cancels them and tells their teams', async () => {
    const w = await world()
    const hit = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso',
      start: '2027-11-10T10:00',
      end: '2027-11-10T12:00',
    })
    const spared = await w.member.post('/bookings', {
      labId: w.sibling.id,
      teamId: w.teamId,
      title: 'Corso',
      start: '2027-11-10T10:00',
      end: '2027-11-10T12:00',
    })
    const id = hit.body.bookings[0].id
    const body = { labId: w.lab.id, start: '2027-11-10T08:00', end: '2027-11-10T14:00', reason: 'Guasto elettrico' }
    const refused = await w.operator.post('/closures', body)
    expect(refused.status).toBe(409)
    expect(refused.body.conflicts).toEqual([
      // The booking's lab, team and activity come along too (test/api/client-calendars.test.ts).
      expect.objectContaining({ start: '2027-11-10T10:00:00+01:00', end: '2027-11-10T12:00:00+01:00', reason: 'booking', bookingId: id }),
    ])
    expect(await ctx.db.selectFrom('closures').select('id').where('lab_id', '=', w.lab.id).execute()).toEqual([])

    const mails = await outboxCount()
    const accepted = await w.operator.post('/closures', { ...body, cancelAffected: true })
    expect(accepted.status).toBe(201)
    expect(accepted.body.cancelled).toEqual([id])
    const row = await ctx.db.selectFrom('bookings').select(['status', 'status_reason']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'cancelled', status_reason: 'Guasto elettrico' })
    expect(await outboxCount()).toBeGreaterThan(mails)
    const sibling = await ctx.db
      .selectFrom('bookings')
      .select('status')
      .where('id', '=', spared.body.bookings[0].id)
      .executeTakeFirstOrThrow()
    expect(sibling.status).toBe('confirmed')
  })

  it('a hub closure reaches every lab of the hub', async () => {
    const w = await world()
    const a = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'A',
      start: '2027-11-11T10:00',
      end: '2027-11-11T12:00',
    })
    const b = await w.member.post('/bookings', {
      labId: w.sibling.id,
      teamId: w.teamId,
      title: 'B',
      start: '2027-11-11T15:00',
      end: '2027-11-11T16:00',
    })
    const res = await w.admin.post('/closures', { hubId: w.hub.id, start: '2027-11-11', end: '2027-11-12', reason: 'Sciopero' })
    expect(res.status).toBe(409)
    expect(res.body.conflicts.map((c: { bookingId: string }) => c.bookingId)).toEqual([a.body.bookings[0].id, b.body.bookings[0].id])
  })
})

describe('reading and deleting closures', () => {
  it('lists what applies to a hub or lab (theirs and every hub’s), by period; public', async () => {
    const w = await world()
    const hubClosure = await w.operator.post('/closures', { hubId: w.hub.id, start: '2029-01-10', end: '2029-01-11', reason: 'Inventario' })
    const labClosure = await w.operator.post('/closures', { labId: w.lab.id, start: '2029-01-12', end: '2029-01-13', reason: 'Pulizie' })
    const siblingClosure = await w.operator.post('/closures', {
      labId: w.sibling.id,
      start: '2029-01-12',
      end: '2029-01-13',
      reason: 'Altro lab',
    })
    const global = await w.admin.post('/closures', { start: '2029-01-14', end: '2029-01-15', reason: 'Tutti chiusi' })
    const otherHub = await ctx.make.hub()
    await w.admin.post('/closures', { hubId: otherHub.id, start: '2029-01-12', end: '2029-01-13', reason: 'Altro hub' })

    const forLab = await ctx.anonymous.get(`/closures?labId=${w.lab.id}&from=2029-01-01&to=2029-02-01`)
    expect(forLab.status).toBe(200)
    expect(forLab.body.map((c: { id: string }) => c.id)).toEqual([hubClosure.body.id, labClosure.body.id, global.body.id])
    const forHub = await ctx.anonymous.get(`/closures?hubId=${w.hub.id}&from=2029-01-01&to=2029-02-01`)
    expect(forHub.body.map((c: { id: string }) => c.id).sort()).toEqual(
      [hubClosure.body.id, labClosure.body.id, siblingClosure.body.id, global.body.id].sort(),
    )
    const narrow = await ctx.anonymous.get(`/closures?hubId=${w.hub.id}&from=2029-01-10&to=2029-01-11`)
    expect(narrow.body.map((c: { id: string }) => c.id)).toEqual([hubClosure.body.id])
    expect(narrow.body[0]).toEqual({
      id: hubClosure.body.id,
      hubId: w.hub.id,
      labId: null,
      start: '2029-01-10T00:00:00+01:00',
      end: '2029-01-11T00:00:00+01:00',
      reason: 'Inventario',
    })
  })

  it('deletes with the same rights as writing; the slot is bookable again', async () => {
    const w = await world()
    const closure = await w.operator.post('/closures', { labId: w.lab.id, start: '2029-02-06', end: '2029-02-07', reason: 'Chiuso' })
    const slot = { labId: w.lab.id, teamId: w.teamId, title: 'Corso', start: '2029-02-06T10:00', end: '2029-02-06T12:00' }
    expect((await w.member.post('/bookings', slot)).status).toBe(409)
    expect((await w.member.delete(`/closures/${closure.body.id}`)).status).toBe(403)
    const global = await w.admin.post('/closures', { start: '2029-02-08', end: '2029-02-09', reason: 'Tutti' })
    expect((await w.operator.delete(`/closures/${global.body.id}`)).status).toBe(403)
    expect((await w.operator.delete(`/closures/${closure.body.id}`)).status).toBe(204)
    expect((await w.operator.delete(`/closures/${closure.body.id}`)).status).toBe(404)
    expect((await w.member.post('/bookings', slot)).status).toBe(201)
    expect((await w.admin.delete(`/closures/${global.body.id}`)).status).toBe(204)
  })
})

describe('a closure and a booking written at the same moment', () => {
  const slot = { start: '2027-12-01T10:00', end: '2027-12-01T12:00' }
  const during = tstzrange(new Date('2027-12-01T09:00:00Z'), new Date('2027-12-01T11:00:00Z'))

  it('the database refuses a live booking inside a closure (the last line of defence)', async () => {
    const w = await world()
    await ctx.db.insertInto('closures').values({ hub_id: w.hub.id, lab_id: null, during, reason: 'Assemblea' }).execute()
    const write = (status: 'confirmed' | 'cancelled', lab = w.lab.id) =>
      ctx.db.insertInto('bookings').values({ lab_id: lab, team_id: w.teamId, title: 'Di nascosto', during, status }).execute()
    await expect(write('confirmed')).rejects.toMatchObject({ code: '23P01', constraint: 'bookings_outside_closures' })
    await write('cancelled')
    // moved into it, or made live again inside it
    const other = await ctx.db
      .insertInto('bookings')
      .values({
        lab_id: w.lab.id,
        team_id: w.teamId,
        title: 'Prima',
        during: tstzrange(new Date('2027-12-02T09:00:00Z'), new Date('2027-12-02T11:00:00Z')),
        status: 'confirmed',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(ctx.db.updateTable('bookings').set({ during }).where('id', '=', other.id).execute()).rejects.toMatchObject({
      code: '23P01',
    })
    await expect(
      ctx.db.updateTable('bookings').set({ status: 'pending' }).where('status', '=', 'cancelled').where('lab_id', '=', w.lab.id).execute(),
    ).rejects.toMatchObject({ code: '23P01' })
  })

  // Two connections at once: only where a PostgreSQL server is the engine.
  if (process.env.TEST_DB_ENGINE === 'postgres') {
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

    it('a booking made while a closure is being written waits for it, then is refused naming the closure', async () => {
      const w = await world()
      let answer: Promise<{ status: number; body: { conflicts?: Array<{ reason: string }> } }> | undefined
      await ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('labs').select('id').where('hub_id', '=', w.hub.id).orderBy('id').forUpdate().execute()
        await trx.insertInto('closures').values({ hub_id: w.hub.id, lab_id: null, during, reason: 'Assemblea' }).execute()
        answer = w.member.post('/bookings', { labId: w.lab.id, teamId: w.teamId, title: 'In contemporanea', ...slot })
        await later(300)
      })
      const res = await answer!
      expect(res.status).toBe(409)
      expect(res.body.conflicts?.map((c) => c.reason)).toContain('closure')
      expect(await ctx.db.selectFrom('bookings').select('id').where('lab_id', '=', w.lab.id).execute()).toEqual([])
    })

    it('a closure written while a booking is being made waits for it, then lists it', async () => {
      const w = await world()
      let answer: Promise<{ status: number; body: { conflicts?: Array<{ bookingId?: string }> } }> | undefined
      let bookingId = ''
      await ctx.db.transaction().execute(async (trx) => {
        const booking = await trx
          .insertInto('bookings')
          .values({ lab_id: w.lab.id, team_id: w.teamId, title: 'In contemporanea', during, status: 'confirmed' })
          .returning('id')
          .executeTakeFirstOrThrow()
        bookingId = booking.id
        answer = w.operator.post('/closures', { labId: w.lab.id, ...slot, reason: 'Guasto' })
        await later(300)
      })
      const res = await answer!
      expect(res.status).toBe(409)
      expect(res.body.conflicts?.map((c) => c.bookingId)).toEqual([bookingId])
      expect(await ctx.db.selectFrom('closures').select('id').where('lab_id', '=', w.lab.id).execute()).toEqual([])
    })
  }
})
