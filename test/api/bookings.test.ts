import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

type Client = Awaited<ReturnType<TestContext['as']>>

const slot = (start: string, end: string) => ({ start, end })
const TUESDAY = slot('2027-10-19T18:00', '2027-10-19T20:00')

async function book(client: Client, body: Record<string, unknown>, headers?: Record<string, string>) {
  return client.post('/bookings', { title: 'Corso di cucina', ...TUESDAY, ...body }, headers ? { headers } : undefined)
}

async function bookingCount(labId: string) {
  const row = await ctx.db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lab_id', '=', labId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('POST /bookings: a single booking', () => {
  it('books a free slot for a member’s team and answers the contract’s shape', async () => {
    const w = await ctx.make.world()
    const res = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    expect(res.status).toBe(201)
    expect(res.body.series).toBeNull()
    expect(res.body.skipped).toEqual([])
    expect(res.body.bookings).toHaveLength(1)
    expect(res.body.bookings[0]).toMatchObject({
      id: expect.any(String),
      seriesId: null,
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso di cucina',
      start: '2027-10-19T18:00:00+02:00',
      end: '2027-10-19T20:00:00+02:00',
      status: 'confirmed',
      equipment: [],
    })
    const row = await ctx.db
      .selectFrom('bookings')
      .select(['status', sql<Date>`lower(during)`.as('start'), 'created_by'])
      .where('id', '=', res.body.bookings[0].id)
      .executeTakeFirstOrThrow()
    expect(row.start.toISOString()).toBe('2027-10-19T16:00:00.000Z')
    expect(row.created_by).toBe(w.memberUser.id)
  })

  it('accepts instants with an offset and answers in the hub’s zone', async () => {
    const w = await ctx.make.world()
    const res = await book(w.member, { labId: w.lab.id, teamId: w.teamId, start: '2027-10-19T16:00:00Z', end: '2027-10-19T19:00:00+02:00' })
    expect(res.status).toBe(201)
    expect(res.body.bookings[0]).toMatchObject({ start: '2027-10-19T18:00:00+02:00', end: '2027-10-19T19:00:00+02:00' })
  })

  it('is pending when a member books a lab that needs approval, confirmed when staff book it', async () => {
    const w = await ctx.make.world({ lab: { approval_required: true } })
    const byMember = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    expect(byMember.body.bookings[0].status).toBe('pending')
    const byOperator = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-20T10:00', '2027-10-20T12:00') })
    expect(byOperator.body.bookings[0].status).toBe('confirmed')
    const byAdmin = await book(w.admin, { labId: w.lab.id, ...slot('2027-10-21T10:00', '2027-10-21T12:00') })
    expect(byAdmin.status).toBe(201)
    expect(byAdmin.body.bookings[0]).toMatchObject({ status: 'confirmed', teamId: null })
  })

  it('a pending booking holds its slot', async () => {
    const w = await ctx.make.world({ lab: { approval_required: true } })
    const first = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    const other = await ctx.make.member()
    const second = await book(await ctx.as(other.user), { labId: w.lab.id, teamId: other.teamId })
    expect(second.status).toBe(409)
    expect(second.body.conflicts).toEqual([
      { start: '2027-10-19T18:00:00+02:00', end: '2027-10-19T20:00:00+02:00', reason: 'booking', bookingId: first.body.bookings[0].id },
    ])
  })

  it('records the booking in the audit log with who did it', async () => {
    const w = await ctx.make.world()
    const res = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', res.body.bookings[0].id)
      .where('action', '=', 'booking.created')
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(w.memberUser.id)
    expect(audit.at).toBeInstanceOf(Date)
  })
})

describe('POST /bookings: who may book for whom', () => {
  it('needs a signed-in user', async () => {
    const w = await ctx.make.world()
    const res = await book(ctx.anonymous, { labId: w.lab.id, teamId: w.teamId })
    expect(res.status).toBe(401)
  })

  it('a member must name a team (400) they belong to (403); an unknown team or lab is 404', async () => {
    const w = await ctx.make.world()
    const noTeam = await book(w.member, { labId: w.lab.id })
    expect(noTeam.status).toBe(400)
    expect(noTeam.headers.get('content-type')).toContain('application/problem+json')
    expect(noTeam.body.errors.map((e: { path: string }) => e.path)).toEqual(['teamId'])
    const otherTeam = await ctx.make.team()
    expect((await book(w.member, { labId: w.lab.id, teamId: otherTeam.id })).status).toBe(403)
    expect((await book(w.member, { labId: w.lab.id, teamId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    expect((await book(w.member, { labId: '00000000-0000-4000-8000-000000000000', teamId: w.teamId })).status).toBe(404)
    expect((await book(w.member, { labId: 'not-an-id', teamId: w.teamId })).status).toBe(404)
    expect(await bookingCount(w.lab.id)).toBe(0)
  })

  it('staff may book without a team (internal use); an operator only in its own hubs', async () => {
    const w = await ctx.make.world()
    expect((await book(w.operator, { labId: w.lab.id })).status).toBe(201)
    const elsewhere = await ctx.make.lab()
    const res = await book(w.operator, { labId: elsewhere.id })
    expect(res.status).toBe(403)
    expect(res.body.status).toBe(403)
  })
})

describe('POST /bookings: input', () => {
  it('refuses a title over 200 characters, a bad time, an end before the start', async () => {
    const w = await ctx.make.world()
    const base = { labId: w.lab.id, teamId: w.teamId }
    const long = await book(w.member, { ...base, title: 'x'.repeat(201) })
    expect(long.status).toBe(400)
    expect(long.body.errors[0].path).toBe('title')
    expect((await book(w.member, { ...base, title: 'x'.repeat(200) })).status).toBe(201)
    expect((await book(w.member, { ...base, start: 'domani', end: '2027-10-19T20:00' })).status).toBe(400)
    expect((await book(w.member, { ...base, ...slot('2027-10-22T12:00', '2027-10-22T11:00') })).status).toBe(400)
    // 02:30 does not exist on 28 March 2027 in Rome
    const gap = await book(w.member, { ...base, ...slot('2027-03-28T02:30', '2027-03-28T04:00') })
    expect(gap.status).toBe(400)
    expect(gap.body.errors[0].path).toBe('start')
  })

  it('refuses more expected participants than the lab holds', async () => {
    const w = await ctx.make.world({ lab: { capacity: 10 } })
    const res = await book(w.member, { labId: w.lab.id, teamId: w.teamId, expectedParticipants: 11 })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('expectedParticipants')
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, expectedParticipants: 10 })).status).toBe(201)
  })
})

describe('POST /bookings: the rules of the lab', () => {
  it('refuses a slot outside the hub’s opening hours (labs follow their hub)', async () => {
    const w = await ctx.make.world()
    const early = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T07:00', '2027-10-19T09:00') })
    expect(early.status).toBe(409)
    expect(early.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['outside_opening_hours'])
    const sunday = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-24T10:00', '2027-10-24T12:00') })
    expect(sunday.body.conflicts[0].reason).toBe('outside_opening_hours')
  })

  it('a slot must lie inside one opening interval of its weekday', async () => {
    const hub = await ctx.make.hub({
      opening: [
        { weekday: 2, open: '09:00', close: '13:00' },
        { weekday: 2, open: '14:00', close: '18:00' },
      ],
    })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const { user, teamId } = await ctx.make.member()
    const member = await ctx.as(user)
    const across = await book(member, { labId: lab.id, teamId, ...slot('2027-10-19T12:00', '2027-10-19T15:00') })
    expect(across.body.conflicts[0].reason).toBe('outside_opening_hours')
    expect((await book(member, { labId: lab.id, teamId, ...slot('2027-10-19T14:00', '2027-10-19T18:00') })).status).toBe(201)
  })

  it('enforces the lab’s minimum and maximum duration', async () => {
    const w = await ctx.make.world({ lab: { min_duration_minutes: 60, max_duration_minutes: 180 } })
    const short = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T10:00', '2027-10-19T10:30') })
    expect(short.body.conflicts[0].reason).toBe('duration')
    const long = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T10:00', '2027-10-19T13:01') })
    expect(long.body.conflicts[0].reason).toBe('duration')
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T10:00', '2027-10-19T13:00') })).status).toBe(201)
  })

  it('no booking on 7 December, when every hub is closed for Sant’Ambrogio', async () => {
    const w = await ctx.make.world()
    const closure = await w.admin.post('/closures', { start: '2027-12-07', end: '2027-12-08', reason: 'Sant’Ambrogio' })
    expect(closure.status).toBe(201)
    const res = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-12-07T10:00', '2027-12-07T12:00') })
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toEqual([
      { start: '2027-12-07T10:00:00+01:00', end: '2027-12-07T12:00:00+01:00', reason: 'closure', detail: 'Sant’Ambrogio' },
    ])
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-12-06T10:00', '2027-12-06T12:00') })).status).toBe(201)
  })

  it('honours closures of the hub and of the lab, and ignores other hubs’ closures', async () => {
    const w = await ctx.make.world()
    const otherHub = await ctx.make.hub()
    await ctx.db
      .insertInto('closures')
      .values([
        { hub_id: w.hub.id, during: sql<string>`tstzrange('2027-11-03 08:00+01', '2027-11-03 23:00+01')`, reason: 'Assemblea' },
        { lab_id: w.lab.id, during: sql<string>`tstzrange('2027-11-04 08:00+01', '2027-11-04 23:00+01')`, reason: 'Manutenzione forni' },
        { hub_id: otherHub.id, during: sql<string>`tstzrange('2027-11-05 08:00+01', '2027-11-05 23:00+01')`, reason: 'Altrove' },
      ])
      .execute()
    const byHub = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-11-03T10:00', '2027-11-03T12:00') })
    expect(byHub.body.conflicts[0]).toMatchObject({ reason: 'closure', detail: 'Assemblea' })
    const byLab = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-11-04T10:00', '2027-11-04T12:00') })
    expect(byLab.body.conflicts[0]).toMatchObject({ reason: 'closure', detail: 'Manutenzione forni' })
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-11-05T10:00', '2027-11-05T12:00') })).status).toBe(201)
  })

  it('overlapping a live booking is a conflict naming it; touching is fine; cancelled bookings do not count', async () => {
    const w = await ctx.make.world()
    const first = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    const overlap = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T19:00', '2027-10-19T21:00') })
    expect(overlap.status).toBe(409)
    expect(overlap.body.conflicts).toEqual([
      {
        start: '2027-10-19T19:00:00+02:00',
        end: '2027-10-19T21:00:00+02:00',
        reason: 'booking',
        bookingId: first.body.bookings[0].id,
      },
    ])
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T20:00', '2027-10-19T21:00') })).status).toBe(201)
    await w.member.post(`/bookings/${first.body.bookings[0].id}/cancel`, { scope: 'occurrence' })
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-19T18:30', '2027-10-19T19:30') })).status).toBe(201)
  })

  it('a booking written in one statement keeps its series, audit row, messages and answer; one the constraint refuses keeps none', async () => {
    // A team booking without equipment or a grant that covers it needs no lock: it is written in one statement,
    // the live bookings unread (bookings/slot-checks.ts). The exclusion constraint referees them.
    const w = await ctx.make.world()
    // The rows go as arrays (bookings-insert.ts): a title with quotes, a backslash and an accent goes through intact.
    const title = 'Cucina "di base" \\ caffè'
    const weekly = { title, expectedParticipants: 7, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }
    const headers = { 'Idempotency-Key': 'serie-ottobre' }
    const first = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...weekly }, headers)
    expect(first.status).toBe(201)
    const ids: string[] = first.body.bookings.map((b: { id: string }) => b.id)
    expect(ids).toHaveLength(3)
    const series = await ctx.db
      .selectFrom('booking_series')
      .select(['id', 'rrule', 'title', 'duration_minutes', 'lab_id', 'team_id', 'created_by', sql<string>`dtstart::text`.as('dtstart')])
      .where('id', '=', first.body.series.id)
      .execute()
    expect(series).toEqual([
      {
        id: first.body.series.id,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        title,
        duration_minutes: 120,
        lab_id: w.lab.id,
        team_id: w.teamId,
        created_by: w.memberUser.id,
        dtstart: '2027-10-19 16:00:00+00',
      },
    ])
    const stored = await ctx.db
      .selectFrom('bookings')
      .select([
        'id',
        'sequence',
        'series_id',
        'title',
        'status',
        'team_id',
        'expected_participants',
        'created_by',
        sql<string>`to_char(lower(during) at time zone 'Europe/Rome', 'YYYY-MM-DD HH24:MI')`.as('start'),
        sql<string>`to_char(upper(during) at time zone 'Europe/Rome', 'YYYY-MM-DD HH24:MI')`.as('end'),
        sql<boolean>`created_at = updated_at`.as('same_time'),
      ])
      .where('lab_id', '=', w.lab.id)
      .orderBy('during')
      .execute()
    const common = {
      sequence: 0,
      series_id: first.body.series.id,
      title,
      status: 'confirmed',
      team_id: w.teamId,
      expected_participants: 7,
      created_by: w.memberUser.id,
      same_time: true,
    }
    expect(stored).toEqual([
      { id: ids[0], ...common, start: '2027-10-19 18:00', end: '2027-10-19 20:00' },
      { id: ids[1], ...common, start: '2027-10-26 18:00', end: '2027-10-26 20:00' },
      { id: ids[2], ...common, start: '2027-11-02 18:00', end: '2027-11-02 20:00' },
    ])
    const audit = () =>
      ctx.db
        .selectFrom('audit_log')
        .select(['entity_id'])
        .where('action', '=', 'booking.created')
        .where('entity_id', '=', first.body.series.id)
        .execute()
    expect(await audit()).toHaveLength(1)
    const outbox = () => ctx.db.selectFrom('outbox').select(['kind']).where('recipient', '=', w.memberUser.email).execute()
    const messages = (await outbox()).map((r) => r.kind).sort()
    expect(messages).toContain('booking.confirmed')
    const confirmation = await ctx.db
      .selectFrom('outbox')
      .select(['render', 'locale', 'subject', 'attachments', 'status'])
      .where('recipient', '=', w.memberUser.email)
      .where('kind', '=', 'booking.confirmed')
      .executeTakeFirstOrThrow()
    expect(confirmation).toMatchObject({ status: 'pending', attachments: [], subject: expect.stringContaining(title) })
    const snapshot = confirmation.render as { group: { occurrences: unknown[][] }; recipient: { email: string } }
    expect(snapshot.recipient.email).toBe(w.memberUser.email)
    expect(snapshot.group.occurrences.map((o) => [o[0], o[5]])).toEqual(ids.map((id) => [id, title]))
    // reminders are not written with the booking: the outbox worker writes each when it falls due (reminders.ts)
    expect(messages.filter((k) => k === 'booking.reminder')).toHaveLength(0)
    // The answer is kept in the same statement: the same key answers it again.
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...weekly }, headers)).body).toEqual(first.body)

    // The second occurrence's time, without the live bookings read: the constraint refuses it, and the booking is
    // checked again in a transaction, which names the booking in the way. Nothing of the refused write is kept.
    const lost = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-26T19:00', '2027-10-26T21:00') })
    expect(lost.status).toBe(409)
    expect(lost.body.conflicts.map((c: { bookingId?: string }) => c.bookingId)).toEqual([ids[1]])
    expect(await bookingCount(w.lab.id)).toBe(3)
    expect((await outbox()).map((r) => r.kind).sort()).toEqual(messages)
    const created = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'booking.created')
      .where('actor_user_id', '=', w.memberUser.id)
      .execute()
    expect(created).toHaveLength(1)
  })

  it('another lab’s bookings do not matter', async () => {
    const w = await ctx.make.world()
    const other = await ctx.make.lab({ hub_id: w.hub.id })
    expect((await book(w.member, { labId: other.id, teamId: w.teamId })).status).toBe(201)
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId })).status).toBe(201)
  })

  it('a member may not book the past; staff may record it', async () => {
    const w = await ctx.make.world()
    const past = slot('2024-10-15T10:00', '2024-10-15T12:00')
    const byMember = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...past })
    expect(byMember.status).toBe(409)
    expect(byMember.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['past'])
    const byOperator = await book(w.operator, { labId: w.lab.id, teamId: w.teamId, ...past })
    expect(byOperator.status).toBe(201)
  })

  it('checks the equipment asked for', async () => {
    const w = await ctx.make.world()
    const type = await ctx.make.equipmentType()
    const asset = await ctx.make.asset({ type_id: type.id, lab_id: w.lab.id })
    const ok = await book(w.member, { labId: w.lab.id, teamId: w.teamId, equipment: [{ typeId: type.id, quantity: 1 }] })
    expect(ok.status).toBe(201)
    expect(ok.body.bookings[0].equipment).toEqual([{ typeId: type.id, assetIds: [asset.id] }])
    const tooMany = await book(w.member, {
      labId: w.lab.id,
      teamId: w.teamId,
      ...slot('2027-10-20T10:00', '2027-10-20T12:00'),
      equipment: [{ typeId: type.id, quantity: 2 }],
    })
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.conflicts.map((c: { reason: string }) => c.reason)).toContain('equipment_unavailable')
    const twice = await book(w.member, { labId: w.lab.id, teamId: w.teamId, equipment: [{ typeId: type.id, quantity: 0 }] })
    expect(twice.status).toBe(400)
  })

  it('checks the team’s grant when the lab requires one', async () => {
    const w = await ctx.make.world({ lab: { requires_grant: true } })
    const none = await book(w.member, { labId: w.lab.id, teamId: w.teamId })
    expect(none.status).toBe(409)
    expect(none.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['no_grant'])
    await ctx.make.grant({ team_id: w.teamId, hours: 3 })
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId })).status).toBe(201)
    const over = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-20T10:00', '2027-10-20T12:00') })
    expect(over.status).toBe(409)
    expect(over.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['quota_exceeded'])
  })
})

describe('POST /bookings?dryRun=true', () => {
  it('answers 200 with the same shape, conflicts per occurrence, and stores nothing', async () => {
    const w = await ctx.make.world()
    await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-26T18:00', '2027-10-26T20:00') })
    const before = await bookingCount(w.lab.id)
    const res = await w.member.post('/bookings?dryRun=true', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Prova',
      ...TUESDAY,
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    })
    expect(res.status).toBe(200)
    expect(res.body.series).toEqual({ id: null, rrule: 'FREQ=WEEKLY;COUNT=3' })
    expect(res.body.bookings.map((b: { start: string }) => b.start)).toEqual(['2027-10-19T18:00:00+02:00', '2027-11-02T18:00:00+01:00'])
    expect(res.body.bookings[0]).toMatchObject({ id: null, status: 'confirmed', labId: w.lab.id, teamId: w.teamId })
    expect(res.body.skipped).toEqual([
      {
        start: '2027-10-26T18:00:00+02:00',
        end: '2027-10-26T20:00:00+02:00',
        conflicts: [expect.objectContaining({ reason: 'booking' })],
      },
    ])
    expect(await bookingCount(w.lab.id)).toBe(before)
  })
})

describe('Idempotency-Key', () => {
  it('the same key from the same user returns the first answer and stores nothing new', async () => {
    const w = await ctx.make.world()
    const headers = { 'Idempotency-Key': 'prenotazione-42' }
    const first = await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)
    const again = await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(await bookingCount(w.lab.id)).toBe(1)
  })

  it('replays a conflict as the same 409', async () => {
    const w = await ctx.make.world()
    await book(w.admin, { labId: w.lab.id })
    const headers = { 'Idempotency-Key': 'retry-me' }
    const first = await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)
    expect(first.status).toBe(409)
    const again = await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
    // The same problem; only requestId names each request (it is what X-Request-Id says of this one).
    expect({ ...again.body, requestId: undefined }).toEqual({ ...first.body, requestId: undefined })
    expect(again.body.requestId).toBe(again.headers.get('X-Request-Id'))
  })

  it('keys belong to their user; concurrent twins book once', async () => {
    const w = await ctx.make.world()
    const headers = { 'Idempotency-Key': 'same-key' }
    const [a, b] = await Promise.all([
      book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers),
      book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers),
    ])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.body).toEqual(b.body)
    expect(await bookingCount(w.lab.id)).toBe(1)
    const other = await ctx.make.member(w.teamId)
    const theirs = await book(
      await ctx.as(other.user),
      { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-20T10:00', '2027-10-20T12:00') },
      headers,
    )
    expect(theirs.status).toBe(201)
    expect(await bookingCount(w.lab.id)).toBe(2)
  })

  it('a key older than 24 hours is forgotten', async () => {
    const w = await ctx.make.world()
    const headers = { 'Idempotency-Key': 'yesterday' }
    await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)
    await ctx.db
      .updateTable('idempotency_keys')
      .set({ created_at: sql`now() - interval '25 hours'` } as never)
      .where('key', '=', 'yesterday')
      .execute()
    const later = await book(w.member, { labId: w.lab.id, teamId: w.teamId, ...slot('2027-10-20T10:00', '2027-10-20T12:00') }, headers)
    expect(later.status).toBe(201)
    expect(later.body.bookings[0].start).toBe('2027-10-20T10:00:00+02:00')
  })

  it('a dry run does not use up the key', async () => {
    const w = await ctx.make.world()
    const headers = { 'Idempotency-Key': 'dry-first' }
    const dry = await w.member.post('/bookings?dryRun=true', { labId: w.lab.id, teamId: w.teamId, title: 'x', ...TUESDAY }, { headers })
    expect(dry.status).toBe(200)
    expect((await book(w.member, { labId: w.lab.id, teamId: w.teamId }, headers)).status).toBe(201)
  })
})

describe('a race for one slot', () => {
  it('20 clients at once: exactly one books, the others get a 409 naming the winner', async () => {
    const w = await ctx.make.world()
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const m = await ctx.make.member(w.teamId)
        return ctx.as(m.user)
      }),
    )
    const answers = await Promise.all(clients.map((c) => book(c, { labId: w.lab.id, teamId: w.teamId })))
    const won = answers.filter((a) => a.status === 201)
    const lost = answers.filter((a) => a.status === 409)
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(19)
    const winner = won[0].body.bookings[0].id
    for (const l of lost) expect(l.body.conflicts).toEqual([expect.objectContaining({ reason: 'booking', bookingId: winner })])
    expect(await bookingCount(w.lab.id)).toBe(1)
    expect(ctx.errors).toEqual([])
  })
})
