import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInstant, tstzrange } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const at = (local: string) => parseInstant(local, 'Europe/Rome')!
const WEEKDAYS_9_TO_17 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }))

async function close(where: { hub_id?: string; lab_id?: string }, start: string, end: string) {
  await ctx.db
    .insertInto('closures')
    .values({ hub_id: where.hub_id ?? null, lab_id: where.lab_id ?? null, during: tstzrange(at(start), at(end)), reason: 'Lavori' })
    .execute()
}

/**
 * Two weeks, Monday 1 to Monday 15 March 2027.
 * Hub 1 (open Mon–Fri 09–17, 40 h a week), concession for all 2027, at least 36 h a week and 60 % to teams:
 *   week of 1 March loses 6 h to a hub closure → 34 h, short; week of 8 March: 40 h (a lab closure does not close the hub)
 *   → 74 h in 2 weeks = 37 h a week; booked: 6 h by teams, 2 h internal (pending and cancelled do not count) → 75 %.
 * Hub 2, concession from Wednesday 10 March, at least 20 h a week and 50 %: evaluated on 10–14 March (5 days):
 *   Wed–Fri 24 h ≥ 20 × 5/7; 24 h over 5/7 of a week = 33.6 h a week; booked 4 h, all by teams
 *   (one booking reaching back over the concession's first midnight counts only from then) → 100 %.
 */
describe('concession compliance', () => {
  let hub1: string
  let hub2: string
  let c1: string
  let c2: string
  let operator2: string
  let admin: Awaited<ReturnType<TestContext['as']>>
  const period = 'from=2027-03-01&to=2027-03-15'

  beforeAll(async () => {
    admin = await ctx.as(await ctx.make.admin())
    const team = (await ctx.make.team()).id

    hub1 = (await ctx.make.hub({ name: 'Hub Corvetto', opening: WEEKDAYS_9_TO_17 })).id
    const lab1 = (await ctx.make.lab({ hub_id: hub1 })).id
    const op1 = (await ctx.make.operator({ name: 'Cooperativa Corvetto' })).id
    c1 = (
      await ctx.make.concession({
        hub_id: hub1,
        operator_id: op1,
        start_date: '2027-01-01',
        end_date: '2027-12-31',
        min_open_hours_per_week: 36,
        min_social_share_percent: 60,
      })
    ).id
    await close({ hub_id: hub1 }, '2027-03-03T10:00', '2027-03-03T16:00')
    await close({ lab_id: lab1 }, '2027-03-09T00:00', '2027-03-10T00:00')
    await ctx.make.booking({ lab_id: lab1, start: '2027-03-02T09:00', end: '2027-03-02T11:00', status: 'confirmed', team_id: team })
    await ctx.make.booking({ lab_id: lab1, start: '2027-03-09T09:00', end: '2027-03-09T13:00', status: 'completed', team_id: team })
    await ctx.make.booking({ lab_id: lab1, start: '2027-03-10T09:00', end: '2027-03-10T11:00', status: 'confirmed', team_id: null })
    await ctx.make.booking({ lab_id: lab1, start: '2027-03-11T09:00', end: '2027-03-11T14:00', status: 'pending', team_id: team })
    await ctx.make.booking({ lab_id: lab1, start: '2027-03-12T09:00', end: '2027-03-12T14:00', status: 'cancelled', team_id: team })

    hub2 = (await ctx.make.hub({ name: 'Hub Rogoredo', opening: WEEKDAYS_9_TO_17 })).id
    const lab2 = (await ctx.make.lab({ hub_id: hub2 })).id
    operator2 = (await ctx.make.operator({ name: 'Impresa Sociale Rogoredo' })).id
    c2 = (
      await ctx.make.concession({
        hub_id: hub2,
        operator_id: operator2,
        start_date: '2027-03-10',
        end_date: '2027-12-31',
        min_open_hours_per_week: 20,
        min_social_share_percent: 50,
      })
    ).id
    await ctx.make.booking({ lab_id: lab2, start: '2027-03-08T10:00', end: '2027-03-08T11:00', status: 'confirmed', team_id: null })
    await ctx.make.booking({ lab_id: lab2, start: '2027-03-09T23:00', end: '2027-03-10T01:00', status: 'confirmed', team_id: team })
    await ctx.make.booking({ lab_id: lab2, start: '2027-03-11T10:00', end: '2027-03-11T13:00', status: 'no_show', team_id: team })

    // not in force in the period: a draft, a terminated one, one that ended before it
    const hub3 = (await ctx.make.hub()).id
    const op3 = (await ctx.make.operator()).id
    await ctx.make.concession({ hub_id: hub3, operator_id: op3, start_date: '2027-01-01', end_date: '2027-06-30', status: 'draft' })
    await ctx.make.concession({ hub_id: hub3, operator_id: op3, start_date: '2027-01-01', end_date: '2027-06-30', status: 'terminated' })
    const hub4 = (await ctx.make.hub()).id
    await ctx.make.concession({ hub_id: hub4, operator_id: op3, start_date: '2026-01-01', end_date: '2027-02-28', status: 'expired' })
  })

  it('measures open hours per week, the weeks that fell short and the social share', async () => {
    const res = await admin.get(`/reports/concessions?${period}`)
    expect(res.status).toBe(200)
    expect(res.body.map((r: any) => r.concessionId)).toEqual([c1, c2])
    expect(res.body[0]).toMatchObject({
      concessionId: c1,
      hubId: hub1,
      openHours: 74,
      openHoursPerWeek: 37,
      bookedHours: 8,
      teamBookedHours: 6,
      socialSharePercent: 75,
      obligations: { minOpenHoursPerWeek: 36, minSocialSharePercent: 60 },
      weeksShort: ['2027-03-01'],
      compliant: false,
    })
    expect(res.body[1]).toMatchObject({
      concessionId: c2,
      hubId: hub2,
      operatorId: operator2,
      evaluated: { from: '2027-03-10', to: '2027-03-15', days: 5 },
      openHours: 24,
      openHoursPerWeek: 33.6,
      bookedHours: 4,
      socialSharePercent: 100,
      weeksShort: [],
      compliant: true,
    })
  })

  it('judges the weeks a month cuts by what their days weigh in the hub’s schedule (May 2027: Saturday to Monday)', async () => {
    // Open Tuesday–Saturday 10–19 (45 h a week), at least 40 h a week. May 2027 starts on a Saturday (a week of
    // Saturday and Sunday: Saturday carries 9 of the 45 h, so it owes 8 h) and ends on Monday 31 (a day the hub
    // is closed: it owes nothing). Compared with 2/7 and 1/7 of the week, both edges used to fall short.
    const TUE_SAT = [2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '10:00', close: '19:00' }))
    const operator = (await ctx.make.operator()).id
    const concessionOf = async (hubId: string) =>
      (
        await ctx.make.concession({
          hub_id: hubId,
          operator_id: operator,
          start_date: '2027-01-01',
          end_date: '2027-12-31',
          min_open_hours_per_week: 40,
          min_social_share_percent: 0,
        })
      ).id
    const regular = (await ctx.make.hub({ name: 'Hub Maggio regolare', opening: TUE_SAT })).id
    const regularConcession = await concessionOf(regular)
    // The same hub shape, closed on Saturday 1 May and on Tuesday–Thursday of the week of 10 May.
    const closed = (await ctx.make.hub({ name: 'Hub Maggio chiuso', opening: TUE_SAT })).id
    const closedConcession = await concessionOf(closed)
    await close({ hub_id: closed }, '2027-05-01T00:00', '2027-05-02T00:00')
    await close({ hub_id: closed }, '2027-05-11T00:00', '2027-05-14T00:00')

    const res = await admin.get('/reports/concessions?from=2027-05-01&to=2027-06-01')
    expect(res.status).toBe(200)
    const byId = new Map(res.body.map((r: any) => [r.concessionId, r]))
    expect(byId.get(regularConcession)).toMatchObject({ weeksShort: [], compliant: true })
    // A cut week still falls short when its own days were closed; a whole week short stays short.
    expect(byId.get(closedConcession)).toMatchObject({ weeksShort: ['2027-04-26', '2027-05-10'], compliant: false })
  })

  it('is not compliant when the social share is below the obligation', async () => {
    const res = await admin.get(`/reports/concessions?from=2027-03-08&to=2027-03-15&hubId=${hub1}`)
    // week of 8 March alone: 40 h open; booked 4 h by a team, 2 h internal → 66.67 % ≥ 60
    expect(res.body).toEqual([
      expect.objectContaining({ openHoursPerWeek: 40, socialSharePercent: 66.67, weeksShort: [], compliant: true }),
    ])
    const onlyInternal = await admin.get(`/reports/concessions?from=2027-03-10&to=2027-03-11&hubId=${hub1}`)
    expect(onlyInternal.body[0]).toMatchObject({ socialSharePercent: 0, compliant: false })
  })

  it('shows an operator its own concessions only, and refuses members', async () => {
    const staff = await ctx.make.user({ role: 'operator', operatorId: operator2 })
    const res = await (await ctx.as(staff)).get(`/reports/concessions?${period}`)
    expect(res.body.map((r: any) => r.concessionId)).toEqual([c2])
    const { user } = await ctx.make.member()
    expect((await (await ctx.as(user)).get(`/reports/concessions?${period}`)).status).toBe(403)
    expect((await ctx.anonymous.get(`/reports/concessions?${period}`)).status).toBe(401)
  })

  it('exports CSV', async () => {
    const res = await admin.get(`/reports/concessions?${period}&format=csv`)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const [header, first] = res.text.split('\r\n')
    expect(header).toBe(
      'concessionId;hubId;hubName;operatorId;operatorName;status;start;end;evaluatedFrom;evaluatedTo;openHours;openHoursPerWeek;minOpenHoursPerWeek;bookedHours;teamBookedHours;socialSharePercent;minSocialSharePercent;compliant;weeksShort',
    )
    expect(first.split(';').slice(5)).toEqual([
      'active',
      '2027-01-01',
      '2027-12-31',
      '2027-03-01',
      '2027-03-15',
      '74',
      '37',
      '36',
      '8',
      '6',
      '75',
      '60',
      'false',
      '2027-03-01',
    ])
  })

  it('requires a valid period', async () => {
    expect((await admin.get('/reports/concessions?from=2027-03-01')).status).toBe(400)
  })
})
