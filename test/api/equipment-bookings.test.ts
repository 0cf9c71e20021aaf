import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

/** Equipment through the booking engine: POST /bookings with `equipment`, cancellations, moves. */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function kitchen(ovens: number, o: { requiresTraining?: boolean } = {}) {
  const lab = await ctx.make.lab({ type: 'kitchen' })
  const oven = await ctx.make.equipmentType({ requires_training: o.requiresTraining ?? false })
  const assets = []
  for (let i = 0; i < ovens; i++)
    assets.push(await ctx.make.asset({ type_id: oven.id, lab_id: lab.id, asset_tag: `F${i}-${Math.random()}` }))
  const { user, teamId } = await ctx.make.member()
  return { lab, oven, assets, teamId, team: await ctx.as(user) }
}

const slot = (day: string, from = '10:00', to = '12:00') => ({ start: `${day}T${from}`, end: `${day}T${to}` })

describe('booking with equipment', () => {
  it('allocates the quantity asked in distinct assets and shows them', async () => {
    const { lab, oven, assets, teamId, team } = await kitchen(3)
    const res = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Corso di panificazione',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 2 }],
    })
    expect(res.status).toBe(201)
    const [booking] = res.body.bookings
    expect(booking.equipment).toHaveLength(1)
    expect(booking.equipment[0].typeId).toBe(oven.id)
    expect(new Set(booking.equipment[0].assetIds).size).toBe(2)
    for (const id of booking.equipment[0].assetIds) expect(assets.map((a) => a.id)).toContain(id)
    expect((await team.get(`/bookings/${booking.id}`)).body.equipment).toEqual(booking.equipment)
  })

  it('spreads the wear: the next booking gets the least used assets', async () => {
    const { lab, oven, teamId, team } = await kitchen(2)
    const first = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'A',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    const second = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'B',
      ...slot('2027-10-20'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    expect(second.status).toBe(201)
    expect(second.body.bookings[0].equipment[0].assetIds).not.toEqual(first.body.bookings[0].equipment[0].assetIds)
  })

  it('refuses more assets than the lab has, naming the occurrence', async () => {
    const { lab, oven, teamId, team } = await kitchen(1)
    const res = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Troppi forni',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 2 }],
    })
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toEqual([expect.objectContaining({ start: '2027-10-19T10:00:00+02:00', reason: 'equipment_unavailable' })])
  })

  it('refuses the occurrences of a series that fall in a maintenance window, as maintenance', async () => {
    const { lab, oven, assets, teamId, team } = await kitchen(1)
    const admin = await ctx.as(await ctx.make.admin())
    await admin.post(`/equipment/${assets[0].id}/maintenance`, {
      start: '2027-10-26T00:00',
      end: '2027-10-27T00:00',
      reason: 'Revisione annuale',
    })
    const body = {
      labId: lab.id,
      teamId,
      title: 'Corso settimanale',
      ...slot('2027-10-19'),
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
      equipment: [{ typeId: oven.id, quantity: 1 }],
    }
    const refused = await team.post('/bookings', body)
    expect(refused.status).toBe(409)
    expect(refused.body.conflicts).toEqual([expect.objectContaining({ start: '2027-10-26T10:00:00+02:00', reason: 'maintenance' })])
    const skipped = await team.post('/bookings', { ...body, skipConflicts: true })
    expect(skipped.status).toBe(201)
    expect(skipped.body.bookings).toHaveLength(2)
    expect(skipped.body.skipped).toEqual([expect.objectContaining({ start: '2027-10-26T10:00:00+02:00' })])
  })

  it('frees the assets of a cancelled booking', async () => {
    const { lab, oven, teamId, team } = await kitchen(1)
    const first = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'A',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    const id = first.body.bookings[0].id
    const live = () =>
      ctx.db.selectFrom('equipment_allocations').select('id').where('booking_id', '=', id).where('released_at', 'is', null).execute()
    expect(await live()).toHaveLength(1)
    expect((await team.post(`/bookings/${id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    expect(await live()).toHaveLength(0)
    // …so the same slot can have the oven again.
    const again = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'B',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    expect(again.status).toBe(201)
  })

  it('re-allocates a booking when its asset goes into maintenance, or answers 409 naming it', async () => {
    const { lab, oven, assets, teamId, team } = await kitchen(2)
    const staff = await ctx.as((await ctx.make.operatorStaff(lab.hub_id)).user)
    const booked = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'A',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    const bookingId = booked.body.bookings[0].id
    const held = booked.body.bookings[0].equipment[0].assetIds[0]
    const other = assets.find((a) => a.id !== held)!.id
    const moved = await staff.post(`/equipment/${held}/maintenance`, {
      start: '2027-10-19T00:00',
      end: '2027-10-20T00:00',
      reason: 'Guasto',
    })
    expect(moved.status).toBe(201)
    expect(moved.body.reallocated).toEqual([{ bookingId, fromAssetId: held, toAssetId: other }])
    expect((await team.get(`/bookings/${bookingId}`)).body.equipment).toEqual([{ typeId: oven.id, assetIds: [other] }])
    const broken = await staff.post(`/equipment/${other}/maintenance`, {
      start: '2027-10-19T11:00',
      end: '2027-10-19T15:00',
      reason: 'Guasto',
    })
    expect(broken.status).toBe(409)
    expect(broken.body.conflicts).toEqual([
      { start: '2027-10-19T10:00:00+02:00', end: '2027-10-19T12:00:00+02:00', reason: 'booking', bookingId },
    ])
  })

  it('books the last asset once when several bookings race for it', async () => {
    const { lab, oven, assets, teamId, team } = await kitchen(1)
    const results = await Promise.all(
      ['10:00', '10:30', '11:00'].map((from, i) =>
        team.post('/bookings', {
          labId: lab.id,
          teamId,
          title: `Corsa ${i}`,
          start: `2027-10-21T${from}`,
          end: `2027-10-21T${['12:00', '12:30', '13:00'][i]}`,
          equipment: [{ typeId: oven.id, quantity: 1 }],
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    const live = await ctx.db
      .selectFrom('equipment_allocations')
      .select('id')
      .where('asset_id', '=', assets[0].id)
      .where('released_at', 'is', null)
      .execute()
    expect(live).toHaveLength(1)
  })
})

describe('training gates', () => {
  it('refuses a type that requires training until the team has a recorded training', async () => {
    const { lab, oven, teamId, team } = await kitchen(1, { requiresTraining: true })
    const body = {
      labId: lab.id,
      teamId,
      title: 'Forno professionale',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    }
    const refused = await team.post('/bookings', body)
    expect(refused.status).toBe(409)
    expect(refused.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['training_required'])

    // A member cannot record its own training; the hub's operator can.
    expect((await team.post(`/teams/${teamId}/trainings`, { typeId: oven.id, personName: 'Anna', trainedOn: '2027-09-01' })).status).toBe(
      403,
    )
    const staff = await ctx.as((await ctx.make.operatorStaff(lab.hub_id)).user)
    const training = await staff.post(`/teams/${teamId}/trainings`, { typeId: oven.id, personName: 'Anna Verdi', trainedOn: '2027-09-01' })
    expect(training.status).toBe(201)
    expect((await team.post('/bookings', body)).status).toBe(201)
  })

  it('does not gate staff’s internal use', async () => {
    const { lab, oven } = await kitchen(1, { requiresTraining: true })
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post('/bookings', {
      labId: lab.id,
      title: 'Manutenzione cucina',
      ...slot('2027-10-19'),
      equipment: [{ typeId: oven.id, quantity: 1 }],
    })
    expect(res.status).toBe(201)
  })
})
