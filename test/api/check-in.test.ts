import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let admin: Awaited<ReturnType<TestContext['as']>>
beforeAll(async () => {
  ctx = await createTestContext()
  admin = await ctx.as(await ctx.make.admin())
})
afterAll(() => ctx?.close())

const ALWAYS_OPEN = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }))

/** A lab that requires check-in (15 minutes either side), its operator, and a member of a new team. */
async function world(o: { checkIn?: boolean } = {}) {
  const w = await ctx.make.world({ hub: { opening: ALWAYS_OPEN }, lab: { type: 'it', check_in_required: o.checkIn ?? true } })
  return { ...w, staff: w.operator }
}

/** An instant `minutes` from now, on the minute. */
function fromNow(minutes: number): Date {
  const d = new Date(Date.now() + minutes * 60_000)
  d.setUTCSeconds(0, 0)
  return d
}

async function book(client: Awaited<ReturnType<TestContext['as']>>, labId: string, teamId: string | undefined, start: Date, minutes = 60) {
  const res = await client.post('/bookings', {
    labId,
    ...(teamId && { teamId }),
    title: 'Laboratorio aperto',
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
  })
  expect(res.status).toBe(201)
  return res.body.bookings[0] as { id: string; start: string }
}

/** A worker whose clock reads `at`: the test moves time by data, never by sleeping. */
async function workerAt(at: string | Date) {
  const worker = createOutboxWorker(ctx.deps, {
    now: () => new Date(at),
    transport: { kind: 'mailbox', send: async () => undefined, close: () => undefined },
  })
  try {
    return await worker.runOnce()
  } finally {
    await worker.stop()
  }
}

describe('labs that require check-in', () => {
  it('say so through the catalogue (default false), with their window', async () => {
    const hub = await ctx.make.hub()
    const plain = await admin.post('/labs', { hubId: hub.id, name: 'Aula', type: 'it', capacity: 10 })
    expect(plain.body).toMatchObject({ checkInRequired: false, checkInBeforeMinutes: 15, checkInAfterMinutes: 15 })
    const res = await admin.patch(`/labs/${plain.body.id}`, { checkInRequired: true, checkInAfterMinutes: 20 })
    expect(res.status).toBe(200)
    expect((await ctx.anonymous.get(`/labs/${plain.body.id}`)).body).toMatchObject({ checkInRequired: true, checkInAfterMinutes: 20 })
    const row = await ctx.db.selectFrom('labs').select('check_in_since').where('id', '=', plain.body.id).executeTakeFirstOrThrow()
    expect(row.check_in_since).toBeInstanceOf(Date)
  })
})

describe('check-in', () => {
  it('the team checks in within the window (once), not before it; staff any time', async () => {
    const w = await world()
    const soon = await book(w.member, w.lab.id, w.teamId, fromNow(10))
    const res = await w.member.post(`/bookings/${soon.id}/check-in`)
    expect(res.status).toBe(200)
    expect(res.body.checkedInAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
    const again = await w.member.post(`/bookings/${soon.id}/check-in`)
    expect(again.body.checkedInAt).toBe(res.body.checkedInAt)
    expect((await w.member.get(`/bookings/${soon.id}`)).body).toMatchObject({
      checkInRequired: true,
      checkedInAt: res.body.checkedInAt,
      releasedAt: null,
    })

    const later = await book(w.member, w.lab.id, w.teamId, fromNow(180))
    const early = await w.member.post(`/bookings/${later.id}/check-in`)
    expect(early.status).toBe(409)
    expect(early.headers.get('content-type')).toContain('application/problem+json')
    expect(early.body).toMatchObject({ reason: 'check_in_window', opensAt: expect.any(String), closesAt: expect.any(String) })
    expect((await w.staff.post(`/bookings/${later.id}/check-in`)).status).toBe(200)

    const { user: stranger } = await ctx.make.member()
    expect((await (await ctx.as(stranger)).post(`/bookings/${later.id}/check-in`)).status).toBe(404)
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', soon.id).execute()
    expect(audit.map((a) => a.action)).toContain('booking.checked_in')
  })
})

describe('release in the outbox worker’s time', () => {
  it('a booking not checked in 15 minutes after its start becomes a no-show with releasedAt, its slot free, its team told', async () => {
    const w = await world()
    const booking = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-19T10:00:00+02:00'), 120)
    expect((await workerAt('2027-10-19T10:14:59+02:00')).released).toBe(0)
    const report = await workerAt('2027-10-19T10:15:00+02:00')
    expect(report.released).toBe(1)
    const view = (await w.member.get(`/bookings/${booking.id}`)).body
    expect(view).toMatchObject({ status: 'no_show', releasedAt: '2027-10-19T10:15:00+02:00', checkedInAt: null })
    // the slot is free: another team books the rest of it
    const { user: other, teamId: otherTeam } = await ctx.make.member()
    const taken = await (await ctx.as(other)).post('/bookings', {
      labId: w.lab.id,
      teamId: otherTeam,
      title: 'Subentro',
      start: '2027-10-19T10:30',
      end: '2027-10-19T12:00',
    })
    expect(taken.status).toBe(201)
    const team = await ctx.db.selectFrom('teams').select('contact_email').where('id', '=', w.teamId).executeTakeFirstOrThrow()
    const told = await ctx.db
      .selectFrom('outbox')
      .select(['subject', 'attachments'])
      .where('kind', '=', 'booking.released')
      .where('recipient', '=', team.contact_email)
      .execute()
    expect(told).toHaveLength(1)
    expect(told[0].subject).toContain('mancato check-in')
    expect(told[0].attachments[0].content).toContain('METHOD:CANCEL')
    // the operator's board reads it from the bookings list
    const board = await w.staff.get(`/bookings?labId=${w.lab.id}&status=no_show`)
    expect(board.body.map((b: { id: string; releasedAt: string }) => [b.id, b.releasedAt])).toEqual([
      [booking.id, '2027-10-19T10:15:00+02:00'],
    ])
    expect((await workerAt('2027-10-19T10:20:00+02:00')).released).toBe(0)
  })

  it('never releases a lab without check-in, a staff booking, a checked-in booking, or one that has ended', async () => {
    const plain = await world({ checkIn: false })
    const a = await book(plain.member, plain.lab.id, plain.teamId, new Date('2027-10-20T10:00:00+02:00'))
    const w = await world()
    const staffForTeam = await book(w.staff, w.lab.id, w.teamId, new Date('2027-10-20T10:00:00+02:00'))
    const internal = await book(admin, w.lab.id, undefined, new Date('2027-10-20T12:00:00+02:00'))
    const checked = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-20T14:00:00+02:00'))
    await ctx.db
      .updateTable('bookings')
      .set({ checked_in_at: new Date('2027-10-20T13:50:00+02:00') })
      .where('id', '=', checked.id)
      .execute()
    const ended = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-20T16:00:00+02:00'))
    for (const at of ['2027-10-20T10:30:00+02:00', '2027-10-20T12:30:00+02:00', '2027-10-20T14:30:00+02:00', '2027-10-20T17:01:00+02:00']) {
      expect((await workerAt(at)).released).toBe(0)
    }
    const statuses = await ctx.db
      .selectFrom('bookings')
      .select('status')
      .where('id', 'in', [a.id, staffForTeam.id, internal.id, checked.id, ended.id])
      .execute()
    expect(statuses.every((s) => s.status === 'confirmed')).toBe(true)
  })

  it('several workers at once release a booking once and tell its team once', async () => {
    const w = await world()
    const booking = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-21T10:00:00+02:00'))
    const reports = await Promise.all([
      workerAt('2027-10-21T10:16:00+02:00'),
      workerAt('2027-10-21T10:16:00+02:00'),
      workerAt('2027-10-21T10:17:00+02:00'),
    ])
    expect(reports.reduce((n, r) => n + r.released, 0)).toBe(1)
    const told = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'booking.released')
      .where('subject', 'like', '%Laboratorio aperto%')
      .execute()
    const team = await ctx.db.selectFrom('teams').select('contact_email').where('id', '=', w.teamId).executeTakeFirstOrThrow()
    const mine = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'booking.released')
      .where('recipient', '=', team.contact_email)
      .execute()
    expect(mine).toHaveLength(1)
    expect(told.length).toBeGreaterThanOrEqual(1)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', booking.id)
      .where('action', '=', 'booking.released')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('promotes the waitlist into the released time', async () => {
    const w = await world()
    await book(w.member, w.lab.id, w.teamId, new Date('2027-10-22T10:00:00+02:00'), 120)
    const { user: waiting, teamId: waitingTeam } = await ctx.make.member()
    const queued = await (await ctx.as(waiting)).post('/waitlist', {
      labId: w.lab.id,
      teamId: waitingTeam,
      start: '2027-10-22T11:00',
      end: '2027-10-22T12:00',
    })
    expect(queued.status).toBe(201)
    expect((await workerAt('2027-10-22T10:15:00+02:00')).released).toBe(1)
    const entry = await ctx.db
      .selectFrom('waitlist')
      .select(['status', 'booking_id'])
      .where('id', '=', queued.body.id)
      .executeTakeFirstOrThrow()
    expect(entry.status).toBe('promoted')
    const promoted = await ctx.db
      .selectFrom('bookings')
      .select(['team_id', 'status'])
      .where('id', '=', entry.booking_id!)
      .executeTakeFirstOrThrow()
    expect(promoted).toEqual({ team_id: waitingTeam, status: 'confirmed' })
  })

  it('staff undo a release while the slot is free, or check the team in (which undoes it); not once the slot is taken', async () => {
    const w = await world()
    const one = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-23T10:00:00+02:00'))
    const two = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-23T12:00:00+02:00'), 120)
    await workerAt('2027-10-23T10:20:00+02:00')
    await workerAt('2027-10-23T12:20:00+02:00')
    expect((await w.member.post(`/bookings/${one.id}/check-in`)).body.reason).toBe('released')
    expect((await w.member.post(`/bookings/${one.id}/reinstate`)).status).toBe(403)
    const back = await w.staff.post(`/bookings/${one.id}/reinstate`)
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ status: 'confirmed', releasedAt: null })
    const checked = await w.staff.post(`/bookings/${two.id}/check-in`)
    expect(checked.status).toBe(200)
    expect((await w.staff.get(`/bookings/${two.id}`)).body).toMatchObject({
      status: 'confirmed',
      releasedAt: null,
      checkedInAt: checked.body.checkedInAt,
    })

    const three = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-23T16:00:00+02:00'), 120)
    await workerAt('2027-10-23T16:20:00+02:00')
    await book(w.staff, w.lab.id, undefined, new Date('2027-10-23T17:00:00+02:00'))
    const refused = await w.staff.post(`/bookings/${three.id}/reinstate`)
    expect(refused.status).toBe(409)
    expect(refused.body.reason).toBe('booking')
    expect((await w.staff.get(`/bookings/${three.id}`)).body.status).toBe('no_show')
  })
})

describe('the lab’s QR code', () => {
  it('leads a phone to the check-in of the team’s booking; rotated, the old code stops working', async () => {
    const w = await world()
    const booking = await book(w.member, w.lab.id, w.teamId, fromNow(5))
    const poster = await w.staff.get(`/labs/${w.lab.id}/check-in-code`)
    expect(poster.status).toBe(200)
    expect(poster.body.url).toBe(`http://localhost:8080/check-in/${poster.body.code}`)
    expect(poster.body.svg).toContain('<svg')
    expect((await w.staff.get(`/labs/${w.lab.id}/check-in-code`)).body.code).toBe(poster.body.code)
    expect((await w.member.get(`/labs/${w.lab.id}/check-in-code`)).status).toBe(403)

    const page = await w.member.get(`/check-in/${poster.body.code}`)
    expect(page.status).toBe(200)
    expect(page.body.lab).toMatchObject({ id: w.lab.id, checkInRequired: true })
    expect(page.body.bookings.map((b: { id: string; canCheckInNow: boolean }) => [b.id, b.canCheckInNow])).toEqual([[booking.id, true]])

    const rotated = await w.staff.post(`/labs/${w.lab.id}/check-in-code`)
    expect(rotated.body.code).not.toBe(poster.body.code)
    expect((await w.member.get(`/check-in/${poster.body.code}`)).status).toBe(404)
    expect((await w.member.post(`/check-in/${poster.body.code}`, {})).status).toBe(404)
    const done = await w.member.post(`/check-in/${rotated.body.code}`, {})
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ bookingId: booking.id, checkedInAt: expect.any(String) })
    expect((await ctx.anonymous.get(`/check-in/${rotated.body.code}`)).status).toBe(401)
  })
})

describe('the attendance report', () => {
  it('counts check-ins and gives the no-show rate by lab and by team, also as CSV', async () => {
    const w = await world()
    const came = await book(w.member, w.lab.id, w.teamId, new Date('2027-10-25T10:00:00+01:00'))
    await book(w.member, w.lab.id, w.teamId, new Date('2027-10-25T12:00:00+01:00'))
    await ctx.db
      .updateTable('bookings')
      .set({ checked_in_at: new Date('2027-10-25T09:55:00+01:00') })
      .where('id', '=', came.id)
      .execute()
    expect((await workerAt('2027-10-25T12:15:00+01:00')).released).toBe(1)
    const byLab = await w.staff.get(`/reports/attendance?from=2027-10-01&to=2027-11-01&groupBy=lab&labId=${w.lab.id}`)
    expect(byLab.status).toBe(200)
    expect(byLab.body.rows).toEqual([
      { key: w.lab.id, label: w.lab.name, bookings: 2, checkIns: 1, noShows: 1, released: 1, noShowRate: 0.5, checkInRate: 0.5 },
    ])
    const byTeam = await w.staff.get(`/reports/attendance?from=2027-10-01&to=2027-11-01&groupBy=team&labId=${w.lab.id}`)
    expect(byTeam.body.rows.map((r: { key: string; noShowRate: number }) => [r.key, r.noShowRate])).toEqual([[w.teamId, 0.5]])
    const csv = await w.staff.get(`/reports/attendance?from=2027-10-01&to=2027-11-01&groupBy=team&labId=${w.lab.id}&format=csv`)
    expect(csv.text.split('\r\n')[0]).toBe('from;to;groupBy;key;label;bookings;checkIns;noShows;released;noShowRate;checkInRate')
    expect(csv.text.split('\r\n')[1]).toContain(';2;1;1;1;0.5;0.5')
    expect((await w.member.get('/reports/attendance?from=2027-10-01&to=2027-11-01')).status).toBe(403)
  })
})
