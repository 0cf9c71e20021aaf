import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInstant, tstzrange } from '../../backend/time.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const at = (local: string) => parseInstant(local, 'Europe/Rome')!

async function close(where: { hub_id?: string; lab_id?: string }, start: string, end: string) {
  await ctx.db
    .insertInto('closures')
    .values({ hub_id: where.hub_id ?? null, lab_id: where.lab_id ?? null, during: tstzrange(at(start), at(end)), reason: 'Chiusura' })
    .execute()
}

/**
 * A hand-computed week, Monday 18 to Monday 25 October 2027, hub open Monday–Saturday 08–22 (14 h):
 *   lab 1: 6 × 14 = 84 h, minus a hub closure Wed 10–12 (2 h) and its own closure Thu 20–23 (2 h inside hours) = 80 h
 *   lab 2: 84 h, minus the hub closure (2 h) and its own closure Wed 11–13 (only 12–13 is new: 1 h) = 81 h
 *   lab 1 booked: confirmed Tue 10–12 (2 h, team 1), completed Tue 14–17 (3 h, team 2, 12 people), no-show Fri 09–10:30
 *     (1.5 h, team 1); pending, cancelled and rejected ones do not count → 6.5 h booked, 3 h used
 *   lab 2 booked: Sun 17 23:00 → Mon 18 01:00 (1 h inside, team 2), Sun 24 22:00 → Mon 25 02:00 (2 h inside, no team) → 3 h;
 *     a booking is counted (bookings, no-shows, participants, teams) on the day it starts: only the second, here
 */
describe('utilisation of a hand-computed week', () => {
  let hubId: string
  let areaId: string
  let lab1: string
  let lab2: string
  let team1: string
  let team2: string
  let admin: Awaited<ReturnType<TestContext['as']>>
  const week = 'from=2027-10-18&to=2027-10-25'

  beforeAll(async () => {
    const area = await ctx.make.area({ name: 'Giambellino', municipio: 6, is_target: true })
    areaId = area.id
    const hub = await ctx.make.hub({ area_id: area.id, name: 'Hub Giambellino' })
    hubId = hub.id
    lab1 = (await ctx.make.lab({ hub_id: hub.id, name: 'Cucina A', type: 'kitchen' })).id
    lab2 = (await ctx.make.lab({ hub_id: hub.id, name: 'Sartoria B', type: 'tailoring' })).id
    team1 = (await ctx.make.team({ name: 'Alfa' })).id
    team2 = (await ctx.make.team({ name: 'Beta' })).id
    admin = await ctx.as(await ctx.make.admin())

    await close({ hub_id: hubId }, '2027-10-20T10:00', '2027-10-20T12:00')
    await close({ lab_id: lab1 }, '2027-10-21T20:00', '2027-10-21T23:00')
    await close({ lab_id: lab2 }, '2027-10-20T11:00', '2027-10-20T13:00')

    await ctx.make.booking({ lab_id: lab1, start: '2027-10-19T10:00', end: '2027-10-19T12:00', status: 'confirmed', team_id: team1 })
    await ctx.make.booking({
      lab_id: lab1,
      start: '2027-10-19T14:00',
      end: '2027-10-19T17:00',
      status: 'completed',
      team_id: team2,
      participants: 12,
      participant_categories: { giovani: 5, donne: 7 },
    })
    await ctx.make.booking({ lab_id: lab1, start: '2027-10-22T09:00', end: '2027-10-22T10:30', status: 'no_show', team_id: team1 })
    await ctx.make.booking({ lab_id: lab1, start: '2027-10-23T10:00', end: '2027-10-23T12:00', status: 'pending', team_id: team1 })
    await ctx.make.booking({ lab_id: lab1, start: '2027-10-23T14:00', end: '2027-10-23T16:00', status: 'cancelled', team_id: team1 })
    await ctx.make.booking({ lab_id: lab1, start: '2027-10-23T14:00', end: '2027-10-23T18:00', status: 'rejected', team_id: team2 })
    await ctx.make.booking({ lab_id: lab2, start: '2027-10-17T23:00', end: '2027-10-18T01:00', status: 'confirmed', team_id: team2 })
    await ctx.make.booking({ lab_id: lab2, start: '2027-10-24T22:00', end: '2027-10-25T02:00', status: 'confirmed' })
  })

  it('gives each lab its open, booked and used hours, counts and participants', async () => {
    const res = await admin.get(`/reports/utilisation?${week}&groupBy=lab&hubId=${hubId}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ from: '2027-10-18', to: '2027-10-25', groupBy: 'lab' })
    const byKey = Object.fromEntries(res.body.rows.map((r: any) => [r.key, r]))
    expect(byKey[lab1]).toMatchObject({
      label: 'Cucina A',
      openHours: 80,
      bookedHours: 6.5,
      usedHours: 3,
      bookings: 3,
      noShows: 1,
      participants: 12,
      participantCategories: { donne: 7, giovani: 5 },
      distinctTeams: 2,
      hubId,
      type: 'kitchen',
    })
    expect(byKey[lab1].utilisation).toBeCloseTo(6.5 / 80, 4)
    expect(byKey[lab2]).toMatchObject({
      openHours: 81,
      bookedHours: 3,
      usedHours: 0,
      // the booking begun on Sunday 17 brings its hour into the week but counts in the week it started
      bookings: 1,
      noShows: 0,
      participants: 0,
      distinctTeams: 0,
    })
    expect(byKey[lab2].utilisation).toBeCloseTo(3 / 81, 4)
    expect(res.body.totals).toMatchObject({
      openHours: 161,
      bookedHours: 9.5,
      usedHours: 3,
      bookings: 4,
      noShows: 1,
      participants: 12,
      distinctTeams: 2,
    })
    expect(res.body.totals.utilisation).toBeCloseTo(9.5 / 161, 4)
    expect(ctx.errors).toEqual([])
  })

  it('groups by hub, type and area with the same totals', async () => {
    const hub = await admin.get(`/reports/utilisation?${week}&groupBy=hub&hubId=${hubId}`)
    expect(hub.body.rows).toHaveLength(1)
    expect(hub.body.rows[0]).toMatchObject({
      key: hubId,
      label: 'Hub Giambellino',
      openHours: 161,
      bookedHours: 9.5,
      municipio: 6,
      isTarget: true,
    })

    const type = await admin.get(`/reports/utilisation?${week}&groupBy=type&hubId=${hubId}`)
    expect(type.body.rows.map((r: any) => [r.key, r.label, r.openHours, r.bookedHours])).toEqual([
      ['kitchen', 'Cucina', 80, 6.5],
      ['tailoring', 'Sartoria', 81, 3],
    ])

    const area = await admin.get(`/reports/utilisation?${week}&groupBy=area&areaId=${areaId}`)
    expect(area.body.rows).toEqual([
      expect.objectContaining({ key: areaId, label: 'Giambellino', openHours: 161, bookedHours: 9.5, isTarget: true }),
    ])
  })

  it('filters by lab and by type', async () => {
    const one = await admin.get(`/reports/utilisation?${week}&groupBy=lab&labId=${lab2}`)
    expect(one.body.rows.map((r: any) => r.key)).toEqual([lab2])
    expect(one.body.totals.openHours).toBe(81)
    const kitchens = await admin.get(`/reports/utilisation?${week}&groupBy=hub&hubId=${hubId}&type=kitchen`)
    expect(kitchens.body.totals).toMatchObject({ openHours: 80, bookedHours: 6.5 })
  })

  it('groups by team against the open hours of the whole scope, internal use apart', async () => {
    const res = await admin.get(`/reports/utilisation?${week}&groupBy=team&hubId=${hubId}`)
    expect(res.status).toBe(200)
    const rows = res.body.rows.map((r: any) => [r.key, r.label, r.bookedHours, r.usedHours, r.bookings, r.openHours])
    expect(rows).toEqual([
      [team1, 'Alfa', 3.5, 0, 2, 161],
      [team2, 'Beta', 4, 3, 1, 161],
      [null, 'Uso interno (senza team)', 2, 0, 1, 161],
    ])
    expect(res.body.totals).toMatchObject({ openHours: 161, bookedHours: 9.5, bookings: 4, distinctTeams: 2 })
  })

  it('splits by week: open hours by local date, a booking across midnight in both weeks, counted once', async () => {
    const res = await admin.get(`/reports/utilisation?from=2027-10-18&to=2027-11-01&groupBy=week&hubId=${hubId}`)
    expect(res.status).toBe(200)
    expect(res.body.rows.map((r: any) => [r.key, r.label, r.openHours, r.bookedHours, r.bookings])).toEqual([
      ['2027-10-18', '2027-W42', 161, 9.5, 4],
      // second week, summer time ends on Sunday 31 (closed): 2 labs × 6 × 14 h; the 2 h after midnight of the edge booking
      ['2027-10-25', '2027-W43', 168, 2, 0],
    ])
    expect(res.body.totals).toMatchObject({ openHours: 329, bookedHours: 11.5, bookings: 4 })
  })

  it('splits by month', async () => {
    const res = await admin.get(`/reports/utilisation?from=2027-10-01&to=2027-12-01&groupBy=month&labId=${lab1}`)
    expect(res.body.rows.map((r: any) => [r.key, r.label])).toEqual([
      ['2027-10', 'ottobre 2027'],
      ['2027-11', 'novembre 2027'],
    ])
    // October 2027: 26 working days (Mon–Sat) × 14 h = 364, minus 4 h of closures; November: 26 × 14 = 364
    expect(res.body.rows.map((r: any) => r.openHours)).toEqual([360, 364])
    expect(res.body.rows[0].bookedHours).toBe(6.5)
  })

  it('groups by operator: the concession in force on each date', async () => {
    const operator = await ctx.make.operator({ name: 'Cooperativa Lorenteggio' })
    await ctx.make.concession({ hub_id: hubId, operator_id: operator.id, start_date: '2027-10-21', end_date: '2030-12-31' })
    const res = await admin.get(`/reports/utilisation?${week}&groupBy=operator&hubId=${hubId}`)
    // Mon–Wed 18–20 (no concession): 2 labs × 3 × 14 − 2 × 2 (hub closure) − 1 (lab 2's own) = 79 h; Thu–Sat: 84 − 2 = 82 h
    expect(res.body.rows.map((r: any) => [r.key, r.label, r.openHours, r.bookedHours, r.bookings])).toEqual([
      [operator.id, 'Cooperativa Lorenteggio', 82, 3.5, 2],
      [null, 'Gestione diretta del Comune', 79, 6, 2],
    ])
  })

  it('answers CSV with a header, semicolons and decimal points', async () => {
    const res = await admin.get(`/reports/utilisation?${week}&groupBy=lab&hubId=${hubId}&format=csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="utilisation_lab_2027-10-18_2027-10-25\.csv"$/)
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'from;to;groupBy;key;label;openHours;bookedHours;usedHours;utilisation;bookings;noShows;participants;distinctTeams;participantCategories;hubId;hubName;type;areaId;nilId;municipio;isTarget;checkIns',
    )
    expect(lines).toHaveLength(3)
    const lab1Line = lines.find((l: string) => l.includes(lab1))!.split(';')
    expect(lab1Line.slice(0, 13)).toEqual([
      '2027-10-18',
      '2027-10-25',
      'lab',
      lab1,
      'Cucina A',
      '80',
      '6.5',
      '3',
      '0.0813',
      '3',
      '1',
      '12',
      '2',
    ])
  })
})

/**
 * The roll-up keeps a row whose figures fell back to zero (a team's only booking cancelled, deleted, or moved
 * out of the period): the team grouping must not show such a team as a row of zeros, in JSON or CSV, while a
 * team whose only hours in the period come from a booking begun before it keeps its row (0 bookings, its hours).
 */
describe('teams whose bookings went', () => {
  it('leaves out of the team grouping a team with nothing left in the period', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const kept = await ctx.make.team({ name: 'Restata' })
    const cancelled = await ctx.make.team({ name: 'Annullata' })
    const deleted = await ctx.make.team({ name: 'Cancellata' })
    const moved = await ctx.make.team({ name: 'Spostata' })
    const overnight = await ctx.make.team({ name: 'Notturna' })
    const admin = await ctx.as(await ctx.make.admin())
    const period = `from=2027-11-08&to=2027-11-15&groupBy=team&hubId=${hub.id}`

    await ctx.make.booking({ lab_id: lab.id, start: '2027-11-09T10:00', end: '2027-11-09T12:00', team_id: kept.id })
    const toCancel = await ctx.make.booking({ lab_id: lab.id, start: '2027-11-10T10:00', end: '2027-11-10T11:00', team_id: cancelled.id })
    const toDelete = await ctx.make.booking({ lab_id: lab.id, start: '2027-11-11T10:00', end: '2027-11-11T11:00', team_id: deleted.id })
    const toMove = await ctx.make.booking({ lab_id: lab.id, start: '2027-11-12T10:00', end: '2027-11-12T11:00', team_id: moved.id })
    // begun on Sunday 7, before the period: 1 h inside it, counted (bookings, teams) in the week before
    await ctx.make.booking({ lab_id: lab.id, start: '2027-11-07T23:00', end: '2027-11-08T01:00', team_id: overnight.id })
    const before = await admin.get(`/reports/utilisation?${period}`)
    expect(before.body.rows.map((r: any) => r.label)).toEqual(['Annullata', 'Cancellata', 'Notturna', 'Restata', 'Spostata'])

    expect((await admin.post(`/bookings/${toCancel.id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    await ctx.db.deleteFrom('bookings').where('id', '=', toDelete.id).execute()
    await ctx.db
      .updateTable('bookings')
      .set({ during: tstzrange(at('2027-11-19T10:00'), at('2027-11-19T11:00')) })
      .where('id', '=', toMove.id)
      .execute()

    const res = await admin.get(`/reports/utilisation?${period}`)
    expect(res.status).toBe(200)
    expect(res.body.rows.map((r: any) => [r.key, r.label, r.bookedHours, r.bookings])).toEqual([
      [overnight.id, 'Notturna', 1, 0],
      [kept.id, 'Restata', 2, 1],
    ])
    expect(res.body.totals).toMatchObject({ bookedHours: 3, bookings: 1, distinctTeams: 1 })

    const csv = await admin.get(`/reports/utilisation?${period}&format=csv`)
    const lines = csv.text.trim().split('\r\n')
    expect(lines.slice(1).map((l: string) => l.split(';')[4])).toEqual(['Notturna', 'Restata'])
    expect(ctx.errors).toEqual([])
  })
})

describe('daylight saving time', () => {
  it('counts the wall-clock hours of opening on the spring-forward Sunday, and bookings in elapsed time', async () => {
    const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '22:00' }))
    const hub = await ctx.make.hub({ opening: [...days, { weekday: 7, open: '00:00', close: '06:00' }] })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    // 01:00 → 04:00 on 28 March 2027 lasts 2 h: 02:00 does not exist that night
    await ctx.make.booking({ lab_id: lab.id, start: '2027-03-28T01:00', end: '2027-03-28T04:00', status: 'completed', participants: 4 })
    await ctx.make.booking({ lab_id: lab.id, start: '2027-03-28T10:00', end: '2027-03-28T12:00', status: 'confirmed' })
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.get(`/reports/utilisation?from=2027-03-22&to=2027-03-29&groupBy=lab&labId=${lab.id}`)
    // 7 × 14 h (08–22 is 14 h on the change day too) + 00:00–06:00 on the change day = 5 real hours
    expect(res.body.rows[0]).toMatchObject({ openHours: 103, bookedHours: 4, usedHours: 2, bookings: 2, participants: 4 })
  })

  it('counts 25 hours for a day open round the clock when summer time ends', async () => {
    const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }))
    const hub = await ctx.make.hub({ opening: days })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.get(`/reports/utilisation?from=2027-10-25&to=2027-11-01&groupBy=lab&labId=${lab.id}`)
    expect(res.body.rows[0].openHours).toBe(6 * 24 + 25)
  })
})

describe('closures of every hub', () => {
  it('subtracts a global closure (7 December) from every lab', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    await close({}, '2027-12-07T00:00', '2027-12-08T00:00')
    const admin = await ctx.as(await ctx.make.admin())
    // Monday 6 – Sunday 12 December 2027: 6 × 14 h, less Tuesday 7
    const res = await admin.get(`/reports/utilisation?from=2027-12-06&to=2027-12-13&groupBy=lab&labId=${lab.id}`)
    expect(res.body.rows[0].openHours).toBe(5 * 14)
    await sql`delete from closures where hub_id is null and lab_id is null`.execute(ctx.db)
  })

  it('shows labs with no opening hours with zeros, and utilisation 0', async () => {
    const hub = await ctx.make.hub({ opening: [] })
    const lab = await ctx.make.lab({ hub_id: hub.id })
    await ctx.make.booking({ lab_id: lab.id, start: '2027-05-04T10:00', end: '2027-05-04T11:00', status: 'confirmed' })
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.get(`/reports/utilisation?from=2027-05-03&to=2027-05-10&groupBy=lab&labId=${lab.id}`)
    expect(res.body.rows[0]).toMatchObject({ openHours: 0, bookedHours: 1, utilisation: 0 })
  })
})

describe('who may read the reports', () => {
  it('answers 401 signed out and 403 to members', async () => {
    const q = '/reports/utilisation?from=2027-01-01&to=2027-02-01'
    expect((await ctx.anonymous.get(q)).status).toBe(401)
    const { user } = await ctx.make.member()
    const res = await (await ctx.as(user)).get(q)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
  })

  it('restricts an operator to its hubs, and refuses another hub or its labs', async () => {
    const mine = await ctx.make.hub()
    const other = await ctx.make.hub()
    const myLab = await ctx.make.lab({ hub_id: mine.id })
    const otherLab = await ctx.make.lab({ hub_id: other.id })
    const { user } = await ctx.make.operatorStaff(mine.id)
    const op = await ctx.as(user)
    const res = await op.get('/reports/utilisation?from=2027-01-04&to=2027-01-11&groupBy=lab')
    expect(res.status).toBe(200)
    expect(res.body.rows.map((r: any) => r.key)).toEqual([myLab.id])
    expect((await op.get(`/reports/utilisation?from=2027-01-04&to=2027-01-11&hubId=${other.id}`)).status).toBe(403)
    expect((await op.get(`/reports/utilisation?from=2027-01-04&to=2027-01-11&labId=${otherLab.id}`)).status).toBe(403)
  })

  it('validates the query', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const planet = await admin.get('/reports/utilisation?from=2027-01-01&to=2027-02-01&groupBy=planet')
    expect(planet.status).toBe(400)
    expect(planet.body.errors.map((e: any) => e.path)).toEqual(['groupBy'])
    const backwards = await admin.get('/reports/utilisation?from=2027-02-01&to=2027-01-01')
    expect(backwards.body.errors).toEqual([{ path: 'to', message: 'to deve essere successiva a from' }])
    expect((await admin.get('/reports/utilisation?from=2027-01-01&to=2031-01-01')).status).toBe(400)
    expect((await admin.get('/reports/utilisation?from=2027-01-01&to=2027-02-01&hubId=nope')).status).toBe(400)
    expect((await admin.get('/reports/utilisation?to=2027-02-01')).status).toBe(400)
  })
})
