import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
  // Every hub is closed on 7 December 2027 (Sant’Ambrogio), a Tuesday: before any booking exists.
  const admin = await ctx.as(await ctx.make.admin())
  const res = await admin.post('/closures', { start: '2027-12-07T00:00', end: '2027-12-08T00:00', reason: 'Sant’Ambrogio' })
  expect(res.status).toBe(201)
})
afterAll(() => ctx?.close())

type World = Awaited<ReturnType<TestContext['make']['world']>>

function series(w: World, rrule: string, extra: Record<string, unknown> = {}) {
  return w.member.post('/bookings', {
    labId: w.lab.id,
    teamId: w.teamId,
    title: 'Laboratorio settimanale',
    start: '2027-10-19T18:00',
    end: '2027-10-19T20:00',
    recurrence: { rrule },
    ...extra,
  })
}

const starts = (body: { bookings: Array<{ start: string }> }) => body.bookings.map((b) => b.start)

describe('a recurring booking', () => {
  it('a weekly series at 18:00 stays at 18:00 local across the last Sunday of October', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'FREQ=WEEKLY;BYDAY=TU;COUNT=4')
    expect(res.status).toBe(201)
    expect(starts(res.body)).toEqual([
      '2027-10-19T18:00:00+02:00',
      '2027-10-26T18:00:00+02:00',
      '2027-11-02T18:00:00+01:00',
      '2027-11-09T18:00:00+01:00',
    ])
    expect(res.body.bookings.map((b: { end: string }) => b.end.slice(11, 16))).toEqual(['20:00', '20:00', '20:00', '20:00'])
    const rows = await ctx.db
      .selectFrom('bookings')
      .select(sql<Date>`lower(during)`.as('start'))
      .where('series_id', '=', res.body.series.id)
      .orderBy(sql`lower(during)`)
      .execute()
    expect(rows.map((r) => r.start.toISOString())).toEqual([
      '2027-10-19T16:00:00.000Z',
      '2027-10-26T16:00:00.000Z',
      '2027-11-02T17:00:00.000Z',
      '2027-11-09T17:00:00.000Z',
    ])
  })

  it('a weekly series at 18:00 stays at 18:00 local across the last Sunday of March', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'FREQ=WEEKLY;BYDAY=TH;COUNT=3', { start: '2028-03-16T18:00', end: '2028-03-16T20:00' })
    expect(res.status).toBe(201)
    expect(starts(res.body)).toEqual(['2028-03-16T18:00:00+01:00', '2028-03-23T18:00:00+01:00', '2028-03-30T18:00:00+02:00'])
  })

  it('stores the series (rule, start, duration) and one booking per occurrence', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'freq=weekly;byday=tu;count=3')
    expect(res.body.series).toEqual({ id: expect.any(String), rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' })
    const row = await ctx.db.selectFrom('booking_series').selectAll().where('id', '=', res.body.series.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ lab_id: w.lab.id, team_id: w.teamId, rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', duration_minutes: 120 })
    expect(row.dtstart.toISOString()).toBe('2027-10-19T16:00:00.000Z')
    expect(res.body.bookings.every((b: { seriesId: string }) => b.seriesId === res.body.series.id)).toBe(true)
  })

  it('supports MONTHLY with BYSETPOS, INTERVAL, UNTIL and EXDATE', async () => {
    const w = await ctx.make.world()
    const monthly = await series(w, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', {
      start: '2027-11-01T10:00',
      end: '2027-11-01T12:00',
    })
    expect(starts(monthly.body)).toEqual(['2027-11-30T10:00:00+01:00', '2027-12-31T10:00:00+01:00', '2028-01-31T10:00:00+01:00'])
    const daily = await series(w, 'RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20271029\nEXDATE:20271023T180000', {
      start: '2027-10-21T18:00',
      end: '2027-10-21T19:00',
      recurrence: { rrule: 'RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20271029\nEXDATE:20271023T180000', exdates: ['2027-10-27'] },
    })
    expect(daily.status).toBe(201)
    expect(starts(daily.body)).toEqual(['2027-10-21T18:00:00+02:00', '2027-10-25T18:00:00+02:00', '2027-10-29T18:00:00+02:00'])
  })

  it('a 52-week series books 52 occurrences in one go', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'FREQ=WEEKLY;COUNT=52', { start: '2028-01-04T18:00', end: '2028-01-04T20:00' })
    expect(res.status).toBe(201)
    expect(res.body.bookings).toHaveLength(52)
    expect(res.body.bookings.every((b: { start: string }) => b.start.slice(11, 16) === '18:00')).toBe(true)
  })
})

describe('a series that meets a conflict', () => {
  it('is all or nothing by default: 409 naming each conflict, nothing stored', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'FREQ=WEEKLY;BYDAY=TU;COUNT=10')
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toEqual([
      { start: '2027-12-07T18:00:00+01:00', end: '2027-12-07T20:00:00+01:00', reason: 'closure', detail: 'Sant’Ambrogio' },
    ])
    const stored = await ctx.db.selectFrom('bookings').select('id').where('lab_id', '=', w.lab.id).execute()
    expect(stored).toEqual([])
    const seriesRows = await ctx.db.selectFrom('booking_series').select('id').where('lab_id', '=', w.lab.id).execute()
    expect(seriesRows).toEqual([])
  })

  it('skipConflicts stores the free occurrences and lists the rest under skipped', async () => {
    const w = await ctx.make.world()
    const blocker = await w.admin.post('/bookings', {
      labId: w.lab.id,
      title: 'Evento',
      start: '2027-11-16T19:00',
      end: '2027-11-16T21:00',
    })
    const res = await series(w, 'FREQ=WEEKLY;BYDAY=TU;COUNT=10', { skipConflicts: true })
    expect(res.status).toBe(201)
    expect(res.body.bookings).toHaveLength(8)
    expect(res.body.skipped).toEqual([
      {
        start: '2027-11-16T18:00:00+01:00',
        end: '2027-11-16T20:00:00+01:00',
        conflicts: [
          {
            start: '2027-11-16T18:00:00+01:00',
            end: '2027-11-16T20:00:00+01:00',
            reason: 'booking',
            bookingId: blocker.body.bookings[0].id,
          },
        ],
      },
      {
        start: '2027-12-07T18:00:00+01:00',
        end: '2027-12-07T20:00:00+01:00',
        conflicts: [{ start: '2027-12-07T18:00:00+01:00', end: '2027-12-07T20:00:00+01:00', reason: 'closure', detail: 'Sant’Ambrogio' }],
      },
    ])
    expect(starts(res.body)).not.toContain('2027-12-07T18:00:00+01:00')
  })

  it('with nothing free, even skipConflicts is a 409', async () => {
    const w = await ctx.make.world()
    const res = await series(w, 'FREQ=WEEKLY;BYDAY=SU;COUNT=3', { skipConflicts: true, start: '2027-10-24T10:00', end: '2027-10-24T12:00' })
    expect(res.status).toBe(409)
    expect(res.body.conflicts).toHaveLength(3)
    expect(res.body.conflicts.every((c: { reason: string }) => c.reason === 'outside_opening_hours')).toBe(true)
  })
})

describe('a recurrence out of bounds is a 400 naming the fault', () => {
  let w: World
  beforeAll(async () => {
    w = await ctx.make.world()
  })

  it.each([
    ['no COUNT or UNTIL', 'FREQ=WEEKLY;BYDAY=TU', /COUNT o UNTIL/],
    ['more than 366 occurrences', 'FREQ=DAILY;COUNT=367', /366/],
    ['more than 366 by UNTIL', 'FREQ=DAILY;UNTIL=20281231', /366/],
    ['beyond 2 years', 'FREQ=WEEKLY;UNTIL=20300101', /2 anni/],
    ['beyond 2 years by COUNT', 'FREQ=MONTHLY;COUNT=30', /2 anni/],
    ['FREQ=HOURLY', 'FREQ=HOURLY;COUNT=5', /HOURLY/],
    ['FREQ=YEARLY', 'FREQ=YEARLY;COUNT=2', /YEARLY/],
    ['garbage', 'tutti i martedì', /NOME=VALORE/],
    ['an unknown part', 'FREQ=DAILY;COUNT=3;COLOR=RED', /COLOR/],
    ['a bad BYDAY', 'FREQ=WEEKLY;BYDAY=MA;COUNT=3', /BYDAY/],
    ['an empty rule', '', /vuota/],
  ])('%s', async (_name, rrule, message) => {
    const res = await series(w, rrule)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body.errors).toEqual([{ path: 'recurrence.rrule', message: expect.stringMatching(message) }])
    expect(res.body.detail).toMatch(message)
  })
})
