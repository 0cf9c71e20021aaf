import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>

/** The usual world (test/helpers/factories.ts), a member of another team and staff of another hub. */
async function world(lab: Parameters<TestContext['make']['lab']>[0] = {}) {
  const w = await ctx.make.world({ lab })
  const stranger = await ctx.make.member()
  const otherOperator = await ctx.make.operatorStaff((await ctx.make.hub()).id)
  return { ...w, stranger: await ctx.as(stranger.user), strangerTeamId: stranger.teamId, otherOperator: await ctx.as(otherOperator.user) }
}

async function book(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/bookings', { title: 'Corso', start: '2027-10-19T18:00', end: '2027-10-19T20:00', ...body })
  expect(res.status).toBe(201)
  return res.body as { series: { id: string } | null; bookings: Array<{ id: string; start: string; status: string }> }
}

async function statusOf(id: string) {
  const row = await ctx.db
    .selectFrom('bookings')
    .select(['status', 'status_reason', 'sequence'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row
}

describe('reading bookings', () => {
  it('a member sees its team’s booking in full; another team’s is 404; staff see their hubs’', async () => {
    const w = await world()
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId, expectedParticipants: 8 })
    const id = bookings[0].id
    const own = await w.member.get(`/bookings/${id}`)
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ id, labId: w.lab.id, teamId: w.teamId, title: 'Corso', status: 'confirmed', expectedParticipants: 8 })
    expect((await w.stranger.get(`/bookings/${id}`)).status).toBe(404)
    expect((await w.operator.get(`/bookings/${id}`)).status).toBe(200)
    expect((await w.otherOperator.get(`/bookings/${id}`)).status).toBe(404)
    expect((await w.admin.get(`/bookings/${id}`)).status).toBe(200)
    expect((await ctx.anonymous.get(`/bookings/${id}`)).status).toBe(401)
    expect((await w.member.get('/bookings/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await w.member.get('/bookings/nonsense')).status).toBe(404)
  })

  it('lists only what the caller may see, with filters and pages', async () => {
    const w = await world()
    const mine = await book(w.member, { labId: w.lab.id, teamId: w.teamId, recurrence: { rrule: 'FREQ=DAILY;COUNT=3' } })
    const theirs = await book(w.stranger, { labId: w.lab.id, teamId: w.strangerTeamId, start: '2027-10-19T10:00', end: '2027-10-19T11:00' })
    const mineIds = mine.bookings.map((b) => b.id)

    const memberList = await w.member.get(`/bookings?labId=${w.lab.id}`)
    expect(memberList.status).toBe(200)
    expect(memberList.body.map((b: { id: string }) => b.id)).toEqual(mineIds)
    expect(memberList.headers.get('x-total-count')).toBe('3')

    const hubWeek = await w.operator.get(`/bookings?hubId=${w.hub.id}&from=2027-10-18&to=2027-10-25`)
    expect(hubWeek.body.map((b: { id: string }) => b.id)).toEqual([theirs.bookings[0].id, ...mineIds])
    expect((await w.otherOperator.get(`/bookings?hubId=${w.hub.id}`)).body).toEqual([])

    const oneDay = await w.admin.get(`/bookings?labId=${w.lab.id}&from=2027-10-20&to=2027-10-21`)
    expect(oneDay.body.map((b: { id: string }) => b.id)).toEqual([mineIds[1]])
    const byTeam = await w.admin.get(`/bookings?teamId=${w.strangerTeamId}`)
    expect(byTeam.body.map((b: { id: string }) => b.id)).toEqual([theirs.bookings[0].id])

    await w.member.post(`/bookings/${mineIds[0]}/cancel`, { scope: 'occurrence' })
    const cancelled = await w.member.get(`/bookings?labId=${w.lab.id}&status=cancelled`)
    expect(cancelled.body.map((b: { id: string }) => b.id)).toEqual([mineIds[0]])
    const live = await w.member.get(`/bookings?labId=${w.lab.id}&status=pending,confirmed`)
    expect(live.body).toHaveLength(2)

    const page = await w.operator.get(`/bookings?hubId=${w.hub.id}&limit=2`)
    expect(page.body).toHaveLength(2)
    expect(page.headers.get('x-total-count')).toBe('4')
    expect(page.headers.get('link')).toContain('offset=2')
    expect((await w.member.get('/bookings?status=lost')).status).toBe(400)
    expect((await w.member.get('/bookings?from=ieri')).status).toBe(400)
  })
})

describe('PATCH /bookings/:id', () => {
  it('moves one occurrence with the same checks, itself excluded, and bumps its sequence', async () => {
    const w = await world()
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    const id = bookings[0].id
    const before = await statusOf(id)
    const moved = await w.member.patch(`/bookings/${id}`, { start: '2027-10-19T18:30' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ id, start: '2027-10-19T18:30:00+02:00', end: '2027-10-19T20:30:00+02:00', status: 'confirmed' })
    expect((await statusOf(id)).sequence).toBeGreaterThan(before.sequence)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'booking.moved')
      .execute()
    expect(audit).toHaveLength(1)

    const other = await book(w.admin, { labId: w.lab.id, start: '2027-10-20T10:00', end: '2027-10-20T12:00' })
    const clash = await w.member.patch(`/bookings/${id}`, { start: '2027-10-20T11:00', end: '2027-10-20T13:00' })
    expect(clash.status).toBe(409)
    expect(clash.body.conflicts).toEqual([expect.objectContaining({ reason: 'booking', bookingId: other.bookings[0].id })])
    const closed = await w.member.patch(`/bookings/${id}`, { start: '2027-10-24T10:00', end: '2027-10-24T12:00' })
    expect(closed.body.conflicts[0].reason).toBe('outside_opening_hours')
    expect((await w.member.get(`/bookings/${id}`)).body.start).toBe('2027-10-19T18:30:00+02:00')
  })

  it('edits the title; refuses others’ bookings (404), finished ones (409) and bad input (400)', async () => {
    const w = await world()
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    const id = bookings[0].id
    const renamed = await w.member.patch(`/bookings/${id}`, { title: 'Corso di pasticceria' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.title).toBe('Corso di pasticceria')
    expect((await w.stranger.patch(`/bookings/${id}`, { title: 'Mio' })).status).toBe(404)
    expect((await w.member.patch(`/bookings/${id}`, {})).status).toBe(400)
    expect((await w.member.patch(`/bookings/${id}`, { title: 'x'.repeat(201) })).status).toBe(400)
    await w.member.post(`/bookings/${id}/cancel`, { scope: 'occurrence' })
    expect((await w.member.patch(`/bookings/${id}`, { title: 'Tardi' })).status).toBe(409)
  })

  it('a member’s move in a lab that needs approval goes back to pending', async () => {
    const w = await world({ approval_required: true })
    const { bookings } = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    await w.operator.post(`/bookings/${bookings[0].id}/approve`, {})
    expect((await statusOf(bookings[0].id)).status).toBe('confirmed')
    const moved = await w.member.patch(`/bookings/${bookings[0].id}`, { start: '2027-10-21T10:00', end: '2027-10-21T12:00' })
    expect(moved.body.status).toBe('pending')
  })
})

describe('POST /bookings/:id/cancel', () => {
  it('cancels one occurrence, the following ones, or the whole series (only live ones)', async () => {
    const w = await world()
    const s = await book(w.member, { labId: w.lab.id, teamId: w.teamId, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=5' } })
    const ids = s.bookings.map((b) => b.id)
    const one = await w.member.post(`/bookings/${ids[1]}/cancel`, { scope: 'occurrence', reason: 'Malattia' })
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ cancelled: [ids[1]] })
    expect(await statusOf(ids[1])).toMatchObject({ status: 'cancelled', status_reason: 'Malattia' })
    const following = await w.member.post(`/bookings/${ids[3]}/cancel`, { scope: 'following' })
    expect(following.body).toMatchObject({ cancelled: [ids[3], ids[4]] })
    const rest = await w.member.post(`/bookings/${ids[2]}/cancel`, { scope: 'series' })
    expect(rest.body).toMatchObject({ cancelled: [ids[0], ids[2]] })
    expect((await w.member.post(`/bookings/${ids[0]}/cancel`, { scope: 'occurrence' })).status).toBe(409)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'booking.cancelled')
      .where('entity_id', 'in', ids)
      .execute()
    expect(audit).toHaveLength(3)
  })

  it('members cancel only their teams’ bookings that have not started; staff any of their hubs', async () => {
    const w = await world()
    const future = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    expect((await w.stranger.post(`/bookings/${future.bookings[0].id}/cancel`, { scope: 'occurrence' })).status).toBe(404)
    expect((await w.otherOperator.post(`/bookings/${future.bookings[0].id}/cancel`, { scope: 'occurrence' })).status).toBe(404)
    const past = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, start: '2025-03-04T10:00', end: '2025-03-04T12:00' })
    expect((await w.member.post(`/bookings/${past.bookings[0].id}/cancel`, { scope: 'occurrence' })).status).toBe(409)
    const byStaff = await w.operator.post(`/bookings/${past.bookings[0].id}/cancel`, { scope: 'occurrence', reason: 'Errore' })
    expect(byStaff.body).toMatchObject({ cancelled: [past.bookings[0].id] })
    expect((await w.member.post(`/bookings/${future.bookings[0].id}/cancel`, { scope: 'sometimes' })).status).toBe(400)
  })
})

describe('approval', () => {
  it('the hub’s operator approves or rejects pending bookings, by occurrence or series; members may not', async () => {
    const w = await world({ approval_required: true })
    const s = await book(w.member, { labId: w.lab.id, teamId: w.teamId, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } })
    const ids = s.bookings.map((b) => b.id)
    expect(s.bookings.every((b) => b.status === 'pending')).toBe(true)
    expect((await w.member.post(`/bookings/${ids[0]}/approve`, {})).status).toBe(403)
    expect((await w.otherOperator.post(`/bookings/${ids[0]}/approve`, {})).status).toBe(404)
    const first = await w.operator.post(`/bookings/${ids[0]}/approve`, { scope: 'occurrence' })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ approved: [ids[0]] })
    expect((await w.operator.post(`/bookings/${ids[0]}/approve`, {})).status).toBe(409)
    expect((await w.operator.post(`/bookings/${ids[1]}/reject`, {})).status).toBe(400)
    const rejected = await w.admin.post(`/bookings/${ids[1]}/reject`, { scope: 'series', reason: 'Lab riservato al Comune' })
    expect(rejected.body).toEqual({ rejected: [ids[1], ids[2]] })
    expect(await statusOf(ids[2])).toMatchObject({ status: 'rejected', status_reason: 'Lab riservato al Comune' })
    expect((await statusOf(ids[0])).status).toBe('confirmed')
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', 'in', ids).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['booking.approved', 'booking.rejected'])
    const created = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'booking_series')
      .where('entity_id', '=', s.series?.id ?? '')
      .execute()
    expect(created.map((a) => a.action)).toEqual(['booking.created'])
  })
})

describe('attendance and no-show', () => {
  it('staff record attendance after the start: status completed with participants and categories', async () => {
    const w = await world()
    const past = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, start: '2025-03-04T10:00', end: '2025-03-04T12:00' })
    const id = past.bookings[0].id
    expect((await w.member.post(`/bookings/${id}/attendance`, { participants: 9 })).status).toBe(403)
    const res = await w.operator.post(`/bookings/${id}/attendance`, { participants: 9, categories: { donne: 6, 'under 25': 4 } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, status: 'completed', participants: 9, participantCategories: { donne: 6, 'under 25': 4 } })
    expect((await w.operator.post(`/bookings/${id}/attendance`, { participants: 2, categories: { donne: 3 } })).status).toBe(400)
    expect((await w.operator.post(`/bookings/${id}/attendance`, { participants: -1 })).status).toBe(400)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('entity_id', '=', id)
      .where('action', '=', 'booking.attendance')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('no-show after the start; before the start both are 409', async () => {
    const w = await world()
    const past = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, start: '2025-03-05T10:00', end: '2025-03-05T12:00' })
    const noShow = await w.admin.post(`/bookings/${past.bookings[0].id}/no-show`, {})
    expect(noShow.status).toBe(200)
    expect(noShow.body.status).toBe('no_show')
    const future = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    expect((await w.operator.post(`/bookings/${future.bookings[0].id}/attendance`, { participants: 3 })).status).toBe(409)
    expect((await w.operator.post(`/bookings/${future.bookings[0].id}/no-show`, {})).status).toBe(409)
  })

  it('a cancelled booking takes no attendance', async () => {
    const w = await world()
    const past = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, start: '2025-03-06T10:00', end: '2025-03-06T12:00' })
    await w.operator.post(`/bookings/${past.bookings[0].id}/cancel`, {})
    expect((await w.operator.post(`/bookings/${past.bookings[0].id}/attendance`, { participants: 3 })).status).toBe(409)
  })
})
