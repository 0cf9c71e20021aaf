import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeUpcomingReminders } from '../../backend/outbox/reminders.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

/** Undo of a cancellation: POST /bookings/:id/restore by its author within the window. */

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>

async function book(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/bookings', { title: 'Corso', start: '2027-10-19T18:00', end: '2027-10-19T20:00', ...body })
  expect(res.status).toBe(201)
  return res.body as { bookings: Array<{ id: string; status: string }> }
}

const statuses = async (ids: string[]) =>
  (await ctx.db.selectFrom('bookings').select(['id', 'status', 'status_reason']).where('id', 'in', ids).orderBy('id').execute()).map(
    (r) => [r.id, r.status, r.status_reason],
  )

describe('POST /bookings/:id/restore', () => {
  it('the author takes back a series cancellation: each booking returns to its status before, emails say «ripristinata», audited', async () => {
    const w = await ctx.make.world({ lab: { approval_required: true } })
    const series = await book(w.member, {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso di ceramica',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    })
    const ids = series.bookings.map((b) => b.id)
    // one approved, the others still pending
    expect((await w.operator.post(`/bookings/${ids[0]}/approve`, { scope: 'occurrence' })).status).toBe(200)
    const before = await statuses(ids)

    const cancel = await w.member.post(`/bookings/${ids[0]}/cancel`, { scope: 'series', reason: 'Errore' })
    expect(cancel.status).toBe(200)
    expect(cancel.body.cancelled).toHaveLength(3)
    const until = new Date(cancel.body.restorableUntil).getTime()
    expect(until - Date.now()).toBeGreaterThan(50_000)
    expect(until - Date.now()).toBeLessThanOrEqual(60_000)

    const restored = await w.member.post(`/bookings/${ids[0]}/restore`)
    expect(restored.status).toBe(200)
    expect([...restored.body.restored].sort()).toEqual([...ids].sort())
    expect(await statuses(ids)).toEqual(before)

    const mail = await ctx.db
      .selectFrom('outbox')
      .select(['kind', 'subject', 'attachments'])
      .where('kind', '=', 'booking.restored')
      .where('subject', 'like', '%Corso di ceramica%')
      .execute()
    expect(mail.length).toBeGreaterThan(0)
    expect(mail[0].subject).toBe('Prenotazione ripristinata: Corso di ceramica')
    expect(JSON.stringify(mail[0].attachments)).toContain('METHOD:REQUEST')
    // the confirmed one has its reminder again when it falls due (18:00 in Rome the day before), the pending ones none
    await writeUpcomingReminders(ctx.db, new Date('2027-10-18T15:58:00Z'))
    await writeUpcomingReminders(ctx.db, new Date('2027-10-25T15:58:00Z'))
    const reminders = await ctx.db
      .selectFrom('outbox')
      .select(['booking_id', 'status'])
      .where('kind', '=', 'booking.reminder')
      .where('booking_id', 'in', ids)
      .execute()
    expect(reminders.length).toBeGreaterThan(0)
    expect(reminders.every((r) => r.booking_id === ids[0] && r.status === 'pending')).toBe(true)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'booking.restored')
      .where('entity_id', '=', ids[0])
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(w.memberUser.id)
    // a second restore has nothing to take back
    const again = await w.member.post(`/bookings/${ids[0]}/restore`)
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe('not_restorable')
  })

  it('only the author, only within the window, never a closure’s cancellation', async () => {
    const w = await ctx.make.world()
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId, start: '2027-10-20T18:00', end: '2027-10-20T20:00' })
    const id = bookings[0].id
    expect((await w.member.post(`/bookings/${id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    const byOther = await w.operator.post(`/bookings/${id}/restore`)
    expect(byOther.status).toBe(409)
    expect(byOther.body.reason).toBe('not_restorable')
    expect(byOther.body.detail).toContain('60 secondi')
    // the window passed
    await ctx.db
      .updateTable('audit_log')
      .set({ at: new Date(Date.now() - 61_000) })
      .where('action', '=', 'booking.cancelled')
      .where('entity_id', '=', id)
      .execute()
    const late = await w.member.post(`/bookings/${id}/restore`)
    expect(late.status).toBe(409)
    expect((await statuses([id]))[0][1]).toBe('cancelled')
    // another team cannot even see it
    const stranger = await ctx.as((await ctx.make.member()).user)
    expect((await stranger.post(`/bookings/${id}/restore`)).status).toBe(404)

    const { bookings: closed } = await book(w.member, {
      labId: w.lab.id,
      teamId: w.teamId,
      start: '2027-10-21T18:00',
      end: '2027-10-21T20:00',
    })
    const closure = await w.operator.post('/closures', {
      hubId: w.hub.id,
      start: '2027-10-21T00:00',
      end: '2027-10-22T00:00',
      reason: 'Assemblea',
      cancelAffected: true,
    })
    expect(closure.status).toBe(201)
    expect((await w.operator.post(`/bookings/${closed[0].id}/restore`)).status).toBe(409)
  })

  it('refuses with 409 taken when the time was booked meanwhile, and restores nothing (exclusion constraint)', async () => {
    const w = await ctx.make.world()
    const slot = { start: '2027-10-22T10:00', end: '2027-10-22T12:00' }
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot })
    const id = bookings[0].id
    expect((await w.member.post(`/bookings/${id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    await book(w.operator, { labId: w.lab.id, teamId: w.teamId, title: 'Altro', ...slot })
    const res = await w.member.post(`/bookings/${id}/restore`)
    expect(res.status).toBe(409)
    expect(res.body.reason).toBe('taken')
    expect(res.body.detail).toContain('prenotato da altri')
    expect((await statuses([id]))[0][1]).toBe('cancelled')
    expect(
      await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'booking.restored').where('entity_id', '=', id).execute(),
    ).toEqual([])
  })

  it('brings the equipment back with the booking', async () => {
    const lab = await ctx.make.lab({ type: 'kitchen' })
    const oven = await ctx.make.equipmentType()
    await ctx.make.asset({ type_id: oven.id, lab_id: lab.id, asset_tag: `F-${Math.random()}` })
    const { user, teamId } = await ctx.make.member()
    const team = await ctx.as(user)
    const { bookings } = await book(team, { labId: lab.id, teamId, equipment: [{ typeId: oven.id, quantity: 1 }] })
    const id = bookings[0].id
    const live = () =>
      ctx.db.selectFrom('equipment_allocations').select('id').where('booking_id', '=', id).where('released_at', 'is', null).execute()
    expect(await live()).toHaveLength(1)
    expect((await team.post(`/bookings/${id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    expect(await live()).toHaveLength(0)
    expect((await team.post(`/bookings/${id}/restore`)).status).toBe(200)
    expect(await live()).toHaveLength(1)
    expect((await team.get(`/bookings/${id}`)).body.equipment).toHaveLength(1)
  })
})
