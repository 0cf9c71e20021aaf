import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as m0622 from '../../db/migrations/0622_bookings_lab_lock.ts'
import type { Database } from '../../db/schema.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { deferred } from '../helpers/deferred.ts'

// Issue 18, "a lost race is a 409": writers of one lab's live bookings take turns (migration 0622).
// `*.postgres.test.ts`: the embedded engine has one connection, so no two transactions ever interleave.

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const TUESDAY = { start: '2027-10-19T16:00:00Z', end: '2027-10-19T18:00:00Z' }
const THURSDAY = { start: '2027-10-21T16:00:00Z', end: '2027-10-21T18:00:00Z' }

function insert(trx: Transaction<Database>, labId: string, slot: { start: string; end: string }) {
  return sql`insert into bookings (lab_id, title, during, status)
    values (${labId}, 'Corsa', tstzrange(${slot.start}::timestamptz, ${slot.end}::timestamptz), 'confirmed')`.execute(trx)
}

/** Whether the backend `pid` is waiting for a lock of the given type (pg_locks), polled for up to two seconds. */
async function waitsFor(pid: number, locktype: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks where pid = ${pid} and not granted and locktype = ${locktype}`.execute(ctx.db)
    if (rows[0].n > 0) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

/**
 * Two transactions booking the same two slots of one lab in opposite orders: A takes Tuesday, B Thursday, then
 * each the other's. Without the lab's lock they wait for each other (a deadlock PostgreSQL breaks after a second);
 * with it B waits for A's whole transaction and then meets A's Thursday: an overlap, at once.
 */
async function crossedWriters(labId: string) {
  const aHasWritten = deferred()
  const bPid = deferred<number>()
  const aMayFinish = deferred()
  const a = ctx.db.transaction().execute(async (trx) => {
    await insert(trx, labId, TUESDAY)
    aHasWritten.resolve()
    await aMayFinish.promise
    await insert(trx, labId, THURSDAY)
  })
  await aHasWritten.promise
  const b = ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
    bPid.resolve(rows[0].pid)
    await insert(trx, labId, THURSDAY)
    await insert(trx, labId, TUESDAY)
  })
  const pid = await bPid.promise
  return { a, b, pid, finishA: () => aMayFinish.resolve() }
}

describe('the lab lock (0622)', () => {
  it('makes a second writer of the lab wait for the first, then meet its booking as an overlap, not a deadlock', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const { a, b, pid, finishA } = await crossedWriters(lab.id)
    // B waits for A's lock on the lab before writing anything
    expect(await waitsFor(pid, 'advisory')).toBe(true)
    finishA()
    await a
    const failure = await b.then(
      () => null,
      (err: { code?: string; constraint?: string }) => err,
    )
    expect(failure?.code).toBe('23P01')
    expect(failure?.constraint).toBe('bookings_no_overlap')
    const stored = await ctx.db.selectFrom('bookings').select('id').where('lab_id', '=', lab.id).execute()
    expect(stored).toHaveLength(2)
  })

  it('leaves other labs, and changes that keep a lab’s live time, free of it', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const other = await ctx.make.lab({ hub_id: hub.id })
    const team = await ctx.make.team()
    const booking = await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      status: 'pending',
      start: '2027-11-02T16:00:00Z',
      end: '2027-11-02T18:00:00Z',
    })
    await ctx.db.transaction().execute(async (holder) => {
      await insert(holder, lab.id, TUESDAY)
      // with the lab locked by `holder`, these answer at once (a lock would make them wait: lock_timeout)
      await ctx.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '500ms'`.execute(trx)
        await insert(trx, other.id, TUESDAY)
        await trx.updateTable('bookings').set({ status: 'confirmed', title: 'Approvata' }).where('id', '=', booking.id).execute()
        await trx.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', booking.id).execute()
      })
      // bringing a booking back to life in the locked lab waits for the lock
      const back = ctx.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '300ms'`.execute(trx)
        await trx.updateTable('bookings').set({ status: 'confirmed' }).where('id', '=', booking.id).execute()
      })
      await expect(back).rejects.toMatchObject({ code: '55P03' })
    })
  })

  it('is gone after its down migration, and back after its up', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    await m0622.down(ctx.db)
    try {
      const { a, b, pid, finishA } = await crossedWriters(lab.id)
      // without the lock, B writes its Thursday at once and then waits for A's Tuesday: a deadlock follows
      expect(await waitsFor(pid, 'transactionid')).toBe(true)
      finishA()
      const outcomes = await Promise.allSettled([a, b])
      const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code?: string }).code : 'ok'))
      expect(codes).toContain('40P01')
    } finally {
      await m0622.up(ctx.db)
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname like 'bookings_lock_lab_%'`.execute(
      ctx.db,
    )
    expect(rows[0].n).toBe(2)
  })
})
