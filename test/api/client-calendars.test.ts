import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

/** What the client's calendars need from the API: who a closure hurts, closing only free labs, maintenance windows. */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function world() {
  const hub = await ctx.make.hub()
  const booked = await ctx.make.lab({ hub_id: hub.id, name: `A booked ${Math.random().toString(36).slice(2, 8)}` })
  const free = await ctx.make.lab({ hub_id: hub.id, name: `B free ${Math.random().toString(36).slice(2, 8)}` })
  const team = await ctx.make.team()
  const { user } = await ctx.make.member(team.id)
  const staff = await ctx.make.operatorStaff(hub.id)
  const member = await ctx.as(user)
  const booking = await member.post('/bookings', {
    labId: booked.id,
    teamId: team.id,
    title: 'Corso di cucina',
    start: '2027-11-03T10:00',
    end: '2027-11-03T12:00',
  })
  expect(booking.status).toBe(201)
  return { hub, booked, free, team, member, bookingId: booking.body.bookings[0].id as string, operator: await ctx.as(staff.user) }
}

const day = { start: '2027-11-03T00:00', end: '2027-11-04T00:00', reason: 'Assemblea di quartiere' }

describe('closing a day that has bookings', () => {
  it('the 409 names each booking in the way: lab, team, activity, time', async () => {
    const w = await world()
    const res = await w.operator.post('/closures', { hubId: w.hub.id, ...day })
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toEqual([
      {
        start: '2027-11-03T10:00:00+01:00',
        end: '2027-11-03T12:00:00+01:00',
        reason: 'booking',
        bookingId: w.bookingId,
        labId: w.booked.id,
        labName: w.booked.name,
        teamId: w.team.id,
        teamName: w.team.name,
        title: 'Corso di cucina',
      },
    ])
  })

  it('onlyFreeLabs closes the labs without bookings and leaves the booked ones open, bookings untouched', async () => {
    const w = await world()
    const res = await w.operator.post('/closures', { hubId: w.hub.id, ...day, onlyFreeLabs: true })
    expect(res.status).toBe(201)
    expect(res.body.closures).toEqual([expect.objectContaining({ hubId: null, labId: w.free.id, reason: day.reason })])
    expect(res.body.leftOpen).toEqual([{ labId: w.booked.id, labName: w.booked.name, bookingIds: [w.bookingId] }])
    expect((await w.member.get(`/bookings/${w.bookingId}`)).body.status).toBe('confirmed')
    const freeBusy = await ctx.anonymous.get(`/labs/${w.free.id}/availability?from=2027-11-03&to=2027-11-04`)
    expect(freeBusy.body.free).toEqual([])
    const bookedBusy = await ctx.anonymous.get(`/labs/${w.booked.id}/availability?from=2027-11-03&to=2027-11-04`)
    expect(bookedBusy.body.free.length).toBeGreaterThan(0)
    const closures = await ctx.anonymous.get(`/closures?hubId=${w.hub.id}&from=2027-11-03&to=2027-11-04`)
    expect(closures.body.filter((c: { hubId: string | null }) => c.hubId === w.hub.id)).toEqual([])
  })

  it('onlyFreeLabs with nothing booked closes the whole hub', async () => {
    const w = await world()
    const res = await w.operator.post('/closures', {
      hubId: w.hub.id,
      ...day,
      start: '2027-11-05T00:00',
      end: '2027-11-06T00:00',
      onlyFreeLabs: true,
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ closures: [expect.objectContaining({ hubId: w.hub.id, labId: null })], leftOpen: [] })
  })

  it('onlyFreeLabs needs a hub, excludes cancelAffected, and is a 409 when every lab is booked', async () => {
    const w = await world()
    const onLab = await w.operator.post('/closures', { labId: w.booked.id, ...day, onlyFreeLabs: true })
    expect(onLab.status).toBe(400)
    expect(onLab.body.errors[0].path).toBe('onlyFreeLabs')
    const both = await w.operator.post('/closures', { hubId: w.hub.id, ...day, onlyFreeLabs: true, cancelAffected: true })
    expect(both.status).toBe(400)
    const other = await w.member.post('/bookings', {
      labId: w.free.id,
      teamId: w.team.id,
      title: 'Sartoria',
      start: '2027-11-03T15:00',
      end: '2027-11-03T16:00',
    })
    expect(other.status).toBe(201)
    const none = await w.operator.post('/closures', { hubId: w.hub.id, ...day, onlyFreeLabs: true })
    expect(none.status).toBe(409)
    expect(none.body.conflicts).toHaveLength(2)
    expect(await ctx.db.selectFrom('closures').select('id').where('lab_id', 'in', [w.free.id, w.booked.id]).execute()).toEqual([])
  })

  it('a booking a closure cancelled says so (cancelCause), one its team cancelled does not', async () => {
    const w = await world()
    const mine = await w.member.post('/bookings', {
      labId: w.free.id,
      teamId: w.team.id,
      title: 'Ritirata',
      start: '2027-11-08T10:00',
      end: '2027-11-08T11:00',
    })
    await w.member.post(`/bookings/${mine.body.bookings[0].id}/cancel`, { scope: 'occurrence', reason: 'Non serve più' })
    const res = await w.operator.post('/closures', { hubId: w.hub.id, ...day, cancelAffected: true })
    expect(res.status).toBe(201)
    expect(res.body.cancelled).toEqual([w.bookingId])
    const one = await w.member.get(`/bookings/${w.bookingId}`)
    expect(one.body).toMatchObject({ status: 'cancelled', statusReason: day.reason, cancelCause: 'closure' })
    const list = await w.member.get(`/bookings?teamId=${w.team.id}&from=2027-11-01&to=2027-11-10`)
    const byId = new Map(list.body.map((b: { id: string; cancelCause: string | null }) => [b.id, b.cancelCause]))
    expect(byId.get(w.bookingId)).toBe('closure')
    expect(byId.get(mine.body.bookings[0].id)).toBeNull()
  })
})

describe('maintenance windows in the inventory', () => {
  async function assetWorld() {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const { user } = await ctx.make.operatorStaff(hub.id)
    const type = await ctx.make.equipmentType()
    const asset = await ctx.make.asset({ type_id: type.id, lab_id: lab.id })
    return { hub, lab, asset, staff: await ctx.as(user) }
  }
  const local = (dt: DateTime) => dt.setZone('Europe/Rome').toFormat("yyyy-MM-dd'T'HH:mm")

  it('the asset lists its windows in progress and coming, not the past ones', async () => {
    const w = await assetWorld()
    const now = DateTime.now()
    const past = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: local(now.minus({ days: 3 })),
      end: local(now.minus({ days: 2 })),
      reason: 'Revisione passata',
    })
    expect(past.status).toBe(201)
    const current = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: local(now.minus({ hours: 1 })),
      end: local(now.plus({ hours: 2 })),
      reason: 'Cambio lama',
    })
    const coming = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: local(now.plus({ days: 5 })),
      end: local(now.plus({ days: 6 })),
      reason: 'Taratura',
    })
    const one = await w.staff.get(`/equipment/${w.asset.id}`)
    expect(one.body.maintenance.map((m: { id: string }) => m.id)).toEqual([current.body.id, coming.body.id])
    const list = await w.staff.get(`/equipment?hubId=${w.hub.id}`)
    expect(list.body[0].maintenance.map((m: { reason: string }) => m.reason)).toEqual(['Cambio lama', 'Taratura'])
  })

  it('a window is edited, ended now, or removed; ending one not in progress is a 409', async () => {
    const w = await assetWorld()
    const now = DateTime.now()
    const current = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: local(now.minus({ hours: 1 })),
      end: local(now.plus({ hours: 5 })),
      reason: 'Cambio lama',
    })
    const coming = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: '2027-12-01T09:00',
      end: '2027-12-01T12:00',
      reason: 'Taratura',
    })
    const edited = await w.staff.patch(`/equipment/${w.asset.id}/maintenance/${coming.body.id}`, {
      end: '2027-12-01T18:00',
      reason: 'Taratura e pulizia',
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({
      start: '2027-12-01T09:00:00+01:00',
      end: '2027-12-01T18:00:00+01:00',
      reason: 'Taratura e pulizia',
      reallocated: [],
    })
    const backwards = await w.staff.patch(`/equipment/${w.asset.id}/maintenance/${coming.body.id}`, { end: '2027-12-01T08:00' })
    expect(backwards.status).toBe(400)
    expect((await w.staff.patch(`/equipment/${w.asset.id}/maintenance/${coming.body.id}`, { endNow: true })).status).toBe(409)

    const ended = await w.staff.patch(`/equipment/${w.asset.id}/maintenance/${current.body.id}`, { endNow: true })
    expect(ended.status).toBe(200)
    expect(Date.parse(ended.body.end)).toBeLessThanOrEqual(Date.now())
    expect((await w.staff.get(`/equipment/${w.asset.id}`)).body.maintenance.map((m: { id: string }) => m.id)).toEqual([coming.body.id])

    expect((await w.staff.delete(`/equipment/${w.asset.id}/maintenance/${coming.body.id}`)).status).toBe(204)
    expect((await w.staff.get(`/equipment/${w.asset.id}`)).body.maintenance).toEqual([])
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', w.asset.id).orderBy('at').execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['maintenance.updated', 'maintenance.deleted']))
  })

  it('only staff of the hub change its windows', async () => {
    const w = await assetWorld()
    const win = await w.staff.post(`/equipment/${w.asset.id}/maintenance`, {
      start: '2027-12-02T09:00',
      end: '2027-12-02T12:00',
      reason: 'x',
    })
    const other = await assetWorld()
    expect((await other.staff.patch(`/equipment/${w.asset.id}/maintenance/${win.body.id}`, { reason: 'y' })).status).toBe(404)
    expect((await w.staff.patch(`/equipment/${other.asset.id}/maintenance/${win.body.id}`, { reason: 'y' })).status).toBe(404)
    expect((await ctx.anonymous.patch(`/equipment/${w.asset.id}/maintenance/${win.body.id}`, { reason: 'y' })).status).toBe(401)
  })
})
