import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type UtilisationGrouping, type UtilisationQuery, utilisationRows } from '../../backend/features/reports/utilisation-queries.ts'
import { parseInstant, tstzrange } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/**
 * The open hours of whole months memoised per lab (migration 0589) against the direct computation, after each edit
 * that the triggers must answer by forgetting the labs' rows: every report below first fills the memo, then an edit,
 * then the next report must see it.
 */
describe('open hours memo', () => {
  let hubA: string
  let hubB: string
  let labA1: string
  let labA2: string
  let labB: string
  const periods = [
    { from: '2027-01-01', to: '2028-01-01' }, // whole months only: no edges
    { from: '2027-02-14', to: '2027-11-09' }, // edges at both ends
    { from: '2027-03-01', to: '2027-04-01' }, // March: the clocks go forward on the 28th
    { from: '2027-10-05', to: '2027-10-20' }, // no whole month: no memo
  ]
  const groupings: UtilisationGrouping[] = ['lab', 'hub', 'month', 'lab_month', 'type']

  const memoRows = async () => Number((await sql<{ n: string }>`select count(*) as n from open_hours_memo`.execute(ctx.db)).rows[0].n)

  /** Every period and grouping: memoised = direct (open seconds per key); returns the memo's size after. */
  async function check(label: string): Promise<number> {
    for (const period of periods) {
      for (const groupBy of groupings) {
        const q: UtilisationQuery = { ...period, groupBy, scope: { hubIds: [hubA, hubB] } }
        const open = (rows: Awaited<ReturnType<typeof utilisationRows>>) =>
          Object.fromEntries(rows.map((r) => [`${r.is_total}/${r.key}`, r.open_secs]))
        const memo = await utilisationRows(ctx.db, q, 'rollup')
        const direct = await utilisationRows(ctx.db, q, 'direct')
        expect(open(memo), `${label}: ${groupBy} ${period.from}–${period.to}`).toEqual(open(direct))
        expect(memo.some((r) => 'memo_gaps' in r)).toBe(false)
      }
    }
    return memoRows()
  }

  const at = (local: string, tz = 'Europe/Rome') => parseInstant(local, tz)!

  beforeAll(async () => {
    hubA = (await ctx.make.hub({ name: 'Hub Corvetto', timezone: 'Europe/Rome' })).id
    hubB = (await ctx.make.hub({ name: 'Hub Lisbona', timezone: 'Europe/Lisbon' })).id
    labA1 = (await ctx.make.lab({ hub_id: hubA, type: 'kitchen' })).id
    labA2 = (await ctx.make.lab({ hub_id: hubA, type: 'tailoring' })).id
    labB = (await ctx.make.lab({ hub_id: hubB, type: 'kitchen' })).id
    // a day open round the clock on Sundays: 23 h on 28 March 2027, 25 h on 31 October (real elapsed time)
    await ctx.db.insertInto('opening_hours').values({ hub_id: hubA, weekday: 7, opens: '00:00', closes: '24:00' }).execute()
  })

  it('fills the memo and reads it (DST months included)', async () => {
    expect(await check('first')).toBeGreaterThan(0)
    // 3 labs × 12 months of 2027 at least
    const months = await sql<{
      n: string
    }>`select count(*) as n from open_hours_memo where month >= '2027-01-01' and month < '2028-01-01'`.execute(ctx.db)
    expect(Number(months.rows[0].n)).toBe(36)
    // the memo is what the report reads: a wrong figure there shows up in the report (until an edit forgets it)
    await sql`update open_hours_memo set seconds = seconds + 3600 where lab_id = ${labA1} and month = '2027-05-01'`.execute(ctx.db)
    const q: UtilisationQuery = { from: '2027-05-01', to: '2027-06-01', groupBy: 'lab', scope: { hubIds: [hubA] } }
    const memo = (await utilisationRows(ctx.db, q, 'rollup')).find((r) => r.key === labA1)!
    const direct = (await utilisationRows(ctx.db, q, 'direct')).find((r) => r.key === labA1)!
    expect(memo.open_secs - direct.open_secs).toBe(3600)
    await sql`delete from open_hours_memo where lab_id = ${labA1} and month = '2027-05-01'`.execute(ctx.db)
  })

  it('forgets after opening hours are edited (insert, update, delete)', async () => {
    await check('before')
    await ctx.db.insertInto('opening_hours').values({ hub_id: hubB, weekday: 7, opens: '10:00', closes: '13:00' }).execute()
    expect(await memoRowsOf(labB)).toBe(0)
    await check('opening hours added')
    await ctx.db.updateTable('opening_hours').set({ closes: '20:30' }).where('hub_id', '=', hubA).where('weekday', '=', 2).execute()
    expect(await memoRowsOf(labA1)).toBe(0)
    expect(await memoRowsOf(labB)).toBeGreaterThan(0)
    await check('opening hours changed')
    await ctx.db.deleteFrom('opening_hours').where('hub_id', '=', hubA).where('weekday', '=', 3).execute()
    await check('opening hours removed')
  })

  it('forgets after closures are added and removed (global, the hub’s, a lab’s)', async () => {
    await check('before')
    const add = async (where: { hub_id?: string; lab_id?: string }, start: string, end: string) =>
      (
        await ctx.db
          .insertInto('closures')
          .values({ hub_id: where.hub_id ?? null, lab_id: where.lab_id ?? null, during: tstzrange(at(start), at(end)), reason: 'Chiusura' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const hubClosure = await add({ hub_id: hubA }, '2027-06-07T09:00', '2027-06-09T12:00')
    expect(await memoRowsOf(labA2)).toBe(0)
    expect(await memoRowsOf(labB)).toBeGreaterThan(0)
    await check('hub closure added')
    const labClosure = await add({ lab_id: labA2 }, '2027-03-27T20:00', '2027-03-28T05:00') // across the DST night
    expect(await memoRowsOf(labA2)).toBe(0)
    expect(await memoRowsOf(labA1)).toBeGreaterThan(0)
    await check('lab closure added')
    const global = await add({}, '2027-12-24T14:00', '2027-12-27T00:00')
    expect(await memoRows()).toBe(0)
    await check('global closure added')
    await ctx.db
      .updateTable('closures')
      .set({ during: tstzrange(at('2027-06-08T09:00'), at('2027-06-08T18:00')) })
      .where('id', '=', hubClosure)
      .execute()
    await check('hub closure moved')
    for (const id of [labClosure, hubClosure, global]) {
      await ctx.db.deleteFrom('closures').where('id', '=', id).execute()
      await check(`closure ${id} removed`)
    }
  })

  it('forgets after a hub changes time zone and a lab moves to another hub', async () => {
    await check('before')
    await ctx.db.updateTable('hubs').set({ name: 'Hub Corvetto 2' }).where('id', '=', hubA).execute()
    expect(await memoRowsOf(labA1)).toBeGreaterThan(0) // a new name changes nothing
    await ctx.db.updateTable('hubs').set({ timezone: 'America/New_York' }).where('id', '=', hubB).execute()
    expect(await memoRowsOf(labB)).toBe(0)
    expect(await memoRowsOf(labA1)).toBeGreaterThan(0)
    await check('time zone changed')
    await ctx.db.updateTable('labs').set({ hub_id: hubB }).where('id', '=', labA2).execute()
    expect(await memoRowsOf(labA2)).toBe(0)
    expect(await memoRowsOf(labA1)).toBeGreaterThan(0)
    await check('lab moved')
    await ctx.db.updateTable('hubs').set({ timezone: 'Europe/Rome' }).where('id', '=', hubB).execute()
    await check('time zone back')
  })

  it('open_hours_memo_reset() makes the reports right again after edits made with the triggers disabled', async () => {
    await check('before')
    const filled = await memoRows()
    expect(filled).toBeGreaterThan(0)
    const probe: UtilisationQuery = { from: '2027-01-01', to: '2028-01-01', groupBy: 'lab', scope: { hubIds: [hubA, hubB] } }
    const openOf = async (mode: 'rollup' | 'direct') =>
      Object.fromEntries((await utilisationRows(ctx.db, probe, mode)).map((r) => [`${r.is_total}/${r.key}`, r.open_secs]))
    // edits by hand that the triggers would have answered: opening hours removed, a global closure, a lab moved
    for (const table of ['opening_hours', 'closures', 'labs'] as const)
      await sql`alter table ${sql.table(table)} disable trigger user`.execute(ctx.db)
    try {
      await ctx.db.deleteFrom('opening_hours').where('hub_id', '=', hubB).where('weekday', '=', 1).execute()
      await ctx.db
        .insertInto('closures')
        .values({ hub_id: null, lab_id: null, during: tstzrange(at('2027-08-09T00:00'), at('2027-08-23T00:00')), reason: 'Ferragosto' })
        .execute()
      await ctx.db.updateTable('labs').set({ hub_id: hubA }).where('id', '=', labA2).execute()
    } finally {
      for (const table of ['opening_hours', 'closures', 'labs'] as const)
        await sql`alter table ${sql.table(table)} enable trigger user`.execute(ctx.db)
    }
    expect(await memoRows()).toBe(filled) // nothing forgot: the memo is stale
    expect(await openOf('rollup')).not.toEqual(await openOf('direct'))
    const forgotten = await sql<{ n: string }>`select open_hours_memo_reset() as n`.execute(ctx.db)
    expect(Number(forgotten.rows[0].n)).toBe(filled)
    expect(await memoRows()).toBe(0)
    expect(await openOf('rollup')).toEqual(await openOf('direct'))
    expect(await check('after the reset')).toBeGreaterThan(0)
    // a reset of an empty memo is harmless
    await sql`delete from open_hours_memo`.execute(ctx.db)
    expect(Number((await sql<{ n: string }>`select open_hours_memo_reset() as n`.execute(ctx.db)).rows[0].n)).toBe(0)
  })

  async function memoRowsOf(labId: string): Promise<number> {
    const r = await sql<{ n: string }>`select count(*) as n from open_hours_memo where lab_id = ${labId}`.execute(ctx.db)
    return Number(r.rows[0].n)
  }
})
