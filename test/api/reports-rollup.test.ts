import { sql } from 'kysely'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateHub } from '../../backend/features/catalogue/service.ts'
import { heatmapReport } from '../../backend/features/reports/heatmap-report.ts'
import { type UtilisationGrouping, utilisationRows } from '../../backend/features/reports/utilisation-queries.ts'
import { tstzrange } from '../../backend/time.ts'
import * as m0588 from '../../db/migrations/0588_usage_rollup_week_hours.ts'
import * as m0591 from '../../db/migrations/0591_usage_rollup_apply_one_statement.ts'
import * as m0621 from '../../db/migrations/0621_week_hours_add_plpgsql.ts'
import type { BookingStatus } from '../../db/schema.ts'
import { Prng } from '../../db/seed/scale.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { deferred } from '../helpers/deferred.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const STATUSES: BookingStatus[] = ['pending', 'confirmed', 'confirmed', 'completed', 'completed', 'no_show', 'cancelled', 'rejected']
const GROUPINGS: UtilisationGrouping[] = ['lab', 'hub', 'type', 'area', 'operator', 'team', 'week', 'month', 'lab_month']
const PERIODS = [
  { from: '2027-01-01', to: '2028-01-01' },
  { from: '2027-03-15', to: '2027-11-07' },
  { from: '2027-10-25', to: '2027-11-01' },
  { from: '2027-12-31', to: '2028-03-01' },
]

/**
 * The roll-up kept by triggers (0400, 0401, 0561) must give exactly what the bookings give: random bookings
 * (some across midnight, month ends and DST nights, in two time zones), then moves, status changes and
 * deletions, then every grouping over several periods, both ways.
 */
describe('the usage roll-up equals the direct computation', () => {
  let londonHubId = ''
  beforeAll(async () => {
    const rnd = new Prng(42)
    const operator = await ctx.make.operator()
    const hubs = [
      await ctx.make.hub({ timezone: 'Europe/Rome' }),
      await ctx.make.hub({ timezone: 'Europe/Rome' }),
      await ctx.make.hub({ timezone: 'Europe/London' }),
    ]
    londonHubId = hubs[2].id
    await ctx.make.concession({ hub_id: hubs[0].id, operator_id: operator.id, start_date: '2027-06-10', end_date: '2029-12-31' })
    const labs = [
      await ctx.make.lab({ hub_id: hubs[0].id, type: 'kitchen' }),
      await ctx.make.lab({ hub_id: hubs[0].id, type: 'it' }),
      await ctx.make.lab({ hub_id: hubs[1].id, type: 'gardening' }),
      await ctx.make.lab({ hub_id: hubs[2].id, type: 'digital' }),
    ]
    const teams = [(await ctx.make.team()).id, (await ctx.make.team()).id, (await ctx.make.team()).id]

    const rows = []
    for (const lab of labs) {
      const zone = hubs.find((h) => h.id === lab.hub_id)!.timezone
      let t = DateTime.fromISO('2026-12-30T20:00', { zone })
      const end = DateTime.fromISO('2028-03-03T00:00', { zone })
      while (t < end) {
        const start = t.plus({ minutes: 30 * rnd.int(0, 60) })
        const stop = start.plus({ minutes: 30 * rnd.int(1, 16) })
        const status = rnd.pick(STATUSES)
        const participants = status === 'completed' ? rnd.int(1, 30) : null
        rows.push({
          lab_id: lab.id,
          team_id: rnd.chance(0.2) ? null : rnd.pick(teams),
          title: 'Prova',
          during: tstzrange(start, stop),
          status,
          participants,
          checked_in_at: status !== 'no_show' && rnd.chance(0.3) ? start.plus({ minutes: 5 }).toJSDate() : null,
          participant_categories:
            participants === null
              ? null
              : JSON.stringify(rnd.chance(0.5) ? { donne: rnd.int(0, 5), giovani: rnd.int(0, 5) } : { anziani: rnd.int(0, 3) }),
        })
        t = stop
      }
    }
    for (let i = 0; i < rows.length; i += 500)
      await ctx.db
        .insertInto('bookings')
        .values(rows.slice(i, i + 500))
        .execute()
    // written after the bookings, which it overlaps (a closure over live bookings is refused through the API)
    await ctx.db
      .insertInto('closures')
      .values({
        hub_id: null,
        lab_id: labs[1].id,
        during: tstzrange(new Date('2027-05-03T10:00:00Z'), new Date('2027-05-05T12:00:00Z')),
        reason: 'x',
      })
      .execute()

    // later life: attendance, no-shows, cancellations, moves (later by a day, so never onto another booking), deletions
    await sql`update bookings set status = 'completed', participants = 7, participant_categories = '{"donne": 3}'
              where status = 'confirmed' and extract(minute from lower(during)) = 0 and extract(day from lower(during)) < 10`.execute(
      ctx.db,
    )
    await sql`update bookings set status = 'cancelled' where status = 'confirmed' and extract(day from lower(during)) between 10 and 12`.execute(
      ctx.db,
    )
    await sql`update bookings set status = 'no_show' where status = 'completed' and extract(day from lower(during)) = 13`.execute(ctx.db)
    await sql`update bookings set during = tstzrange(lower(during) + interval '90 minutes', upper(during) + interval '90 minutes')
              where status in ('completed', 'no_show') and extract(day from lower(during)) = 20`.execute(ctx.db)
    await sql`delete from bookings where status = 'rejected' and extract(day from lower(during)) > 15`.execute(ctx.db)
    // check-ins after the fact, and check-ins undone (a release reverted by staff)
    await sql`update bookings set checked_in_at = lower(during) where checked_in_at is null and status = 'completed'
              and extract(day from lower(during)) between 21 and 24`.execute(ctx.db)
    await sql`update bookings set checked_in_at = null where checked_in_at is not null and extract(day from lower(during)) = 25`.execute(
      ctx.db,
    )
  })

  const expectRollupEqualsDirect = async (period: { from: string; to: string }) => {
    for (const groupBy of GROUPINGS) {
      const q = { ...period, groupBy, scope: { hubIds: 'all' as const } }
      const byKey = (rows: Awaited<ReturnType<typeof utilisationRows>>) =>
        [...rows].sort((a, b) => `${a.is_total}|${a.key}`.localeCompare(`${b.is_total}|${b.key}`))
      const rollup = byKey(await utilisationRows(ctx.db, q, 'rollup'))
      const direct = byKey(await utilisationRows(ctx.db, q, 'direct'))
      expect(rollup, groupBy).toEqual(direct)
      expect(rollup.find((r) => r.is_total)!.bookings, groupBy).toBeGreaterThan(0)
      expect(rollup.find((r) => r.is_total)!.check_ins, groupBy).toBeGreaterThan(0)
    }
    const scope = { hubIds: 'all' as const }
    const heatmap = await heatmapReport(ctx.db, { ...period, scope }, 'rollup')
    expect(heatmap).toEqual(await heatmapReport(ctx.db, { ...period, scope }, 'direct'))
    expect(heatmap.totalHours).toBeGreaterThan(0)
  }

  /** Every roll-up row (and set of teams) as one sorted list of strings, to compare two states. */
  const rollupSnapshot = async () =>
    (
      await sql<{ r: string }>`
          select grain || start || lab_id || team_id || booked_secs || '/' || used_secs || '/' || bookings || '/' || no_shows || '/' || participants || '/' || check_ins as r
          from usage_rollup where booked_secs <> 0 or bookings <> 0
          union all
          select grain || start || lab_id || booked_secs || '/' || used_secs || '/' || bookings || '/' || participants || '/' || check_ins
          from usage_rollup_totals where booked_secs <> 0 or bookings <> 0
          union all
          select 'h' || month || lab_id || secs::text from usage_rollup_week_hours where secs <> array_fill(0::float8, array[168])
          union all
          select grain || start || lab_id || category || participants from usage_rollup_categories where participants <> 0
          union all
          select 't' || grain || start || lab_id || teams::text from usage_rollup_teams
          order by 1`.execute(ctx.db)
    ).rows.map((x) => x.r)

  /** The sets of teams (migration 0561) hold exactly the teams whose usage_rollup row counts a booking. */
  const expectTeamSetsEqualRollup = async () => {
    const fromSets = await sql<{ r: string }>`
      select p.grain || p.start || p.lab_id || t.team_id as r
      from usage_rollup_teams p join usage_rollup_team_numbers t on t.n < length(p.teams) and get_bit(p.teams, t.n) = 1
      order by 1`.execute(ctx.db)
    const fromRows = await sql<{ r: string }>`
      select grain || start || lab_id || team_id as r from usage_rollup
      where bookings > 0 and team_id <> '00000000-0000-0000-0000-000000000000'::uuid
      order by 1`.execute(ctx.db)
    expect(fromSets.rows).toEqual(fromRows.rows)
    expect(fromSets.rows.length).toBeGreaterThan(100)
  }

  for (const period of PERIODS) {
    it(`holds for every grouping over ${period.from} – ${period.to}`, () => expectRollupEqualsDirect(period))
  }

  it('keeps the sets of teams equal to the roll-up rows, and to the direct count within a narrowed scope', async () => {
    await expectTeamSetsEqualRollup()
    const hubId = (await ctx.db.selectFrom('labs').select('hub_id').where('type', '=', 'kitchen').executeTakeFirstOrThrow()).hub_id
    for (const scope of [
      { hubIds: 'all' as const, hubId },
      { hubIds: 'all' as const, type: 'gardening' },
    ]) {
      for (const groupBy of ['lab', 'month', 'week', 'operator'] as const) {
        const q = { ...PERIODS[1], groupBy, scope }
        const teams = (rows: Awaited<ReturnType<typeof utilisationRows>>) =>
          rows.map((r) => `${r.is_total}|${r.key}|${r.distinct_teams}`).sort()
        expect(teams(await utilisationRows(ctx.db, q, 'rollup')), groupBy).toEqual(teams(await utilisationRows(ctx.db, q, 'direct')))
      }
    }
  })

  it('keeps the sets of teams when a booking moves to another team, is cancelled, or is deleted', async () => {
    // teams with no other booking: when this one goes, their roll-up rows fall to zero, and the team grouping
    // must still equal the direct computation (no row for them)
    const [teamA, teamB] = [(await ctx.make.team()).id, (await ctx.make.team()).id]
    const itLab = await ctx.db.selectFrom('labs').select('hub_id').where('type', '=', 'it').executeTakeFirstOrThrow()
    const lab = await ctx.make.lab({ hub_id: itLab.hub_id, type: 'it' })
    const during = tstzrange(new Date('2027-08-02T21:00:00Z'), new Date('2027-08-02T22:00:00Z'))
    const booking = await ctx.db
      .insertInto('bookings')
      .values({ lab_id: lab.id, team_id: teamA, title: 'Sera', during, status: 'confirmed' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expectTeamSetsEqualRollup()
    await ctx.db.updateTable('bookings').set({ team_id: teamB }).where('id', '=', booking.id).execute()
    await expectTeamSetsEqualRollup()
    await ctx.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', booking.id).execute()
    await expectTeamSetsEqualRollup()
    await ctx.db.updateTable('bookings').set({ status: 'completed', team_id: teamA }).where('id', '=', booking.id).execute()
    await expectTeamSetsEqualRollup()
    await ctx.db.deleteFrom('bookings').where('id', '=', booking.id).execute()
    await expectTeamSetsEqualRollup()
    for (const period of PERIODS) await expectRollupEqualsDirect(period)
  })

  it('keeps a set of teams exact when two transactions add teams to it at once', async () => {
    const booked = await sql<{ team_id: string }>`select distinct team_id from bookings where team_id is not null order by 1`.execute(
      ctx.db,
    )
    const [teamA, teamB] = booked.rows.slice(-2).map((r) => r.team_id)
    const kitchen = await ctx.db.selectFrom('labs').select('hub_id').where('type', '=', 'kitchen').executeTakeFirstOrThrow()
    const lab = await ctx.make.lab({ hub_id: kitchen.hub_id, type: 'kitchen' })
    const book = (teamId: string, hour: number) => ({
      lab_id: lab.id,
      team_id: teamId,
      title: 'Insieme',
      during: tstzrange(new Date(Date.UTC(2027, 8, 7, hour)), new Date(Date.UTC(2027, 8, 7, hour + 1))),
      status: 'confirmed' as const,
    })
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const afterFirstInsert = deferred()
    // on PostgreSQL the second writes while the first holds its sets (same lab, day and month): it must wait for
    // them, then count both teams (on the embedded engine transactions take turns)
    const outcomes = await Promise.allSettled([
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('bookings').values(book(teamA, 8)).execute()
        afterFirstInsert.resolve()
        await pause(300)
      }),
      ctx.db.transaction().execute(async (trx) => {
        await afterFirstInsert.promise
        await trx.insertInto('bookings').values(book(teamB, 10)).execute()
      }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled'])
    await expectTeamSetsEqualRollup()
    const sets = await sql<{
      n: number
    }>`select bit_count(teams)::int as n from usage_rollup_teams where lab_id = ${lab.id} order by grain`.execute(ctx.db)
    expect(sets.rows.map((r) => r.n)).toEqual([2, 2])
  })

  it('keeps a set of teams exact when one transaction takes a team out of it while another adds one', async () => {
    const booked = await sql<{ team_id: string }>`select distinct team_id from bookings where team_id is not null order by 1`.execute(
      ctx.db,
    )
    const [teamA, teamB] = booked.rows.slice(0, 2).map((r) => r.team_id)
    const kitchen = await ctx.db.selectFrom('labs').select('hub_id').where('type', '=', 'kitchen').executeTakeFirstOrThrow()
    const lab = await ctx.make.lab({ hub_id: kitchen.hub_id, type: 'kitchen' })
    const during = (hour: number) => tstzrange(new Date(Date.UTC(2027, 8, 14, hour)), new Date(Date.UTC(2027, 8, 14, hour + 1)))
    const first = await ctx.db
      .insertInto('bookings')
      .values({ lab_id: lab.id, team_id: teamA, title: 'Prima', during: during(8), status: 'confirmed' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const afterCancel = deferred()
    // the first clears team A's bits (its only booking there is cancelled) and holds the sets; the second adds
    // team B to them meanwhile: it must wait and add to what the first left, not to what it read before
    const outcomes = await Promise.allSettled([
      ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', first.id).execute()
        afterCancel.resolve()
        await pause(300)
      }),
      ctx.db.transaction().execute(async (trx) => {
        await afterCancel.promise
        await trx
          .insertInto('bookings')
          .values({ lab_id: lab.id, team_id: teamB, title: 'Seconda', during: during(10), status: 'confirmed' })
          .execute()
      }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled'])
    await expectTeamSetsEqualRollup()
    const sets = await sql<{
      n: number
    }>`select bit_count(teams)::int as n from usage_rollup_teams where lab_id = ${lab.id} order by grain`.execute(ctx.db)
    expect(sets.rows.map((r) => r.n)).toEqual([1, 1])
  })

  it('is rebuilt to the same rows from the bookings', async () => {
    const kept = await rollupSnapshot()
    await sql`select usage_rollup_rebuild()`.execute(ctx.db)
    expect(await rollupSnapshot()).toEqual(kept)
    expect(kept.length).toBeGreaterThan(100)
  })

  it('follows a hub that changes time zone (its days are local days)', async () => {
    const admin = await ctx.make.user({ role: 'admin' })
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' as const, operatorId: null, locale: 'it' as const }
    await updateHub(ctx.db, actor, londonHubId, { timezone: 'America/New_York' })
    for (const period of PERIODS) await expectRollupEqualsDirect(period)
    await expectTeamSetsEqualRollup()
  })

  it('keeps the heatmap’s hours through migration 0588 and back (rows of 0540 ⇄ one array of 168 per lab and month)', async () => {
    const cells = sql<{ r: string }>`
      select w.month || '/' || w.lab_id || '/' || c.i || '/' || c.s as r
      from usage_rollup_week_hours w cross join lateral unnest(w.secs) with ordinality c(s, i)
      where c.s <> 0 order by 1`
    const arrays = await cells.execute(ctx.db)
    expect(arrays.rows.length).toBeGreaterThan(100)
    // down in reverse order (0591 and 0621 redefine 0588's functions), and back up to the latest
    await m0621.down(ctx.db)
    await m0591.down(ctx.db)
    await m0588.down(ctx.db)
    const rows = await sql<{ r: string }>`
      select month || '/' || lab_id || '/' || ((isodow - 1) * 24 + hour + 1) || '/' || booked_secs as r
      from usage_rollup_hours where booked_secs <> 0 order by 1`.execute(ctx.db)
    expect(rows.rows).toEqual(arrays.rows)
    await m0588.up(ctx.db)
    await m0591.up(ctx.db)
    await m0621.up(ctx.db)
    expect((await cells.execute(ctx.db)).rows).toEqual(arrays.rows)
    // and the triggers write the arrays again
    const lab = await ctx.make.lab({ hub_id: londonHubId, type: 'kitchen' })
    await ctx.make.booking({ lab_id: lab.id, start: '2027-11-09T10:00', end: '2027-11-09T11:30', status: 'confirmed' })
    for (const period of PERIODS) await expectRollupEqualsDirect(period)
  })

  it('adds two weeks of hours element by element in PL/pgSQL (0621) as 0588’s SQL function did', async () => {
    const sums = async () => {
      const { rows } = await sql<{ language: string; sums: number[][] }>`
        select (select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang where p.proname = 'usage_week_hours_add') as language,
          array[usage_week_hours_add(a, b), usage_week_hours_add(b, a), usage_week_hours_add(a, a)] as sums
        from (select array_agg(sin(i) * 3600 order by i) as a, array_agg(i * 0.25 order by i) as b from generate_series(1, 168) i) w
      `.execute(ctx.db)
      return rows[0]
    }
    const latest = await sums()
    expect(latest.language).toBe('plpgsql')
    expect(latest.sums[0]).toHaveLength(168)
    expect(latest.sums[0][9]).toBeCloseTo(Math.sin(10) * 3600 + 2.5, 9)
    await m0621.down(ctx.db)
    try {
      const of0588 = await sums()
      expect(of0588.language).toBe('sql')
      expect(of0588.sums).toEqual(latest.sums)
    } finally {
      await m0621.up(ctx.db)
    }
    expect((await sums()).language).toBe('plpgsql')
  })

  it('writes the same rows with usage_rollup_apply in one statement (0591) as with 0588’s four, and goes back to 0588’s', async () => {
    const definition = async () =>
      (await sql<{ d: string }>`select pg_get_functiondef('usage_rollup_apply(bookings[], integer)'::regprocedure) as d`.execute(ctx.db))
        .rows[0].d
    // the database is at the latest migration: 0591 down gives back 0588's function, and up and down again the same
    const of0591 = await definition()
    await m0591.down(ctx.db)
    const of0588 = await definition()
    expect(of0588).not.toEqual(of0591)
    await m0591.up(ctx.db)
    expect(await definition()).toEqual(of0591)
    await m0591.down(ctx.db)
    expect(await definition()).toEqual(of0588)
    await sql`select usage_rollup_rebuild()`.execute(ctx.db)
    const by0588 = await rollupSnapshot()
    expect(by0588.length).toBeGreaterThan(100)
    await m0591.up(ctx.db)
    await sql`select usage_rollup_rebuild()`.execute(ctx.db)
    expect(await rollupSnapshot()).toEqual(by0588)
    // and the triggers keep it with 0591's function through every kind of edit
    const lab = await ctx.make.lab({ hub_id: londonHubId, type: 'kitchen' })
    const team = await ctx.make.team()
    const one = await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-11-10T22:30',
      end: '2027-11-12T01:15',
      status: 'confirmed',
      participants: 7,
      participant_categories: { under_18: 4, over_65: 3 },
    })
    await sql`update bookings set status = 'completed', checked_in_at = lower(during) where id = ${one.id}`.execute(ctx.db)
    await sql`update bookings set during = tstzrange(lower(during) + interval '1 day', upper(during) + interval '1 day') where id = ${one.id}`.execute(
      ctx.db,
    )
    for (const period of PERIODS) await expectRollupEqualsDirect(period)
    await expectTeamSetsEqualRollup()
    await sql`delete from bookings where id = ${one.id}`.execute(ctx.db)
    for (const period of PERIODS) await expectRollupEqualsDirect(period)
  })
})
