import { sql } from 'kysely'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAB_TYPES } from '../../db/schema.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from '../../db/seed/demo.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let seeded: boolean[]
beforeAll(async () => {
  ctx = await createTestContext()
  // Two processes starting at once on an empty database: exactly one seeds.
  seeded = await Promise.all([seedDemoIfEmpty(ctx.db), seedDemoIfEmpty(ctx.db)])
})
afterAll(() => ctx?.close())

const count = async (table: 'hubs' | 'labs' | 'bookings' | 'closures' | 'users' | 'equipment_assets') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('the demo seed', () => {
  it('seeds an empty database once; seeding again changes nothing', async () => {
    expect(seeded.filter(Boolean)).toHaveLength(1)
    const before = await Promise.all((['hubs', 'labs', 'bookings', 'closures', 'users', 'equipment_assets'] as const).map(count))
    expect(await seedDemoIfEmpty(ctx.db)).toBe(false)
    const after = await Promise.all((['hubs', 'labs', 'bookings', 'closures', 'users', 'equipment_assets'] as const).map(count))
    expect(after).toEqual(before)
  })

  it('the three demo accounts sign in with their roles', async () => {
    for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) {
      const res = await ctx.anonymous.post('/auth/login', { email, password: DEMO_PASSWORD })
      expect(res.status, email).toBe(200)
      expect(res.body.user.role).toBe(role)
    }
  })

  it('has at least 3 hubs of both kinds in real Milan areas, and labs of every type', async () => {
    const hubs = (await ctx.anonymous.get('/hubs')).body as Array<{ kind: string; area: { nilId: number; isTarget: boolean } }>
    expect(hubs.length).toBeGreaterThanOrEqual(3)
    expect(new Set(hubs.map((h) => h.kind))).toEqual(new Set(['cfl', 'community_hub']))
    expect(hubs.some((h) => h.area.nilId === 35 && h.area.isTarget)).toBe(true)
    const areas = (await ctx.anonymous.get('/areas')).body as Array<{ nilId: number; name: string; isTarget: boolean }>
    expect(areas).toContainEqual(expect.objectContaining({ nilId: 49, name: 'Giambellino', isTarget: true }))
    expect(areas.some((a) => !a.isTarget)).toBe(true)
    const labs = (await ctx.anonymous.get('/labs')).body as Array<{ type: string; approvalRequired: boolean; requiresGrant: boolean }>
    expect(new Set(labs.map((l) => l.type))).toEqual(new Set(LAB_TYPES))
    expect(labs.some((l) => l.approvalRequired)).toBe(true)
    expect(labs.some((l) => l.requiresGrant)).toBe(true)
    const hubId = (hubs[0] as unknown as { id: string }).id
    expect((await ctx.anonymous.get(`/hubs/${hubId}/opening-hours`)).body.length).toBeGreaterThan(5)
  })

  it('closes every hub on the Italian holidays and on Sant’Ambrogio, this year and the next three', async () => {
    const year = DateTime.now().setZone('Europe/Rome').year
    const rows = await ctx.db
      .selectFrom('closures')
      .select([sql<string>`to_char(lower(during) at time zone 'Europe/Rome', 'YYYY-MM-DD')`.as('day'), 'reason'])
      .where('hub_id', 'is', null)
      .where('lab_id', 'is', null)
      .execute()
    const days = new Set(rows.map((r) => r.day))
    for (let y = year; y < year + 4; y++) {
      for (const md of ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-07', '12-08', '12-25', '12-26']) {
        expect(days.has(`${y}-${md}`), `${y}-${md}`).toBe(true)
      }
    }
    expect(days.has('2027-03-29')).toBe(year <= 2027 && year + 3 >= 2027 ? true : days.has('2027-03-29'))
    expect(rows.filter((r) => r.reason.includes('Ambrogio'))).toHaveLength(4)
    expect(rows.filter((r) => r.reason === "Lunedì dell'Angelo")).toHaveLength(4)
  })

  it('the demo operator holds a concession in force and manages its hubs', async () => {
    const operator = await ctx.db
      .selectFrom('users')
      .select(['operator_id'])
      .where('email', '=', DEMO_ACCOUNTS.operator)
      .executeTakeFirstOrThrow()
    const today = DateTime.now().setZone('Europe/Rome').toISODate()!
    const inForce = await ctx.db
      .selectFrom('concessions')
      .select('hub_id')
      .where('operator_id', '=', operator.operator_id!)
      .where('status', '=', 'active')
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .execute()
    expect(inForce.length).toBeGreaterThanOrEqual(2)
    const login = await ctx.anonymous.post('/auth/login', { email: DEMO_ACCOUNTS.operator, password: DEMO_PASSWORD })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    const week = (await ctx.anonymous.get(`/hubs/${inForce[0].hub_id}/opening-hours`)).body
    const res = await ctx.request('PUT', `/hubs/${inForce[0].hub_id}/opening-hours`, week, cookie)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(week)
  })

  it('teams have hour grants covering the next year, and the demo member belongs to one', async () => {
    const me = await ctx.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select('team_members.team_id')
      .where('users.email', '=', DEMO_ACCOUNTS.member)
      .execute()
    expect(me.length).toBeGreaterThanOrEqual(1)
    const inAYear = DateTime.now().setZone('Europe/Rome').plus({ days: 364 }).toISODate()!
    const grants = await ctx.db.selectFrom('grants').selectAll().execute()
    expect(new Set(grants.map((g) => g.team_id)).size).toBeGreaterThanOrEqual(4)
    expect(grants.every((g) => g.to_date >= inAYear)).toBe(true)
    expect(grants.some((g) => g.hub_id !== null)).toBe(true)
    expect(grants.some((g) => g.lab_type !== null)).toBe(true)
    expect(grants[0].reference).toMatch(/^Bando Hub Innovazione Inclusiva \d{4}$/)
  })

  it('labs have matching equipment; the laser cutter requires training', async () => {
    const types = await ctx.db.selectFrom('equipment_types').selectAll().execute()
    expect(types.find((t) => t.name === 'Taglio laser')?.requires_training).toBe(true)
    const mismatched = await ctx.db
      .selectFrom('equipment_assets')
      .innerJoin('labs', 'labs.id', 'equipment_assets.lab_id')
      .innerJoin('equipment_types', 'equipment_types.id', 'equipment_assets.type_id')
      .select(['equipment_types.name', 'labs.type'])
      .where((eb) =>
        eb.or([
          eb.and([eb('equipment_types.category', '=', 'sartoria'), eb('labs.type', 'not in', ['tailoring', 'fashion'])]),
          eb.and([eb('equipment_types.category', '=', 'cucina'), eb('labs.type', '!=', 'kitchen')]),
          eb.and([eb('equipment_types.category', '=', 'giardinaggio'), eb('labs.type', '!=', 'gardening')]),
        ]),
      )
      .execute()
    expect(mismatched).toEqual([])
    for (const type of types) {
      const assets = await ctx.db.selectFrom('equipment_assets').select('id').where('type_id', '=', type.id).execute()
      expect(assets.length, type.name).toBeGreaterThan(0)
    }
  })

  it('has weeks of bookings around today: completed with attendance, pending and confirmed, a weekly series', async () => {
    const now = new Date()
    const rows = await ctx.db
      .selectFrom('bookings')
      .select(['status', 'participants', 'series_id', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
      .execute()
    expect(rows.length).toBeGreaterThan(50)
    const past = rows.filter((r) => r.end <= now)
    const future = rows.filter((r) => r.start > now)
    expect(past.filter((r) => r.status === 'completed').every((r) => (r.participants ?? 0) > 0)).toBe(true)
    expect(past.some((r) => r.status === 'completed')).toBe(true)
    expect(past.every((r) => ['completed', 'no_show', 'cancelled'].includes(r.status))).toBe(true)
    expect(future.some((r) => r.status === 'confirmed')).toBe(true)
    expect(future.some((r) => r.status === 'pending')).toBe(true)
    const series = await ctx.db.selectFrom('booking_series').selectAll().execute()
    expect(series).toHaveLength(1)
    expect(series[0].rrule).toMatch(/^FREQ=WEEKLY;BYDAY=TU;COUNT=\d+$/)
    expect(rows.filter((r) => r.series_id === series[0].id).length).toBeGreaterThanOrEqual(6)
  })

  it('counts participants only in the configured categories', async () => {
    const unknown = await sql<{ key: string }>`
      select distinct c.key from bookings b, jsonb_object_keys(b.participant_categories) as c(key)
      where b.participant_categories is not null
        and not exists (select 1 from participant_categories p where p.key = c.key)
    `.execute(ctx.db)
    expect(unknown.rows).toEqual([])
    const counted = await sql<{ n: number }>`
      select count(*)::int as n from bookings where participant_categories is not null and participant_categories <> '{}'::jsonb
    `.execute(ctx.db)
    expect(counted.rows[0].n).toBeGreaterThan(100)
  })

  it('every booking is inside its hub’s opening hours, outside closures and within the lab’s durations', async () => {
    const outside = await sql<{ id: string }>`
      select b.id from bookings b join labs l on l.id = b.lab_id join hubs h on h.id = l.hub_id
      where not exists (
        select 1 from opening_hours o
        where o.hub_id = h.id
          and o.weekday = extract(isodow from lower(b.during) at time zone h.timezone)
          and (lower(b.during) at time zone h.timezone)::date = (upper(b.during) at time zone h.timezone)::date
          and o.opens <= (lower(b.during) at time zone h.timezone)::time
          and (upper(b.during) at time zone h.timezone)::time <= o.closes)
    `.execute(ctx.db)
    expect(outside.rows).toEqual([])
    const closed = await sql<{ id: string }>`
      select b.id from bookings b join labs l on l.id = b.lab_id
      join closures c on c.during && b.during
        and ((c.hub_id is null and c.lab_id is null) or c.hub_id = l.hub_id or c.lab_id = l.id)
    `.execute(ctx.db)
    expect(closed.rows).toEqual([])
    const duration = await sql<{ id: string }>`
      select b.id from bookings b join labs l on l.id = b.lab_id
      where extract(epoch from upper(b.during) - lower(b.during)) / 60 not between l.min_duration_minutes and l.max_duration_minutes
    `.execute(ctx.db)
    expect(duration.rows).toEqual([])
  })

  it('no team books more hours than its grants, and grant-only labs are booked only by teams', async () => {
    const over = await sql<{ team_id: string }>`
      select b.team_id from bookings b
      where b.team_id is not null and b.status in ('pending', 'confirmed', 'completed', 'no_show')
      group by b.team_id
      having sum(extract(epoch from upper(b.during) - lower(b.during)) / 3600)
        > (select sum(g.hours) from grants g where g.team_id = b.team_id)
    `.execute(ctx.db)
    expect(over.rows).toEqual([])
    const internal = await ctx.db
      .selectFrom('bookings')
      .innerJoin('labs', 'labs.id', 'bookings.lab_id')
      .select('bookings.id')
      .where('labs.requires_grant', '=', true)
      .where('bookings.team_id', 'is', null)
      .execute()
    expect(internal).toEqual([])
  })

  it('has a programme on first start: a call with indicators and awards, reports, and a dashboard with figures', async () => {
    const admin = await ctx.as(
      await ctx.db.selectFrom('users').selectAll().where('email', '=', DEMO_ACCOUNTS.admin).executeTakeFirstOrThrow(),
    )
    const dashboard = await admin.get('/reports/programme')
    expect(dashboard.status).toBe(200)
    const { totals, projects, calls } = dashboard.body
    expect(calls).toHaveLength(1)
    expect(totals.projects).toBe(5)
    expect(totals.fundingCommittedCents).toBe(39_000_000)
    expect(totals.fundingPaidCents).toBeGreaterThan(0)
    expect(totals.hoursGranted).toBeGreaterThan(0)
    expect(totals.hoursUsed).toBeGreaterThan(0)
    expect(totals.participants).toBeGreaterThan(0)
    for (const p of projects) {
      expect(p.indicators.length, p.teamName).toBeGreaterThan(0)
      expect(
        p.indicators.some((i: { progress: number | null }) => (i.progress ?? 0) > 0),
        p.teamName,
      ).toBe(true)
    }
    // art. 26–27: the entities funded, the informal group under its project's name until it founds one
    const benefits = (await ctx.anonymous.get('/open-data/benefits.json')).body
    expect(benefits).toHaveLength(5)
    expect(benefits.filter((b: { taxCode: string | null }) => b.taxCode)).toHaveLength(4)
    // the operators' queue holds a report; the demo team's last quarter is its own to write
    const waiting = await ctx.db.selectFrom('progress_reports').select('team_id').where('status', '=', 'submitted').execute()
    expect(waiting).toHaveLength(1)
    const member = await ctx.db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNTS.member).executeTakeFirstOrThrow()
    const teams = await ctx.db.selectFrom('team_members').select('team_id').where('user_id', '=', member.id).execute()
    expect(teams.map((t) => t.team_id)).not.toContain(waiting[0].team_id)
  })
})
