import { sql } from 'kysely'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateHub } from '../../backend/features/catalogue/service.ts'
import { attributeBookings, type ConsumingBooking, type GrantUsage } from '../../backend/features/grants/accounting.ts'
import { coveredBookingsOfTeams, grantUsage, toGrantTerms } from '../../backend/features/grants/usage.ts'
import { tstzrange } from '../../backend/time.ts'
import type { BookingStatus } from '../../db/schema.ts'
import { Prng } from '../../db/seed/scale.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/**
 * The old rule, whole: every team's covered bookings read in the order they were made and run through the
 * first-booked-first-served ledger (what grantUsage did for every team before grant_coverage, migration 0550).
 */
async function byLedger(): Promise<Map<string, GrantUsage>> {
  const grants = await ctx.db.selectFrom('grants').selectAll().orderBy('team_id').orderBy('created_at').execute()
  const bookings = await coveredBookingsOfTeams(ctx.db, 'all')
  const result = new Map<string, GrantUsage>()
  for (const teamId of new Set(grants.map((g) => g.team_id))) {
    const own: ConsumingBooking[] = bookings.filter((b) => b.teamId === teamId)
    const { usage } = attributeBookings(grants.filter((g) => g.team_id === teamId).map(toGrantTerms), own)
    for (const u of usage) result.set(u.grantId, u)
  }
  return result
}

async function expectSameAsLedger() {
  const expected = await byLedger()
  const actual = await grantUsage(ctx.db)
  expect(actual.length).toBe(expected.size)
  for (const row of actual) expect({ grant: row.grantId, ...row.seconds }).toEqual({ grant: row.grantId, ...expected.get(row.grantId) })
  // the roll-up kept by the triggers is what a rebuild from the bookings gives
  const coverage = () => ctx.db.selectFrom('grant_coverage').selectAll().orderBy('grant_id').execute()
  const kept = await coverage()
  await sql`select grant_coverage_rebuild()`.execute(ctx.db)
  expect(await coverage()).toEqual(kept)
  return { expected, actual }
}

const STATUSES: BookingStatus[] = ['pending', 'confirmed', 'confirmed', 'completed', 'completed', 'no_show', 'cancelled', 'rejected']

/**
 * grantUsage reads the grants' coverage (grant_coverage, kept by triggers) and runs the ledger only for teams
 * whose grants overlap or are overdrawn. It must give exactly what the ledger over every booking gives: random
 * bookings made in an order unrelated to their dates, in two time zones, then cancellations, completions,
 * moves across a grant's last day, a change of team, deletions, grants edited and added, a lab changing type
 * and a hub changing time zone.
 */
describe('grant usage from the coverage roll-up equals the first-booked-first-served ledger', () => {
  const teams: Record<'plenty' | 'tight' | 'overlapping' | 'years' | 'idle', string> = {
    plenty: '',
    tight: '',
    overlapping: '',
    years: '',
    idle: '',
  }
  let hubIds: string[] = []
  let labIds: string[] = []

  beforeAll(async () => {
    const rnd = new Prng(18)
    const hubs = [
      await ctx.make.hub({ timezone: 'Europe/Rome' }),
      await ctx.make.hub({ timezone: 'Europe/Rome' }),
      await ctx.make.hub({ timezone: 'Europe/London' }),
    ]
    hubIds = hubs.map((h) => h.id)
    const labs = [
      await ctx.make.lab({ hub_id: hubs[0].id, type: 'kitchen' }),
      await ctx.make.lab({ hub_id: hubs[0].id, type: 'it' }),
      await ctx.make.lab({ hub_id: hubs[1].id, type: 'kitchen' }),
      await ctx.make.lab({ hub_id: hubs[2].id, type: 'digital' }),
    ]
    labIds = labs.map((l) => l.id)
    for (const k of Object.keys(teams) as Array<keyof typeof teams>) teams[k] = (await ctx.make.team()).id

    // grants awarded before the bookings (the booking triggers keep them) …
    await ctx.make.grant({ team_id: teams.plenty, hours: 2000, from_date: '2027-01-01', to_date: '2027-12-31' })
    await ctx.make.grant({ team_id: teams.tight, hours: 30, from_date: '2027-01-01', to_date: '2027-12-31' })
    await ctx.make.grant({ team_id: teams.overlapping, hours: 40, from_date: '2027-01-01', to_date: '2027-12-31', hub_id: hubs[0].id })
    await ctx.make.grant({ team_id: teams.overlapping, hours: 60, from_date: '2027-06-01', to_date: '2028-05-31' })
    await ctx.make.grant({ team_id: teams.idle, hours: 10 })

    const pool = [teams.plenty, teams.plenty, teams.tight, teams.overlapping, teams.overlapping, teams.years, teams.years]
    const rows = []
    for (const lab of labs) {
      const zone = hubs.find((h) => h.id === lab.hub_id)!.timezone
      let t = DateTime.fromISO('2026-12-30T20:00', { zone })
      const end = DateTime.fromISO('2028-02-03T00:00', { zone })
      while (t < end) {
        const start = t.plus({ minutes: 30 * rnd.int(0, 200) })
        const stop = start.plus({ minutes: 30 * rnd.int(1, 10) })
        rows.push({
          lab_id: lab.id,
          team_id: rnd.chance(0.1) ? null : rnd.pick(pool),
          title: 'Prova',
          during: tstzrange(start, stop),
          status: rnd.pick(STATUSES),
          // made in an order unrelated to the dates: first booked, first served follows this
          created_at: new Date(Date.UTC(2026, 0, 1) + rnd.int(0, 300 * 86_400) * 1000),
        })
        t = stop
      }
    }
    for (let i = 0; i < rows.length; i += 300)
      await ctx.db
        .insertInto('bookings')
        .values(rows.slice(i, i + 300))
        .execute()
    // … and after them (the grant triggers compute them from the bookings)
    await ctx.make.grant({ team_id: teams.years, hours: 150, from_date: '2027-01-01', to_date: '2027-12-31' })
    await ctx.make.grant({ team_id: teams.years, hours: 5, from_date: '2028-01-01', to_date: '2028-12-31', lab_type: 'kitchen' })
  })

  it('after the bookings were made, through both ways of reading (coverage and ledger)', async () => {
    const { actual } = await expectSameAsLedger()
    const of = (team: string) => actual.filter((u) => u.teamId === team).map((u) => u.seconds)
    // not vacuous: the plentiful grant (read from coverage) counts real hours, the tight one is drawn to its end
    const [plenty] = of(teams.plenty)
    expect(plenty.bookedSeconds).toBeGreaterThan(100 * 3600)
    expect(plenty.bookedSeconds).toBeLessThan(plenty.grantedSeconds)
    expect(plenty.usedSeconds).toBeGreaterThan(0)
    const [tight] = of(teams.tight)
    expect(tight.remainingSeconds).toBe(0)
    expect(tight.usedSeconds).toBeGreaterThan(0)
    expect(of(teams.overlapping).every((u) => u.bookedSeconds > 0)).toBe(true)
    expect(of(teams.idle)).toEqual([
      { grantId: expect.any(String), grantedSeconds: 36_000, bookedSeconds: 0, usedSeconds: 0, remainingSeconds: 36_000 },
    ])
  })

  it('after cancellations, completions, moves across a grant’s last day, a change of team and deletions', async () => {
    await sql`update bookings set status = 'cancelled' where status = 'confirmed' and extract(day from lower(during)) between 3 and 9`.execute(
      ctx.db,
    )
    await sql`update bookings set status = 'completed' where status in ('confirmed', 'pending') and extract(day from lower(during)) between 10 and 14`.execute(
      ctx.db,
    )
    // the last bookings of 2027 move a week later, into 2028 (out of one grant, into another)
    await sql`update bookings set during = tstzrange(lower(during) + interval '7 days', upper(during) + interval '7 days')
              where lower(during) >= '2027-12-20' and lower(during) < '2027-12-28' and team_id is not null
                and not exists (select 1 from bookings o where o.lab_id = bookings.lab_id and o.id <> bookings.id
                                and o.during && tstzrange(lower(bookings.during) + interval '7 days', upper(bookings.during) + interval '7 days'))`.execute(
      ctx.db,
    )
    await sql`update bookings set team_id = ${teams.tight} where team_id = ${teams.plenty} and extract(day from lower(during)) = 15`.execute(
      ctx.db,
    )
    await sql`delete from bookings where status = 'rejected' or extract(day from lower(during)) = 16`.execute(ctx.db)
    await expectSameAsLedger()
  })

  it('after grants are edited, added and deleted', async () => {
    await ctx.db.updateTable('grants').set({ to_date: '2027-06-30' }).where('team_id', '=', teams.plenty).execute()
    await ctx.db
      .updateTable('grants')
      .set({ hub_id: hubIds[1] })
      .where('team_id', '=', teams.years)
      .where('lab_type', '=', 'kitchen')
      .execute()
    await ctx.db.updateTable('grants').set({ hours: 1000 }).where('team_id', '=', teams.tight).execute()
    await ctx.make.grant({ team_id: teams.plenty, hours: 20, from_date: '2027-07-01', to_date: '2027-09-30', lab_type: 'it' })
    await ctx.db.deleteFrom('grants').where('team_id', '=', teams.idle).execute()
    await expectSameAsLedger()
  })

  it('after a lab changes type and a hub changes time zone (local start dates move)', async () => {
    await ctx.db.updateTable('labs').set({ type: 'it' }).where('id', '=', labIds[2]).execute()
    const admin = await ctx.make.user({ role: 'admin' })
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' as const, operatorId: null, locale: 'it' as const }
    await updateHub(ctx.db, actor, hubIds[2], { timezone: 'America/New_York' })
    await expectSameAsLedger()
  })
})

describe('a grant drawn past its hours, then freed by a cancellation', () => {
  it('gives the booking that crosses the remaining hours only the rest, and what a cancellation frees to the next', async () => {
    const lab = await ctx.make.lab({ type: 'kitchen' })
    const team = (await ctx.make.team()).id
    const grant = await ctx.make.grant({ team_id: team, hours: 10, from_date: '2027-01-01', to_date: '2027-12-31' })
    const book = (day: string, hours: number, status: BookingStatus, made: string) =>
      ctx.db
        .insertInto('bookings')
        .values({
          lab_id: lab.id,
          team_id: team,
          title: 'Prova',
          during: tstzrange(new Date(`${day}T08:00:00Z`), new Date(Date.parse(`${day}T08:00:00Z`) + hours * 3_600_000)),
          status,
          created_at: new Date(made),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    // made in this order (dates in the other): 4 h completed, 4 h confirmed, then 3 h completed crossing the last 2 h
    const first = await book('2027-05-03', 4, 'completed', '2027-01-10T10:00:00Z')
    await book('2027-04-05', 4, 'confirmed', '2027-01-11T10:00:00Z')
    await book('2027-03-01', 3, 'completed', '2027-01-12T10:00:00Z')
    const usage = async () => (await grantUsage(ctx.db, { grantIds: [grant.id] }))[0]
    const h = 3600
    expect((await usage()).seconds).toEqual({
      grantId: grant.id,
      grantedSeconds: 10 * h,
      bookedSeconds: 10 * h,
      usedSeconds: 6 * h,
      remainingSeconds: 0,
    })
    expect((await usage()).seconds).toEqual((await byLedger()).get(grant.id))

    // the first booking is cancelled: its 4 h go back, the crossing booking is now covered whole
    await ctx.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', first.id).execute()
    expect((await usage()).seconds).toEqual({
      grantId: grant.id,
      grantedSeconds: 10 * h,
      bookedSeconds: 7 * h,
      usedSeconds: 3 * h,
      remainingSeconds: 3 * h,
    })
    expect((await usage()).seconds).toEqual((await byLedger()).get(grant.id))
    expect(await ctx.db.selectFrom('grant_coverage').selectAll().where('grant_id', '=', grant.id).executeTakeFirst()).toEqual({
      grant_id: grant.id,
      holding_secs: 7 * h,
      completed_secs: 3 * h,
      bookings: 2,
    })
  })
})
