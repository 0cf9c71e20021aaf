import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../db/connect.ts'
import { migrations } from '../../db/migrations/index.ts'
import type { Database } from '../../db/schema.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

// The same migrations and the same constraints on both engines: the database is the referee.

let ctx: TestContext
let db: Kysely<Database>
beforeAll(async () => {
  ctx = await createTestContext()
  db = ctx.db
})
afterAll(() => ctx?.close())

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(statement: Promise<unknown>): Promise<string> {
  try {
    await statement
    return 'ok'
  } catch (err) {
    return (err as { code?: string }).code ?? String(err)
  }
}

const EXCLUSION = '23P01'
const CHECK = '23514'
const range = (from: string, to: string) => sql<string>`tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`

function booking(
  labId: string,
  from: string,
  to: string,
  status: 'pending' | 'confirmed' | 'cancelled' | 'rejected' | 'completed' = 'confirmed',
) {
  return db
    .insertInto('bookings')
    .values({ lab_id: labId, title: 'Prova', during: range(from, to), status })
    .returning('id')
    .executeTakeFirstOrThrow()
}

describe('migrations', () => {
  it('ran every registered migration, in order, and running them again changes nothing', async () => {
    const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    expect(done.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort())
    await migrateToLatest(db)
    const again = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db)
    expect(again.rows[0].n).toBe(Object.keys(migrations).length)
  })

  it('installed btree_gist', async () => {
    const ext = await sql<{ extname: string }>`select extname from pg_extension where extname = 'btree_gist'`.execute(db)
    expect(ext.rows).toHaveLength(1)
  })
})

describe('bookings never overlap while live', () => {
  it('refuses a second confirmed or pending booking over the same time of one lab', async () => {
    const lab = await ctx.make.lab()
    await booking(lab.id, '2027-10-19T18:00:00+02', '2027-10-19T20:00:00+02')
    expect(await outcome(booking(lab.id, '2027-10-19T19:00:00+02', '2027-10-19T21:00:00+02'))).toBe(EXCLUSION)
    expect(await outcome(booking(lab.id, '2027-10-19T17:00:00+02', '2027-10-19T18:30:00+02', 'pending'))).toBe(EXCLUSION)
  })

  it('allows cancelled, rejected and completed overlaps, touching ranges and other labs', async () => {
    const lab = await ctx.make.lab()
    const other = await ctx.make.lab()
    await booking(lab.id, '2027-10-20T10:00:00+02', '2027-10-20T12:00:00+02')
    for (const status of ['cancelled', 'rejected', 'completed'] as const) {
      expect(await outcome(booking(lab.id, '2027-10-20T10:30:00+02', '2027-10-20T11:30:00+02', status))).toBe('ok')
    }
    expect(await outcome(booking(lab.id, '2027-10-20T12:00:00+02', '2027-10-20T13:00:00+02'))).toBe('ok')
    expect(await outcome(booking(other.id, '2027-10-20T10:00:00+02', '2027-10-20T12:00:00+02'))).toBe('ok')
  })

  it('refuses to revive a cancelled booking over a live one', async () => {
    const lab = await ctx.make.lab()
    const cancelled = await booking(lab.id, '2027-10-21T10:00:00+02', '2027-10-21T12:00:00+02', 'cancelled')
    await booking(lab.id, '2027-10-21T11:00:00+02', '2027-10-21T13:00:00+02')
    expect(await outcome(db.updateTable('bookings').set({ status: 'confirmed' }).where('id', '=', cancelled.id).execute())).toBe(EXCLUSION)
  })

  it('refuses an empty or backwards range and a title over 200 characters', async () => {
    const lab = await ctx.make.lab()
    expect(await outcome(booking(lab.id, '2027-10-22T12:00:00+02', '2027-10-22T12:00:00+02'))).toBe(CHECK)
    expect(await outcome(booking(lab.id, '2027-10-22T12:00:00+02', '2027-10-22T10:00:00+02'))).toBe('22000')
    const long = db
      .insertInto('bookings')
      .values({
        lab_id: lab.id,
        title: 'x'.repeat(201),
        during: range('2027-10-22T14:00:00+02', '2027-10-22T15:00:00+02'),
        status: 'confirmed',
      })
      .execute()
    expect(await outcome(long)).toBe(CHECK)
  })
})

describe('other constraints', () => {
  it('two concessions of one hub may not overlap, unless one is terminated', async () => {
    const hub = await ctx.make.hub()
    const a = await ctx.make.operator()
    const b = await ctx.make.operator()
    await ctx.make.concession({ hub_id: hub.id, operator_id: a.id, start_date: '2027-01-01', end_date: '2028-12-31' })
    expect(
      await outcome(ctx.make.concession({ hub_id: hub.id, operator_id: b.id, start_date: '2028-12-31', end_date: '2030-12-31' })),
    ).toBe(EXCLUSION)
    expect(
      await outcome(
        ctx.make.concession({ hub_id: hub.id, operator_id: b.id, start_date: '2028-06-01', end_date: '2030-12-31', status: 'terminated' }),
      ),
    ).toBe('ok')
    expect(
      await outcome(ctx.make.concession({ hub_id: hub.id, operator_id: b.id, start_date: '2029-01-01', end_date: '2030-12-31' })),
    ).toBe('ok')
  })

  it('one asset is never allocated twice at once, unless the first allocation was released', async () => {
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const asset = await ctx.make.asset({ type_id: type.id, lab_id: lab.id })
    const first = await booking(lab.id, '2027-11-02T10:00:00+01', '2027-11-02T12:00:00+01')
    const second = await booking(lab.id, '2027-11-02T12:00:00+01', '2027-11-02T14:00:00+01')
    const allocate = (bookingId: string, from: string, to: string) =>
      db
        .insertInto('equipment_allocations')
        .values({ asset_id: asset.id, booking_id: bookingId, during: range(from, to) })
        .returning('id')
        .executeTakeFirstOrThrow()
    const held = await allocate(first.id, '2027-11-02T10:00:00+01', '2027-11-02T12:00:00+01')
    expect(await outcome(allocate(second.id, '2027-11-02T11:00:00+01', '2027-11-02T14:00:00+01'))).toBe(EXCLUSION)
    await db.updateTable('equipment_allocations').set({ released_at: new Date() }).where('id', '=', held.id).execute()
    expect(await outcome(allocate(second.id, '2027-11-02T11:00:00+01', '2027-11-02T14:00:00+01'))).toBe('ok')
  })

  it('opening intervals of one hub and weekday may not overlap or run backwards', async () => {
    const hub = await ctx.make.hub({ opening: [{ weekday: 1, open: '09:00', close: '13:00' }] })
    const add = (weekday: number, opens: string, closes: string) =>
      db.insertInto('opening_hours').values({ hub_id: hub.id, weekday, opens, closes }).execute()
    expect(await outcome(add(1, '12:00', '15:00'))).toBe(EXCLUSION)
    expect(await outcome(add(1, '13:00', '15:00'))).toBe('ok')
    expect(await outcome(add(2, '12:00', '15:00'))).toBe('ok')
    expect(await outcome(add(3, '15:00', '12:00'))).toBe(CHECK)
    expect(await outcome(add(8, '09:00', '12:00'))).toBe(CHECK)
  })

  it('check constraints refuse an unknown lab type, a zero capacity and min above max duration', async () => {
    const hub = await ctx.make.hub()
    const lab = (o: Record<string, unknown>) =>
      db
        .insertInto('labs')
        .values({ hub_id: hub.id, name: 'Lab', type: 'kitchen', capacity: 10, ...o } as never)
        .execute()
    expect(await outcome(lab({ type: 'sauna' }))).toBe(CHECK)
    expect(await outcome(lab({ capacity: 0 }))).toBe(CHECK)
    expect(await outcome(lab({ min_duration_minutes: 300, max_duration_minutes: 60 }))).toBe(CHECK)
    expect(await outcome(lab({}))).toBe('ok')
  })

  it('an operator account needs its operator, and emails are stored lower-case and unique', async () => {
    const user = (o: Record<string, unknown>) =>
      db
        .insertInto('users')
        .values({ email: `u-${Math.random().toString(36).slice(2)}@example.org`, name: 'U', role: 'member', ...o } as never)
        .execute()
    expect(await outcome(user({ role: 'operator' }))).toBe(CHECK)
    expect(await outcome(user({ email: 'Mixed@Example.org' }))).toBe(CHECK)
    expect(await outcome(user({ email: 'same@example.org' }))).toBe('ok')
    expect(await outcome(user({ email: 'same@example.org' }))).toBe('23505')
  })

  it('a closure belongs to a hub or a lab or to every hub, never to both', async () => {
    const lab = await ctx.make.lab()
    const closure = (o: { hub_id: string | null; lab_id: string | null }) =>
      db
        .insertInto('closures')
        .values({ ...o, during: range('2027-12-07T00:00:00+01', '2027-12-08T00:00:00+01'), reason: "Sant'Ambrogio" })
        .execute()
    expect(await outcome(closure({ hub_id: lab.hub_id, lab_id: lab.id }))).toBe(CHECK)
    expect(await outcome(closure({ hub_id: null, lab_id: null }))).toBe('ok')
  })
})
