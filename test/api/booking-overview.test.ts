import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

/** GET /bookings/:id/overview: what the booking's page (the target of every email link) shows. */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** The usual world (test/helpers/factories.ts) around a lab with two ovens, and a member of another team. */
async function world() {
  const w = await ctx.make.world({
    hub: { address: 'Via Giambellino 1, Milano', phone: '02 1234' },
    lab: { approval_required: true, name: 'Cucina' },
  })
  const type = await ctx.make.equipmentType({ name: `Forno a convezione ${crypto.randomUUID().slice(0, 8)}` })
  await ctx.make.asset({ type_id: type.id, lab_id: w.lab.id, asset_tag: `F-${crypto.randomUUID()}-1` })
  await ctx.make.asset({ type_id: type.id, lab_id: w.lab.id, asset_tag: `F-${crypto.randomUUID()}-2` })
  const stranger = await ctx.make.member()
  return { ...w, type, operatorName: w.operatorUser.name, stranger: await ctx.as(stranger.user) }
}

interface Overview {
  booking: { id: string; status: string; statusReason: string | null; title: string }
  lab: { id: string; name: string }
  hub: { name: string; address: string; phone: string | null }
  series: { id: string; rrule: string; occurrences: Array<{ id: string; start: string; status: string }> } | null
  equipment: Array<{ name: string; quantity: number; assetTags: string[] }>
  history: Array<{ action: string; actorName: string | null; reason: string | null; count?: number }>
  actions: { cancel: string[]; move: boolean; approve: boolean; reject: boolean; attendance: boolean; noShow: boolean }
  occurrenceActions: Record<string, { cancel: string[] }> | null
}

describe('the booking overview', () => {
  it('shows a series with its place, equipment, history and the actions of each viewer', async () => {
    const w = await world()
    const created = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso di cucina',
      start: '2027-10-19T18:00',
      end: '2027-10-19T20:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
      equipment: [{ typeId: w.type.id, quantity: 2 }],
    })
    expect(created.status).toBe(201)
    const ids = (created.body as { bookings: Array<{ id: string }> }).bookings.map((b) => b.id)

    const asMember = await w.member.get(`/bookings/${ids[1]}/overview`)
    expect(asMember.status).toBe(200)
    const o = asMember.body as Overview
    expect(o.booking).toMatchObject({ id: ids[1], status: 'pending', title: 'Corso di cucina' })
    expect(o.lab.name).toBe('Cucina')
    expect(o.hub).toMatchObject({ address: 'Via Giambellino 1, Milano', phone: '02 1234' })
    expect(o.series?.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=3')
    expect(o.series?.occurrences.map((x) => x.id)).toEqual(ids)
    expect(o.equipment).toEqual([expect.objectContaining({ name: w.type.name, quantity: 2 })])
    expect(o.history.map((h) => h.action)).toEqual(['booking.created'])
    expect(o.actions).toMatchObject({ cancel: ['occurrence', 'following', 'series'], move: true, approve: false, reject: false })

    const asOperator = (await w.operator.get(`/bookings/${ids[1]}/overview`)).body as Overview
    expect(asOperator.actions).toMatchObject({ approve: true, reject: true, attendance: false, noShow: false })

    // Rejecting the whole series from the first occurrence reaches the second one's history, with the reason.
    expect((await w.operator.post(`/bookings/${ids[0]}/reject`, { scope: 'series', reason: 'Cucina in manutenzione' })).status).toBe(200)
    const after = (await w.member.get(`/bookings/${ids[1]}/overview`)).body as Overview
    expect(after.booking).toMatchObject({ status: 'rejected', statusReason: 'Cucina in manutenzione' })
    expect(after.history.at(-1)).toMatchObject({
      action: 'booking.rejected',
      reason: 'Cucina in manutenzione',
      count: 3,
      actorName: w.operatorName,
    })
    expect(after.actions).toMatchObject({ cancel: [], move: false, approve: false })
    // The equipment it had held is still named.
    expect(after.equipment[0]).toMatchObject({ name: w.type.name, quantity: 2 })
  })

  it('tells a closure’s cancellation and its reason', async () => {
    const w = await world()
    const lab = await ctx.make.lab({ hub_id: w.hub.id })
    const res = await w.member.post('/bookings', {
      labId: lab.id,
      teamId: w.teamId,
      title: 'Prova',
      start: '2027-11-02T10:00',
      end: '2027-11-02T12:00',
    })
    const id = (res.body as { bookings: Array<{ id: string }> }).bookings[0].id
    const closure = await w.operator.post('/closures', {
      hubId: w.hub.id,
      start: '2027-11-02T00:00',
      end: '2027-11-03T00:00',
      reason: 'Disinfestazione',
      cancelAffected: true,
    })
    expect(closure.status).toBe(201)
    const o = (await w.member.get(`/bookings/${id}/overview`)).body as Overview
    expect(o.booking).toMatchObject({ status: 'cancelled', statusReason: 'Disinfestazione' })
    expect(o.history.at(-1)).toMatchObject({ action: 'booking.closure_cancelled', reason: 'Disinfestazione' })
    expect(o.series).toBeNull()
  })

  it('is 404 to those who may not see the booking and 401 to the anonymous', async () => {
    const w = await world()
    const lab = await ctx.make.lab({ hub_id: w.hub.id })
    const res = await w.member.post('/bookings', {
      labId: lab.id,
      teamId: w.teamId,
      title: 'Prova',
      start: '2027-11-09T10:00',
      end: '2027-11-09T12:00',
    })
    const id = (res.body as { bookings: Array<{ id: string }> }).bookings[0].id
    expect((await w.stranger.get(`/bookings/${id}/overview`)).status).toBe(404)
    expect((await ctx.anonymous.get(`/bookings/${id}/overview`)).status).toBe(401)
    expect((await w.member.get('/bookings/not-an-id/overview')).status).toBe(404)
  })
})
