import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** What a list of bookings says about each (issue 12, item 8): its series' rule and the equipment it booked. */
describe('GET /bookings', () => {
  it('carries the rule of each booking’s series with its first times, and the equipment booked', async () => {
    const w = await ctx.make.world()
    const kettle = await ctx.make.equipmentType({ name: 'Bollitore' })
    await ctx.make.asset({ type_id: kettle.id, lab_id: w.lab.id, asset_tag: `B-${Math.random()}` })
    const series = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso del martedì',
      start: '2027-10-19T14:00',
      end: '2027-10-19T17:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T225959Z' },
      equipment: [{ typeId: kettle.id, quantity: 1 }],
    })
    expect(series.status).toBe(201)
    const single = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Riunione',
      start: '2027-10-20T10:00',
      end: '2027-10-20T11:00',
    })
    expect(single.status).toBe(201)

    const res = await w.member.get(`/bookings?teamId=${w.teamId}&from=2027-10-18&to=2027-11-10`)
    expect(res.status).toBe(200)
    const list = res.body as Array<{
      title: string
      seriesId: string | null
      series: { rrule: string; start: string; end: string } | null
      equipment: Array<{ typeId: string; assetIds: string[] }>
    }>
    const course = list.filter((b) => b.title === 'Corso del martedì')
    expect(course).toHaveLength(3)
    for (const b of course) {
      expect(b.series).toEqual({
        rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20271102T225959Z',
        start: '2027-10-19T14:00:00+02:00',
        end: '2027-10-19T17:00:00+02:00',
      })
      expect(b.equipment).toEqual([{ typeId: kettle.id, assetIds: [expect.any(String)] }])
    }
    const meeting = list.find((b) => b.title === 'Riunione')
    expect(meeting?.series).toBeNull()
    expect(meeting?.seriesId).toBeNull()
  })
  it('says of each booking in the list what GET /bookings/:id says, its equipment in the same order (types by first tag, assets by tag)', async () => {
    const w = await ctx.make.world({ hub: { timezone: 'Europe/Rome' } })
    const tag = `${Math.random()}`
    const kettle = await ctx.make.equipmentType({ name: `Bollitore ${tag}` })
    const oven = await ctx.make.equipmentType({ name: `Forno ${tag}` })
    // tags whose order is neither the order of insertion nor of the ids
    const kettles = []
    for (const t of ['K-2', 'K-9', 'K-1'])
      kettles.push(await ctx.make.asset({ type_id: kettle.id, lab_id: w.lab.id, asset_tag: `${t}-${tag}` }))
    const ovens = []
    for (const t of ['A-7', 'A-3']) ovens.push(await ctx.make.asset({ type_id: oven.id, lab_id: w.lab.id, asset_tag: `${t}-${tag}` }))
    const series = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Corso',
      start: '2027-10-26T14:00',
      end: '2027-10-26T17:00',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
      equipment: [
        { typeId: kettle.id, quantity: 3 },
        { typeId: oven.id, quantity: 2 },
      ],
    })
    expect(series.status).toBe(201)
    const single = await w.member.post('/bookings', {
      labId: w.lab.id,
      teamId: w.teamId,
      title: 'Prova',
      start: '2027-10-27T10:00',
      end: '2027-10-27T11:00',
      equipment: [{ typeId: kettle.id, quantity: 1 }],
    })
    expect(single.status).toBe(201)
    const first = (series.body as { bookings: Array<{ id: string }> }).bookings[0].id
    expect((await w.member.post(`/bookings/${first}/cancel`, { scope: 'occurrence' })).status).toBe(200)

    const res = await w.admin.get(`/bookings?labId=${w.lab.id}&from=2027-10-25&to=2027-11-20`)
    expect(res.status).toBe(200)
    const list = res.body as Array<{ id: string; title: string; status: string; series: unknown; equipment: unknown }>
    expect(list).toHaveLength(4)
    for (const { series: rule, ...item } of list) {
      const one = await w.admin.get(`/bookings/${item.id}`)
      expect(item).toEqual(one.body)
      expect(rule === null).toBe(item.title === 'Prova')
    }
    const live = list.find((b) => b.title === 'Corso' && b.status !== 'cancelled')
    expect(live?.equipment).toEqual([
      { typeId: oven.id, assetIds: [ovens[1].id, ovens[0].id] },
      { typeId: kettle.id, assetIds: [kettles[2].id, kettles[0].id, kettles[1].id] },
    ])
    expect(list.find((b) => b.id === first)?.equipment).toEqual([])
  })

  it('reads a week’s dates in the hub’s own zone, across its autumn change, and writes each instant with its offset there', async () => {
    // New York leaves daylight time on Sunday 7 November 2027: the week runs from 00:00-04:00 to 00:00-05:00
    const w = await ctx.make.world({ hub: { timezone: 'America/New_York' } })
    const at = (iso: string, hours = 1) => ({ start: new Date(iso), end: new Date(new Date(iso).getTime() + hours * 3_600_000) })
    const rows = {
      // 2027-10-31T20:00-04:00: the Monday already in Rome, not yet in New York
      before: at('2027-11-01T00:00:00Z'),
      monday: at('2027-11-01T12:00:00Z'),
      // 01:00-05:00, the second time New York's clocks show 01:00 that night
      night: at('2027-11-07T06:00:00Z'),
      sunday: at('2027-11-07T15:00:00Z'),
      // 2027-11-07T20:00-05:00: the next Monday in Rome, still Sunday in New York
      lastEvening: at('2027-11-08T01:00:00Z'),
      after: at('2027-11-08T05:00:00Z'),
    }
    const ids: Record<string, string> = {}
    for (const [title, r] of Object.entries(rows))
      ids[title] = (await ctx.make.booking({ lab_id: w.lab.id, team_id: w.teamId, title, start: r.start, end: r.end })).id

    const res = await w.admin.get(`/bookings?hubId=${w.hub.id}&from=2027-11-01&to=2027-11-08`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-total-count')).toBe('4')
    const list = res.body as Array<{ id: string; title: string; start: string; end: string; series: unknown }>
    expect(list.map((b) => b.title)).toEqual(['monday', 'night', 'sunday', 'lastEvening'])
    expect(list.map((b) => [b.start, b.end])).toEqual([
      ['2027-11-01T08:00:00-04:00', '2027-11-01T09:00:00-04:00'],
      ['2027-11-07T01:00:00-05:00', '2027-11-07T02:00:00-05:00'],
      ['2027-11-07T10:00:00-05:00', '2027-11-07T11:00:00-05:00'],
      ['2027-11-07T20:00:00-05:00', '2027-11-07T21:00:00-05:00'],
    ])
    for (const { series, ...item } of list) {
      expect(series).toBeNull()
      expect(item).toEqual((await w.admin.get(`/bookings/${item.id}`)).body)
    }
    // a wall time shown twice is its first instant (01:30-04:00), one the zone skips is a 400 on its bound
    const twice = await w.admin.get(`/bookings?hubId=${w.hub.id}&from=2027-11-07T01:30&to=2027-11-07T16:00`)
    expect((twice.body as Array<{ title: string }>).map((b) => b.title)).toEqual(['night', 'sunday'])
    const fromTwice = await w.admin.get(`/bookings?hubId=${w.hub.id}&from=2027-11-01T20:00&to=2027-11-07T01:30`)
    expect(fromTwice.headers.get('x-total-count')).toBe('0')
    const skipped = await w.admin.get(`/bookings?hubId=${w.hub.id}&from=2027-11-01&to=2028-03-12T02:30`)
    expect(skipped.status).toBe(400)
    expect((skipped.body as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path: 'to' })])
    // without a hub or lab, dates are Rome's
    const rome = await w.admin.get(`/bookings?teamId=${w.teamId}&from=2027-11-01&to=2027-11-08`)
    expect((rome.body as Array<{ title: string }>).map((b) => b.title)).toEqual(['before', 'monday', 'night', 'sunday'])
  })

  it('shows a member the bookings of each of their teams, staff their hubs’, and no one else’s', async () => {
    const w = await ctx.make.world()
    const second = await ctx.make.team()
    const stranger = await ctx.make.team()
    const both = await ctx.make.user({ role: 'member', teamIds: [w.teamId, second.id] })
    const otherHub = await ctx.make.world()
    const day = (d: number, title: string, team: string | null, lab = w.lab.id, hour = 10) =>
      ctx.make.booking({ lab_id: lab, team_id: team, title, start: `2027-10-${d}T${hour}:00`, end: `2027-10-${d}T${hour + 1}:00` })
    await day(18, 'first team', w.teamId)
    await day(19, 'second team', second.id)
    await day(20, 'stranger', stranger.id)
    await day(21, 'internal', null)
    await day(19, 'second team elsewhere', second.id, otherHub.lab.id, 12)
    await day(20, 'stranger elsewhere', stranger.id, otherHub.lab.id, 12)
    const titles = async (client: typeof w.admin, query = 'from=2027-10-18&to=2027-10-25') => {
      const res = await client.get(`/bookings?${query}&limit=500`)
      expect(res.status).toBe(200)
      const mine = (res.body as Array<{ title: string; labId: string }>).filter((b) => [w.lab.id, otherHub.lab.id].includes(b.labId))
      return mine.map((b) => b.title)
    }
    const member = await ctx.as(both)
    expect(await titles(member)).toEqual(['first team', 'second team', 'second team elsewhere'])
    expect(await titles(member, `hubId=${w.hub.id}&from=2027-10-18&to=2027-10-25`)).toEqual(['first team', 'second team'])
    expect(await titles(w.member)).toEqual(['first team'])
    expect(await titles(w.operator)).toEqual(['first team', 'second team', 'stranger', 'internal'])
    expect(await titles(otherHub.operator)).toEqual(['second team elsewhere', 'stranger elsewhere'])
    expect(await titles(w.admin)).toEqual([
      'first team',
      'second team',
      'second team elsewhere',
      'stranger',
      'stranger elsewhere',
      'internal',
    ])
    const none = await ctx.as(await ctx.make.user({ role: 'member' }))
    const res = await none.get('/bookings?from=2027-10-18&to=2027-10-25')
    expect(res.body).toEqual([])
    expect(res.headers.get('x-total-count')).toBe('0')
  })

  it('answers every filter and viewer from the statement of its own shape, whatever was asked before (issue 18)', async () => {
    const w = await ctx.make.world()
    const lab2 = await ctx.make.lab({ hub_id: w.hub.id })
    const other = await ctx.make.team()
    const statuses = ['confirmed', 'pending', 'cancelled', 'completed'] as const
    for (let i = 0; i < 12; i++) {
      const d = 18 + (i % 6)
      await ctx.make.booking({
        lab_id: i % 3 === 0 ? lab2.id : w.lab.id,
        team_id: i % 4 === 0 ? other.id : i % 5 === 0 ? null : w.teamId,
        status: statuses[i % 4],
        title: `b${i}`,
        start: `2027-10-${d}T${String(9 + i).padStart(2, '0')}:00`,
        end: `2027-10-${d}T${10 + i}:30`,
      })
    }
    type Item = { id: string; labId: string; teamId: string | null; status: string; start: string; end: string }
    const all = (await w.admin.get(`/bookings?hubId=${w.hub.id}&limit=500`)).body as Item[]
    expect(all).toHaveLength(12)
    const at = (text: string) => new Date(text).getTime()
    const since = (t: string) => (b: Item) => at(b.end) > at(t)
    const until = (t: string) => (b: Item) => at(b.start) < at(t)
    const cases: Array<[string, (b: Item) => boolean]> = [
      [`hubId=${w.hub.id}`, () => true],
      [`hubId=${w.hub.id}&status=confirmed`, (b) => b.status === 'confirmed'],
      [`hubId=${w.hub.id}&status=confirmed,cancelled`, (b) => ['confirmed', 'cancelled'].includes(b.status)],
      [`hubId=${w.hub.id}&status=cancelled,cancelled,pending`, (b) => ['pending', 'cancelled'].includes(b.status)],
      [`labId=${lab2.id}`, (b) => b.labId === lab2.id],
      [
        `labId=${w.lab.id}&teamId=${w.teamId}&status=pending,completed`,
        (b) => b.labId === w.lab.id && b.teamId === w.teamId && ['pending', 'completed'].includes(b.status),
      ],
      [`teamId=${other.id}`, (b) => b.teamId === other.id],
      [
        `hubId=${w.hub.id}&from=2027-10-20&to=2027-10-22`,
        (b) => since('2027-10-20T00:00:00+02:00')(b) && until('2027-10-22T00:00:00+02:00')(b),
      ],
      [`hubId=${w.hub.id}&from=2027-10-19T12:00:00%2B02:00`, since('2027-10-19T12:00:00+02:00')],
      [`labId=${w.lab.id}&to=2027-10-21T15:30`, (b) => b.labId === w.lab.id && until('2027-10-21T15:30:00+02:00')(b)],
      [
        `hubId=${w.hub.id}&from=2027-10-19T08:00&to=2027-10-23T00:00:00Z`,
        (b) => since('2027-10-19T08:00:00+02:00')(b) && until('2027-10-23T00:00:00Z')(b),
      ],
    ]
    const viewers: Array<[typeof w.admin, (b: Item) => boolean]> = [
      [w.admin, () => true],
      [w.operator, () => true],
      [w.member, (b) => b.teamId === w.teamId],
    ]
    // each case twice, in two orders, by each viewer: a statement kept for one shape never answers another
    for (const order of [cases, [...cases].reverse()]) {
      for (const [client, sees] of viewers) {
        for (const [query, keep] of order) {
          const wanted = all.filter((b) => sees(b) && keep(b)).map((b) => b.id)
          for (const [limit, offset] of [
            [500, 0],
            [2, 1],
            [5, 50],
          ]) {
            const res = await client.get(`/bookings?${query}&limit=${limit}&offset=${offset}`)
            expect(res.status, query).toBe(200)
            expect(
              (res.body as Item[]).map((b) => b.id),
              `${query} ${limit} ${offset}`,
            ).toEqual(wanted.slice(offset, offset + limit))
            expect(res.headers.get('x-total-count'), query).toBe(String(wanted.length))
          }
        }
      }
    }
  })
})
