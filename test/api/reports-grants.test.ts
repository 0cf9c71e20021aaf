import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInstant } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const _at = (local: string) => parseInstant(local, 'Europe/Rome')!

/**
 * Team Alfa: G1 20 h in hub 1 (Jan–Jun 2027) and G2 10 h anywhere (2027), both "Bando Periferie 2027";
 *   in hub 1: confirmed 4 h, completed 3 h, pending 2 h, no-show 1 h, cancelled 5 h → G1 (the more specific) books 10 h, uses 3 h;
 *   in hub 2 in August: 2 h → G2; in January 2028: covered by no grant.
 * Team Beta: G3 8 h on IT labs, "Bando Digitale": IT lab completed 3 h → 3 h booked and used; a kitchen booking is not covered.
 */
describe('grants report', () => {
  let hub1: string
  let hub2: string
  let alfa: string
  let beta: string
  let g1: string
  let g2: string
  let g3: string
  let admin: Awaited<ReturnType<TestContext['as']>>

  beforeAll(async () => {
    admin = await ctx.as(await ctx.make.admin())
    hub1 = (await ctx.make.hub()).id
    hub2 = (await ctx.make.hub()).id
    const kitchen1 = (await ctx.make.lab({ hub_id: hub1, type: 'kitchen' })).id
    const kitchen2 = (await ctx.make.lab({ hub_id: hub2, type: 'kitchen' })).id
    const it2 = (await ctx.make.lab({ hub_id: hub2, type: 'it' })).id
    alfa = (await ctx.make.team({ name: 'Alfa' })).id
    beta = (await ctx.make.team({ name: 'Beta' })).id
    g1 = (
      await ctx.make.grant({
        team_id: alfa,
        hours: 20,
        from_date: '2027-01-01',
        to_date: '2027-06-30',
        hub_id: hub1,
        reference: 'Bando Periferie 2027',
      })
    ).id
    g2 = (
      await ctx.make.grant({ team_id: alfa, hours: 10, from_date: '2027-01-01', to_date: '2027-12-31', reference: 'Bando Periferie 2027' })
    ).id
    g3 = (
      await ctx.make.grant({
        team_id: beta,
        hours: 8,
        from_date: '2027-01-01',
        to_date: '2027-12-31',
        lab_type: 'it',
        reference: 'Bando Digitale',
      })
    ).id
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2027-03-02T10:00', end: '2027-03-02T14:00', status: 'confirmed' })
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2027-04-06T10:00', end: '2027-04-06T13:00', status: 'completed' })
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2027-05-04T10:00', end: '2027-05-04T12:00', status: 'pending' })
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2027-05-11T10:00', end: '2027-05-11T11:00', status: 'no_show' })
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2027-05-18T10:00', end: '2027-05-18T15:00', status: 'cancelled' })
    await ctx.make.booking({ lab_id: kitchen2, team_id: alfa, start: '2027-08-03T10:00', end: '2027-08-03T12:00', status: 'confirmed' })
    await ctx.make.booking({ lab_id: kitchen1, team_id: alfa, start: '2028-01-11T10:00', end: '2028-01-11T12:00', status: 'confirmed' })
    await ctx.make.booking({ lab_id: it2, team_id: beta, start: '2027-02-02T10:00', end: '2027-02-02T13:00', status: 'completed' })
    await ctx.make.booking({ lab_id: kitchen2, team_id: beta, start: '2027-02-03T10:00', end: '2027-02-03T12:00', status: 'confirmed' })
  })

  it('gives granted, booked, used and remaining hours per grant', async () => {
    const res = await admin.get('/reports/grants')
    expect(res.status).toBe(200)
    const byId = Object.fromEntries(res.body.map((r: any) => [r.grantId, r]))
    expect(byId[g1]).toMatchObject({
      teamId: alfa,
      teamName: 'Alfa',
      reference: 'Bando Periferie 2027',
      hubId: hub1,
      grantedHours: 20,
      bookedHours: 10,
      usedHours: 3,
      remainingHours: 10,
      hours: 20,
      hoursBooked: 10,
      hoursUsed: 3,
      hoursRemaining: 10,
    })
    expect(byId[g2]).toMatchObject({ grantedHours: 10, bookedHours: 2, usedHours: 0, remainingHours: 8 })
    expect(byId[g3]).toMatchObject({ labType: 'it', grantedHours: 8, bookedHours: 3, usedHours: 3, remainingHours: 5 })
  })

  it('agrees with the grants the team sees', async () => {
    const report = await admin.get(`/reports/grants?teamId=${alfa}`)
    const team = await admin.get(`/teams/${alfa}/grants`)
    expect(team.status).toBe(200)
    for (const g of team.body) {
      const row = report.body.find((r: any) => r.grantId === g.id)
      expect([row.hoursBooked, row.hoursUsed, row.hoursRemaining]).toEqual([g.hoursBooked, g.hoursUsed, g.hoursRemaining])
    }
  })

  it('groups per team and per call reference', async () => {
    const teams = await admin.get('/reports/grants?groupBy=team')
    expect(teams.body.map((r: any) => [r.key, r.label, r.grants, r.grantedHours, r.bookedHours, r.usedHours, r.remainingHours])).toEqual([
      [alfa, 'Alfa', 2, 30, 12, 3, 18],
      [beta, 'Beta', 1, 8, 3, 3, 5],
    ])
    const refs = await admin.get('/reports/grants?groupBy=reference')
    expect(refs.body.map((r: any) => [r.key, r.grants, r.teams, r.grantedHours, r.bookedHours, r.remainingHours])).toEqual([
      ['Bando Digitale', 1, 1, 8, 3, 5],
      ['Bando Periferie 2027', 2, 1, 30, 12, 18],
    ])
  })

  it('filters by hub, lab type and reference', async () => {
    expect((await admin.get(`/reports/grants?hubId=${hub1}`)).body.map((r: any) => r.grantId)).toEqual([g1])
    expect((await admin.get('/reports/grants?type=it')).body.map((r: any) => r.grantId)).toEqual([g3])
    const ref = await admin.get(`/reports/grants?reference=${encodeURIComponent('Bando Periferie 2027')}`)
    expect(ref.body.map((r: any) => r.grantId).sort()).toEqual([g1, g2].sort())
  })

  it('shows an operator the grants of its hubs only; members are refused', async () => {
    const { user } = await ctx.make.operatorStaff(hub1)
    const op = await ctx.as(user)
    expect((await op.get('/reports/grants')).body.map((r: any) => r.grantId)).toEqual([g1])
    expect((await op.get(`/reports/grants?hubId=${hub2}`)).status).toBe(403)
    const { user: member } = await ctx.make.member(alfa)
    expect((await (await ctx.as(member)).get('/reports/grants')).status).toBe(403)
  })

  it('exports CSV', async () => {
    const res = await admin.get('/reports/grants?groupBy=team&format=csv')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'key;label;grantId;teamId;teamName;reference;from;to;hubId;labType;grants;teams;grantedHours;bookedHours;usedHours;remainingHours',
    )
    expect(lines[1]).toBe(`${alfa};Alfa;;;;;;;;;2;;30;12;3;18`)
  })

  it('validates groupBy', async () => {
    expect((await admin.get('/reports/grants?groupBy=lab')).status).toBe(400)
  })
})
