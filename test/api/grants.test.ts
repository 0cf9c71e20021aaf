import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkGrantQuota } from '../../backend/features/grants/grant-quota.ts'
import { grantUsage } from '../../backend/features/grants/usage.ts'
import { tstzrange } from '../../backend/time.ts'
import type { Lab } from '../../db/schema.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const at = (day: string, from: string, to: string) => ({
  start: new Date(`${day}T${from}:00+02:00`),
  end: new Date(`${day}T${to}:00+02:00`),
})

describe('grants of a team', () => {
  it('lets the Comune award hours and shows them with their usage', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const team = await ctx.make.team()
    const hub = await ctx.make.hub()
    const res = await admin.post(`/teams/${team.id}/grants`, {
      hours: 40,
      from: '2027-09-01',
      to: '2028-06-30',
      hubId: hub.id,
      labType: 'kitchen',
      reference: 'Bando Periferie 2027',
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      teamId: team.id,
      hours: 40,
      from: '2027-09-01',
      to: '2028-06-30',
      hubId: hub.id,
      labType: 'kitchen',
      reference: 'Bando Periferie 2027',
      hoursBooked: 0,
      hoursUsed: 0,
      hoursRemaining: 40,
    })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['grant.created'])
  })

  it('counts pending, confirmed, completed and no-show bookings as booked, completed as used, through cancellations', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const team = await ctx.make.team()
    const lab = await ctx.make.lab()
    await ctx.make.grant({ team_id: team.id, hours: 20 })
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-05T10:00:00+02:00',
      end: '2027-10-05T12:00:00+02:00',
      status: 'pending',
    })
    const confirmed = await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-06T10:00:00+02:00',
      end: '2027-10-06T13:30:00+02:00',
      status: 'confirmed',
    })
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-07T10:00:00+02:00',
      end: '2027-10-07T12:00:00+02:00',
      status: 'completed',
    })
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-08T10:00:00+02:00',
      end: '2027-10-08T11:00:00+02:00',
      status: 'no_show',
    })
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-09T10:00:00+02:00',
      end: '2027-10-09T12:00:00+02:00',
      status: 'cancelled',
    })
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-10T10:00:00+02:00',
      end: '2027-10-10T12:00:00+02:00',
      status: 'rejected',
    })
    // Another team's booking and staff's internal use never count.
    await ctx.make.booking({
      lab_id: lab.id,
      team_id: (await ctx.make.team()).id,
      start: '2027-10-11T10:00:00+02:00',
      end: '2027-10-11T12:00:00+02:00',
    })
    await ctx.make.booking({ lab_id: lab.id, team_id: null, start: '2027-10-12T10:00:00+02:00', end: '2027-10-12T12:00:00+02:00' })

    const res = await admin.get(`/teams/${team.id}/grants`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(res.body[0]).toMatchObject({ hours: 20, hoursBooked: 8.5, hoursUsed: 2, hoursRemaining: 11.5 })

    await ctx.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', confirmed.id).execute()
    const after = await admin.get(`/teams/${team.id}/grants`)
    expect(after.body[0]).toMatchObject({ hoursBooked: 5, hoursUsed: 2, hoursRemaining: 15 })
  })

  it('covers a booking by its local start date, hub and lab type', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const team = await ctx.make.team()
    const hub = await ctx.make.hub()
    const kitchen = await ctx.make.lab({ hub_id: hub.id, type: 'kitchen' })
    const it = await ctx.make.lab({ hub_id: hub.id, type: 'it' })
    const elsewhere = await ctx.make.lab({ type: 'kitchen' })
    const grant = await ctx.make.grant({
      team_id: team.id,
      hours: 10,
      from_date: '2027-11-01',
      to_date: '2027-11-30',
      hub_id: hub.id,
      lab_type: 'kitchen',
    })
    // 00:30 in Milan on 1 November is still 31 October in UTC: the hub's date counts.
    await ctx.make.booking({ lab_id: kitchen.id, team_id: team.id, start: '2027-11-01T00:30:00+01:00', end: '2027-11-01T01:30:00+01:00' })
    await ctx.make.booking({ lab_id: kitchen.id, team_id: team.id, start: '2027-12-01T00:30:00+01:00', end: '2027-12-01T01:30:00+01:00' })
    await ctx.make.booking({ lab_id: it.id, team_id: team.id, start: '2027-11-10T10:00:00+01:00', end: '2027-11-10T12:00:00+01:00' })
    await ctx.make.booking({ lab_id: elsewhere.id, team_id: team.id, start: '2027-11-10T10:00:00+01:00', end: '2027-11-10T12:00:00+01:00' })
    const res = await admin.get(`/grants/${grant.id}`)
    expect(res.body).toMatchObject({ hoursBooked: 1, hoursRemaining: 9 })
  })

  it('draws on the most specific grant first', async () => {
    const team = await ctx.make.team()
    const lab = await ctx.make.lab({ type: 'it' })
    const general = await ctx.make.grant({ team_id: team.id, hours: 10 })
    const specific = await ctx.make.grant({ team_id: team.id, hours: 3, lab_type: 'it' })
    await ctx.make.booking({ lab_id: lab.id, team_id: team.id, start: '2027-10-05T10:00:00+02:00', end: '2027-10-05T12:00:00+02:00' })
    await ctx.make.booking({ lab_id: lab.id, team_id: team.id, start: '2027-10-06T10:00:00+02:00', end: '2027-10-06T12:00:00+02:00' })
    const usage = await grantUsage(ctx.db, { teamId: team.id })
    expect(usage.find((u) => u.grantId === specific.id)).toMatchObject({ hoursBooked: 3, hoursRemaining: 0 })
    expect(usage.find((u) => u.grantId === general.id)).toMatchObject({ hoursBooked: 1, hoursRemaining: 9 })
  })

  it('shows a team’s grants to the Comune, operators and its members only', async () => {
    const team = await ctx.make.team()
    await ctx.make.grant({ team_id: team.id })
    const { user: memberUser } = await ctx.make.member(team.id)
    const { user: strangerUser } = await ctx.make.member()
    const { user: staffUser } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    expect((await (await ctx.as(memberUser)).get(`/teams/${team.id}/grants`)).body).toHaveLength(1)
    expect((await (await ctx.as(staffUser)).get(`/teams/${team.id}/grants`)).status).toBe(200)
    expect((await (await ctx.as(strangerUser)).get(`/teams/${team.id}/grants`)).status).toBe(404)
    expect((await ctx.anonymous.get(`/teams/${team.id}/grants`)).status).toBe(401)
    const member = await ctx.as(memberUser)
    expect((await member.post(`/teams/${team.id}/grants`, { hours: 5, from: '2027-01-01', to: '2027-12-31', reference: 'x' })).status).toBe(
      403,
    )
    expect((await (await ctx.as(staffUser)).get('/grants')).status).toBe(403)
    const unknown = await (await ctx.as(await ctx.make.admin())).get('/teams/7b1d7f7e-0000-4000-8000-000000000000/grants')
    expect(unknown.status).toBe(404)
  })

  it('validates a grant', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const team = await ctx.make.team()
    const res = await admin.post(`/teams/${team.id}/grants`, {
      hours: -1,
      from: '2027-12-31',
      to: '2027-01-01',
      labType: 'spaceship',
      reference: '',
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['hours', 'labType', 'reference'])
    const backwards = await admin.post(`/teams/${team.id}/grants`, { hours: 1, from: '2027-12-31', to: '2027-01-01', reference: 'x' })
    expect(backwards.body.errors).toEqual([{ path: 'to', message: expect.any(String) }])
    const hub = await admin.post(`/teams/${team.id}/grants`, {
      hours: 1,
      from: '2027-01-01',
      to: '2027-12-31',
      reference: 'x',
      hubId: '7b1d7f7e-0000-4000-8000-000000000000',
    })
    expect(hub.body.errors).toEqual([{ path: 'hubId', message: expect.any(String) }])
  })

  it('lists every grant with usage for the Comune, filtered by call reference', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const call = `Bando ${Math.random()}`
    const team = await ctx.make.team({ call_reference: call })
    const g = await ctx.make.grant({ team_id: team.id, hours: 12 })
    await ctx.make.grant({ team_id: (await ctx.make.team()).id })
    const res = await admin.get(`/grants?callReference=${encodeURIComponent(call)}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual([expect.objectContaining({ id: g.id, hours: 12, hoursBooked: 0, hoursRemaining: 12 })])
    expect((await admin.get(`/grants?teamId=${team.id}`)).body).toHaveLength(1)
  })

  it('grows a grant freely but shrinks it only down to the hours already booked', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const team = await ctx.make.team()
    const lab = await ctx.make.lab()
    const g = await ctx.make.grant({ team_id: team.id, hours: 10 })
    await ctx.make.booking({ lab_id: lab.id, team_id: team.id, start: '2027-10-05T10:00:00+02:00', end: '2027-10-05T14:00:00+02:00' })
    expect((await admin.patch(`/grants/${g.id}`, { hours: 3 })).status).toBe(409)
    expect((await admin.patch(`/grants/${g.id}`, { to: '2027-10-01' })).status).toBe(409)
    const ok = await admin.patch(`/grants/${g.id}`, { hours: 4, reference: 'Bando rivisto' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ hours: 4, hoursBooked: 4, hoursRemaining: 0, reference: 'Bando rivisto' })
  })
})

describe('the grant quota of a booking being made', () => {
  // the factory's hubs are in Rome; the engine passes the lab with its hub's zone
  const inRome = (lab: Lab) => ({ ...lab, timezone: 'Europe/Rome' })

  it('refuses an occurrence beyond the remaining hours and counts accepted ones for the next', async () => {
    const team = await ctx.make.team()
    const lab = await ctx.make.lab()
    await ctx.make.grant({ team_id: team.id, hours: 5 })
    await ctx.make.booking({ lab_id: lab.id, team_id: team.id, start: '2027-10-05T10:00:00+02:00', end: '2027-10-05T11:00:00+02:00' })
    const result = await ctx.db.transaction().execute((trx) =>
      checkGrantQuota(trx, {
        teamId: team.id,
        lab: inRome(lab),
        occurrences: [at('2027-10-12', '10:00', '12:00'), at('2027-10-19', '10:00', '12:00'), at('2027-10-26', '10:00', '11:00')],
      }),
    )
    expect(result.map((c) => c.map((x) => x.reason))).toEqual([[], [], ['quota_exceeded']])
    expect(result[2][0]).toMatchObject({
      start: at('2027-10-26', '10:00', '11:00').start,
      detail: expect.objectContaining({ it: expect.stringContaining('esaurite') }),
    })
  })

  it('does not count the booking being moved', async () => {
    const team = await ctx.make.team()
    const lab = await ctx.make.lab()
    await ctx.make.grant({ team_id: team.id, hours: 2 })
    const booked = await ctx.make.booking({
      lab_id: lab.id,
      team_id: team.id,
      start: '2027-10-05T10:00:00+02:00',
      end: '2027-10-05T12:00:00+02:00',
    })
    const move = (excludeBookingIds?: string[]) =>
      ctx.db
        .transaction()
        .execute((trx) =>
          checkGrantQuota(trx, { teamId: team.id, lab: inRome(lab), occurrences: [at('2027-10-06', '10:00', '12:00')], excludeBookingIds }),
        )
    expect((await move())[0].map((c) => c.reason)).toEqual(['quota_exceeded'])
    expect(await move([booked.id])).toEqual([[]])
  })

  it('refuses a booking that no grant covers when the lab requires one, not otherwise', async () => {
    const team = await ctx.make.team()
    const strict = await ctx.make.lab({ requires_grant: true })
    const open = await ctx.make.lab()
    await ctx.make.grant({ team_id: team.id, from_date: '2027-01-01', to_date: '2027-06-30' })
    const check = (lab: Lab, teamId: string | null) =>
      ctx.db
        .transaction()
        .execute((trx) => checkGrantQuota(trx, { teamId, lab: inRome(lab), occurrences: [at('2027-10-05', '10:00', '12:00')] }))
    expect((await check(strict, team.id))[0].map((c) => c.reason)).toEqual(['no_grant'])
    expect(await check(open, team.id)).toEqual([[]])
    // Staff's internal use is not accounted against grants.
    expect(await check(strict, null)).toEqual([[]])
  })

  it('books the last hours once when two bookings race for them', async () => {
    const team = await ctx.make.team()
    const labs = await Promise.all([ctx.make.lab(), ctx.make.lab(), ctx.make.lab()])
    await ctx.make.grant({ team_id: team.id, hours: 2 })
    const attempt = (lab: Lab) =>
      ctx.db.transaction().execute(async (trx) => {
        const occurrence = at('2027-10-05', '10:00', '12:00')
        const [conflicts] = await checkGrantQuota(trx, { teamId: team.id, lab: inRome(lab), occurrences: [occurrence] })
        if (conflicts.length) return 'refused'
        // Give the others time to reach their check while this transaction holds the lock.
        await sql`select pg_sleep(0.05)`.execute(trx)
        await trx
          .insertInto('bookings')
          .values({
            lab_id: lab.id,
            team_id: team.id,
            title: 'Corsa',
            during: tstzrange(occurrence.start, occurrence.end),
            status: 'confirmed',
          })
          .execute()
        return 'booked'
      })
    const outcomes = await Promise.all(labs.map(attempt))
    expect(outcomes.sort()).toEqual(['booked', 'refused', 'refused'])
  })
})
