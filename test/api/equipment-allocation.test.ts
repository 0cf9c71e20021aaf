import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labsWithAllEquipment, labsWithEquipment, planEquipment, saveAllocations } from '../../backend/features/equipment/allocation.ts'
import { tstzrange } from '../../backend/time.ts'
import type { Lab } from '../../db/schema.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const at = (day: string, from: string, to: string) => ({
  start: new Date(`${day}T${from}:00+02:00`),
  end: new Date(`${day}T${to}:00+02:00`),
})

async function kitchenWithOvens(n: number) {
  const lab = await ctx.make.lab({ type: 'kitchen' })
  const oven = await ctx.make.equipmentType({ name: `Forno ${Math.random()}` })
  const assets = []
  for (let i = 0; i < n; i++) assets.push(await ctx.make.asset({ type_id: oven.id, lab_id: lab.id, asset_tag: `F-${i}-${Math.random()}` }))
  return { lab, oven, assets }
}

/** A booking stored by hand with its allocations, as the booking engine would. */
async function bookWithAssets(lab: Lab, slot: { start: Date; end: Date }, assetIds: string[], typeId: string) {
  const booking = await ctx.make.booking({ lab_id: lab.id, title: 'Uso interno', ...slot })
  await ctx.db.transaction().execute((trx) => saveAllocations(trx, booking.id, slot, [{ typeId, assetIds }]))
  return booking.id
}

const plan = (req: Parameters<typeof planEquipment>[1]) => ctx.db.transaction().execute((trx) => planEquipment(trx, req))

describe('planning equipment for occurrences', () => {
  it('takes the quantity asked, in distinct assets, least used first, for every occurrence at once', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(3)
    await bookWithAssets(lab, at('2027-09-01', '10:00', '12:00'), [assets[0].id], oven.id)
    const plans = await plan({
      labId: lab.id,
      teamId: null,
      requests: [{ typeId: oven.id, quantity: 2 }],
      occurrences: [at('2027-10-05', '10:00', '12:00'), at('2027-10-12', '10:00', '12:00')],
    })
    expect(plans[0].conflicts).toEqual([])
    expect(plans[0].allocations[0].assetIds).toHaveLength(2)
    expect(plans[0].allocations[0].assetIds).not.toContain(assets[0].id)
    expect(new Set(plans[1].allocations[0].assetIds).size).toBe(2)
  })

  it('refuses more than the lab has free then, as equipment_unavailable', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(2)
    const busy = await bookWithAssets(lab, at('2027-10-05', '09:00', '11:00'), [assets[0].id], oven.id)
    const plans = await plan({
      labId: lab.id,
      teamId: null,
      requests: [{ typeId: oven.id, quantity: 2 }],
      occurrences: [at('2027-10-05', '10:00', '12:00'), at('2027-10-05', '11:00', '13:00')],
    })
    expect(plans[0]).toEqual({
      allocations: [],
      conflicts: [expect.objectContaining({ reason: 'equipment_unavailable', bookingId: busy })],
    })
    expect(plans[1].conflicts).toEqual([])
  })

  it('says maintenance when assets exist but are under maintenance then', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(2)
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post(`/equipment/${assets[1].id}/maintenance`, {
      start: '2027-10-05T08:00',
      end: '2027-10-05T14:00',
      reason: 'Revisione',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      start: '2027-10-05T08:00:00+02:00',
      end: '2027-10-05T14:00:00+02:00',
      reason: 'Revisione',
      reallocated: [],
    })
    const plans = await plan({
      labId: lab.id,
      teamId: null,
      requests: [{ typeId: oven.id, quantity: 2 }],
      occurrences: [at('2027-10-05', '10:00', '12:00'), at('2027-10-06', '10:00', '12:00')],
    })
    expect(plans.map((p) => p.conflicts.map((c) => c.reason))).toEqual([['maintenance'], []])
    // The asset's own status counts too.
    await admin.patch(`/equipment/${assets[0].id}`, { status: 'maintenance' })
    const [later] = await plan({
      labId: lab.id,
      teamId: null,
      requests: [{ typeId: oven.id, quantity: 1 }],
      occurrences: [at('2027-10-06', '10:00', '12:00')],
    })
    expect(later.conflicts.map((c) => c.reason)).toEqual([])
    expect(later.allocations[0].assetIds).toEqual([assets[1].id])
    // Removing the window frees the asset.
    await admin.delete(`/equipment/${assets[1].id}/maintenance/${res.body.id}`)
    expect((await admin.get(`/equipment/${assets[1].id}/maintenance`)).body).toEqual([])
  })

  it('never counts retired assets, nor types the lab lacks', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(1)
    await ctx.db.updateTable('equipment_assets').set({ status: 'retired' }).where('id', '=', assets[0].id).execute()
    const [p] = await plan({
      labId: lab.id,
      teamId: null,
      requests: [
        { typeId: oven.id, quantity: 1 },
        { typeId: 'not-a-uuid', quantity: 1 },
      ],
      occurrences: [at('2027-10-05', '10:00', '12:00')],
    })
    expect(p.conflicts.map((c) => c.reason)).toEqual(['equipment_unavailable', 'equipment_unavailable'])
  })

  it('does not count the allocations of the booking being moved', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(1)
    const slot = at('2027-10-05', '10:00', '12:00')
    const booking = await bookWithAssets(lab, slot, [assets[0].id], oven.id)
    const request = {
      labId: lab.id,
      teamId: null,
      requests: [{ typeId: oven.id, quantity: 1 }],
      occurrences: [at('2027-10-05', '11:00', '13:00')],
    }
    expect((await plan(request))[0].conflicts).toHaveLength(1)
    expect((await plan({ ...request, excludeBookingIds: [booking] }))[0].allocations).toEqual([
      { typeId: oven.id, assetIds: [assets[0].id] },
    ])
  })
})

describe('storing allocations', () => {
  it('never allocates one asset twice at once, even when two bookings race for it', async () => {
    const { oven, assets } = await kitchenWithOvens(1)
    // Two bookings of different labs cannot collide on the lab: only the asset is contended.
    const labs = [await ctx.make.lab(), await ctx.make.lab(), await ctx.make.lab()]
    const slot = at('2027-10-05', '10:00', '12:00')
    const outcomes = await Promise.allSettled(
      labs.map((lab) =>
        ctx.db.transaction().execute(async (trx) => {
          const booking = await trx
            .insertInto('bookings')
            .values({ lab_id: lab.id, team_id: null, title: 'Corsa', during: tstzrange(slot.start, slot.end), status: 'confirmed' })
            .returning('id')
            .executeTakeFirstOrThrow()
          await saveAllocations(trx, booking.id, slot, [{ typeId: oven.id, assetIds: [assets[0].id] }])
        }),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'conflict', status: 409 })
    const live = await ctx.db
      .selectFrom('equipment_allocations')
      .select('id')
      .where('asset_id', '=', assets[0].id)
      .where('released_at', 'is', null)
      .execute()
    expect(live).toHaveLength(1)
  })

  it('refuses an allocation on an asset that went under maintenance meanwhile', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(1)
    const slot = at('2027-10-07', '10:00', '12:00')
    await ctx.db
      .insertInto('maintenance_windows')
      .values({ asset_id: assets[0].id, during: tstzrange(slot.start, slot.end), reason: 'Guasto' })
      .execute()
    await expect(bookWithAssets(lab, slot, [assets[0].id], oven.id)).rejects.toMatchObject({ code: 'conflict' })
  })
})

describe('maintenance over allocated assets', () => {
  it('moves the bookings to another free asset of the same type', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(2)
    const booking = await bookWithAssets(lab, at('2027-10-05', '10:00', '12:00'), [assets[0].id], oven.id)
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post(`/equipment/${assets[0].id}/maintenance`, {
      start: '2027-10-05T00:00',
      end: '2027-10-06T00:00',
      reason: 'Revisione',
    })
    expect(res.status).toBe(201)
    expect(res.body.reallocated).toEqual([{ bookingId: booking, fromAssetId: assets[0].id, toAssetId: assets[1].id }])
    const allocation = await ctx.db
      .selectFrom('equipment_allocations')
      .select('asset_id')
      .where('booking_id', '=', booking)
      .executeTakeFirstOrThrow()
    expect(allocation.asset_id).toBe(assets[1].id)
  })

  it('answers 409 listing the bookings it would break when no other asset is free', async () => {
    const { lab, oven, assets } = await kitchenWithOvens(2)
    const first = await bookWithAssets(lab, at('2027-10-05', '10:00', '12:00'), [assets[0].id], oven.id)
    // The other oven is taken by an internal event in another lab's booking at the same time.
    const elsewhere = await ctx.make.lab()
    await bookWithAssets(elsewhere, at('2027-10-05', '09:00', '13:00'), [assets[1].id], oven.id)
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post(`/equipment/${assets[0].id}/maintenance`, {
      start: '2027-10-05T00:00',
      end: '2027-10-06T00:00',
      reason: 'Revisione',
    })
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toEqual([
      { start: '2027-10-05T10:00:00+02:00', end: '2027-10-05T12:00:00+02:00', reason: 'booking', bookingId: first },
    ])
    expect((await admin.get(`/equipment/${assets[0].id}/maintenance`)).body).toEqual([])
  })

  it('validates the window', async () => {
    const { assets } = await kitchenWithOvens(1)
    const admin = await ctx.as(await ctx.make.admin())
    const backwards = await admin.post(`/equipment/${assets[0].id}/maintenance`, {
      start: '2027-10-05T12:00',
      end: '2027-10-05T10:00',
      reason: 'x',
    })
    expect(backwards.status).toBe(400)
    const gap = await admin.post(`/equipment/${assets[0].id}/maintenance`, {
      start: '2027-03-28T02:30',
      end: '2027-03-28T05:00',
      reason: 'x',
    })
    expect(gap.status).toBe(400)
    expect(gap.body.errors).toEqual([{ path: 'start', message: expect.any(String) }])
  })
})

describe('labs with equipment, for the availability search', () => {
  it('lists the labs with enough assets of every requested type', async () => {
    const a = await kitchenWithOvens(2)
    const b = await ctx.make.lab()
    await ctx.make.asset({ type_id: a.oven.id, lab_id: b.id })
    expect((await labsWithEquipment(ctx.db, a.oven.id, 2)).sort()).toEqual([a.lab.id])
    expect((await labsWithEquipment(ctx.db, a.oven.id, 1)).sort()).toEqual([a.lab.id, b.id].sort())
    const mixer = await ctx.make.equipmentType()
    await ctx.make.asset({ type_id: mixer.id, lab_id: b.id })
    expect(
      await labsWithAllEquipment(ctx.db, [
        { typeId: a.oven.id, quantity: 1 },
        { typeId: mixer.id, quantity: 1 },
      ]),
    ).toEqual([b.id])
  })
})
