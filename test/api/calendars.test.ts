import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBookingGroups } from '../../backend/outbox/booking-groups.ts'
import { requestIcs } from '../../emails/ics.ts'
import { instancesOf, instantsOf, veventLines } from '../../emails/ics-test-helpers.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const path = (url: string) => url.replace('http://localhost:8080', '')
const uids = (ics: string) => [...new Set(veventLines(ics).map((e) => e.find((l) => l.startsWith('UID:'))!.slice(4)))]

/** A lab with a weekly series at 18:00 across the end of summer time, booked by a team member. */
async function bookedSeries() {
  const hub = await ctx.make.hub({ address: 'Via Padova 36, Milano' })
  const lab = await ctx.make.lab({ hub_id: hub.id, name: 'Laboratorio digitale' })
  const { user, teamId } = await ctx.make.member()
  const member = await ctx.as(user)
  const res = await member.post('/bookings', {
    labId: lab.id,
    teamId,
    title: 'Stampa 3D per ragazzi',
    start: '2027-10-19T18:00',
    end: '2027-10-19T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' },
  })
  expect(res.status).toBe(201)
  const team = await ctx.db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirstOrThrow()
  return { hub, lab, team, user, member, series: res.body.series, bookings: res.body.bookings as Array<{ id: string }> }
}

describe('the public busy feed of a lab', () => {
  it('shows busy time at the right local times, without titles or team names', async () => {
    const { lab, team } = await bookedSeries()
    const res = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(res.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Rome')
    expect(res.text).toContain('DTSTART;TZID=Europe/Rome:20271019T180000')
    expect(res.text).toContain('SUMMARY:Occupato')
    expect(res.text).not.toContain('Stampa 3D')
    expect(res.text).not.toContain(team.name)
    expect(instancesOf(res.text).map((i) => i.start)).toEqual([
      '2027-10-19T18:00',
      '2027-10-26T18:00',
      '2027-11-02T18:00',
      '2027-11-09T18:00',
    ])
  })

  it('gives every event its UID, TZID times, SUMMARY, LOCATION and STATUS, without a link to the booking or an ORGANIZER', async () => {
    const { lab, team, member, series, bookings } = await bookedSeries()
    // a moved occurrence (an override of the series) and a single booking: three events in all
    expect((await member.patch(`/bookings/${bookings[2].id}`, { start: '2027-11-02T19:00', end: '2027-11-02T21:00' })).status).toBe(200)
    const single = await member.post('/bookings', {
      labId: lab.id,
      teamId: team.id,
      title: 'Riunione',
      start: '2027-12-01T10:00',
      end: '2027-12-01T11:00',
    })
    expect(single.status).toBe(201)
    const res = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`)
    const events = veventLines(res.text)
    expect(events).toHaveLength(3)
    for (const lines of events) {
      const names = lines.map((l) => /^[A-Z-]+/.exec(l)![0])
      expect(names).toEqual(expect.arrayContaining(['UID', 'SEQUENCE', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'LOCATION', 'STATUS']))
      expect(names).not.toContain('URL')
      expect(names).not.toContain('ORGANIZER')
      expect(lines.filter((l) => /^(DTSTART|DTEND|RECURRENCE-ID)/.test(l)).every((l) => l.includes(';TZID=Europe/Rome:'))).toBe(true)
    }
    expect(res.text).not.toContain('/bookings/')
    expect(uids(res.text)).toEqual([
      `${series.id}@spazicomuni.comune.milano.it`,
      `${single.body.bookings[0].id}@spazicomuni.comune.milano.it`,
    ])
    // as a calendar client reads it (node-ical): every instance, under its UID, at its local time
    expect(instancesOf(res.text).map((i) => [i.uid.slice(0, 8), i.start, i.summary])).toEqual([
      [series.id.slice(0, 8), '2027-10-19T18:00', 'Occupato'],
      [series.id.slice(0, 8), '2027-10-26T18:00', 'Occupato'],
      [series.id.slice(0, 8), '2027-11-02T19:00', 'Occupato'],
      [series.id.slice(0, 8), '2027-11-09T18:00', 'Occupato'],
      [single.body.bookings[0].id.slice(0, 8), '2027-12-01T10:00', 'Occupato'],
    ])
  })

  it('answers If-None-Match with 304 while nothing changed, and with the new feed after a change', async () => {
    const { lab, member, bookings } = await bookedSeries()
    const first = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    expect(first.headers.get('cache-control')).toContain('max-age')
    const again = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`, { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    const any = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`, { headers: { 'If-None-Match': '*' } })
    expect(any.status).toBe(304)

    expect((await member.post(`/bookings/${bookings[1].id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    const changed = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`, { headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(changed.text).toContain('EXDATE;TZID=Europe/Rome:20271026T180000')
    expect(instancesOf(changed.text).map((i) => i.start)).toEqual(['2027-10-19T18:00', '2027-11-02T18:00', '2027-11-09T18:00'])
  })

  it('answers unknown labs and malformed names with a problem+json 404', async () => {
    const unknown = await ctx.anonymous.get('/calendars/labs/00000000-0000-4000-8000-000000000000.ics')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toContain('application/problem+json')
    expect((await ctx.anonymous.get('/calendars/labs/nope.ics')).status).toBe(404)
  })
})

describe('the secret feed of a team', () => {
  it('gives members a stable URL whose token is stored only as a hash, serving the team’s bookings in full', async () => {
    const { team, member, series } = await bookedSeries()
    const res = await member.get(`/teams/${team.id}/calendar-url`)
    expect(res.status).toBe(200)
    expect(res.body.url).toMatch(new RegExp(`^http://localhost:8080/api/v1/calendars/teams/${team.id}\\.ics\\?token=[A-Za-z0-9_-]{40,}$`))
    expect((await member.get(`/teams/${team.id}/calendar-url`)).body.url).toBe(res.body.url)

    const token = new URL(res.body.url).searchParams.get('token')!
    const hashes = (await ctx.db.selectFrom('calendar_feed_tokens').select('token_hash').execute()).map((r) => r.token_hash)
    expect(hashes).toContain(createHash('sha256').update(token).digest('base64url'))
    const dump = JSON.stringify(await ctx.db.selectFrom('calendar_feed_tokens').selectAll().execute())
    expect(dump).not.toContain(token)

    const feed = await ctx.anonymous.get(path(res.body.url))
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(feed.headers.get('cache-control')).toContain('private')
    expect(feed.text).toContain('Stampa 3D per ragazzi')
    expect(feed.text).toContain('Via Padova 36')
    // the team's own feed keeps the link to the booking and the hub as ORGANIZER, as its invitations do
    expect(veventLines(feed.text)[0].some((l) => l.startsWith('URL;VALUE=URI:http://localhost:8080/bookings/'))).toBe(true)
    expect(veventLines(feed.text)[0].some((l) => l.startsWith('ORGANIZER;'))).toBe(true)
    expect(uids(feed.text)).toEqual([`${series.id}@spazicomuni.comune.milano.it`])
    expect(instancesOf(feed.text).map((i) => i.start)).toEqual([
      '2027-10-19T18:00',
      '2027-10-26T18:00',
      '2027-11-02T18:00',
      '2027-11-09T18:00',
    ])
  })

  it('gives each person its own URL: a member removed from the team loses the feed, the others keep theirs', async () => {
    const { team, user, member } = await bookedSeries()
    const colleague = await ctx.make.user({ teamIds: [team.id] })
    const colleagueClient = await ctx.as(colleague)
    const mine = path((await member.get(`/teams/${team.id}/calendar-url`)).body.url)
    const theirs = path((await colleagueClient.get(`/teams/${team.id}/calendar-url`)).body.url)
    expect(mine).not.toBe(theirs)
    expect((await ctx.anonymous.get(mine)).status).toBe(200)
    const admin = await ctx.as(await ctx.make.admin())
    expect((await admin.delete(`/teams/${team.id}/members/${user.id}`)).status).toBeLessThan(300)
    const leaked = await ctx.anonymous.get(mine)
    expect(leaked.status).toBe(404)
    expect(leaked.text).not.toContain('BEGIN:VCALENDAR')
    expect((await ctx.anonymous.get(theirs)).status).toBe(200)
    expect(path((await colleagueClient.get(`/teams/${team.id}/calendar-url`)).body.url)).toBe(theirs)

    // back in the team, the person gets a new URL; the one from before stays dead
    expect((await admin.patch(`/users/${user.id}`, { teamIds: [team.id] })).status).toBe(200)
    const again = path((await member.get(`/teams/${team.id}/calendar-url`)).body.url)
    expect(again).not.toBe(mine)
    expect((await ctx.anonymous.get(again)).status).toBe(200)
    expect((await ctx.anonymous.get(mine)).status).toBe(404)
  })

  it('a person taken out of the team by the Comune (PATCH /users/:id teamIds) or erased loses its feed URL', async () => {
    const { team, user, member } = await bookedSeries()
    const erased = await ctx.make.user({ teamIds: [team.id] })
    const stays = await ctx.make.user({ teamIds: [team.id] })
    const urlOf = async (u: typeof user) => path((await (await ctx.as(u)).get(`/teams/${team.id}/calendar-url`)).body.url)
    const moved = path((await member.get(`/teams/${team.id}/calendar-url`)).body.url)
    const erasedUrl = await urlOf(erased)
    const staysUrl = await urlOf(stays)
    for (const url of [moved, erasedUrl, staysUrl]) expect((await ctx.anonymous.get(url)).status).toBe(200)

    const admin = await ctx.as(await ctx.make.admin())
    const otherTeam = await ctx.make.team()
    expect((await admin.patch(`/users/${user.id}`, { teamIds: [otherTeam.id] })).status).toBe(200)
    expect((await admin.post(`/users/${erased.id}/erase`)).status).toBeLessThan(300)

    expect((await ctx.anonymous.get(moved)).status).toBe(404)
    expect((await ctx.anonymous.get(erasedUrl)).status).toBe(404)
    const kept = await ctx.anonymous.get(staysUrl)
    expect(kept.status).toBe(200)
    expect(kept.text).toContain('Stampa 3D per ragazzi')
  })

  it('refuses forged and rotated tokens, and a missing one', async () => {
    const { team, member } = await bookedSeries()
    const old = (await member.get(`/teams/${team.id}/calendar-url`)).body.url
    const forged = await ctx.anonymous.get(`/calendars/teams/${team.id}.ics?token=${'A'.repeat(43)}`)
    expect(forged.status).toBe(404)
    expect(forged.headers.get('content-type')).toContain('application/problem+json')
    expect(forged.text).not.toContain('BEGIN:VCALENDAR')
    expect((await ctx.anonymous.get(`/calendars/teams/${team.id}.ics`)).status).toBe(404)

    const rotated = await member.post(`/teams/${team.id}/calendar-url/rotate`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.url).not.toBe(old)
    expect((await ctx.anonymous.get(path(old))).status).toBe(404)
    expect((await ctx.anonymous.get(path(rotated.body.url))).status).toBe(200)
    expect((await member.get(`/teams/${team.id}/calendar-url`)).body.url).toBe(rotated.body.url)
  })

  it('does not open one team’s feed with another team’s token', async () => {
    const a = await bookedSeries()
    const b = await bookedSeries()
    const urlA = (await a.member.get(`/teams/${a.team.id}/calendar-url`)).body.url
    const tokenA = new URL(urlA).searchParams.get('token')
    expect((await ctx.anonymous.get(`/calendars/teams/${b.team.id}.ics?token=${tokenA}`)).status).toBe(404)
  })

  it('gives the URL to the team’s members and admins only', async () => {
    const { team } = await bookedSeries()
    expect((await ctx.anonymous.get(`/teams/${team.id}/calendar-url`)).status).toBe(401)
    const outsider = await ctx.as((await ctx.make.member()).user)
    const refused = await outsider.get(`/teams/${team.id}/calendar-url`)
    expect(refused.status).toBe(404)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect((await outsider.post(`/teams/${team.id}/calendar-url/rotate`)).status).toBe(404)
    const admin = await ctx.as(await ctx.make.admin())
    expect((await admin.get(`/teams/${team.id}/calendar-url`)).status).toBe(200)
    expect((await admin.get('/teams/00000000-0000-4000-8000-000000000000/calendar-url')).status).toBe(404)
  })

  it('keeps each event’s UID when an occurrence moves, showing the new time as an override', async () => {
    const { team, member, series, bookings } = await bookedSeries()
    const url = path((await member.get(`/teams/${team.id}/calendar-url`)).body.url)
    const before = await ctx.anonymous.get(url)
    expect((await member.patch(`/bookings/${bookings[2].id}`, { start: '2027-11-03T10:00', end: '2027-11-03T12:00' })).status).toBe(200)
    const after = await ctx.anonymous.get(url)
    expect(uids(after.text)).toEqual(uids(before.text))
    expect(uids(after.text)).toEqual([`${series.id}@spazicomuni.comune.milano.it`])
    expect(after.text).toContain('RECURRENCE-ID;TZID=Europe/Rome:20271102T180000')
    expect(instancesOf(after.text).map((i) => i.start)).toEqual([
      '2027-10-19T18:00',
      '2027-10-26T18:00',
      '2027-11-03T10:00',
      '2027-11-09T18:00',
    ])
  })
})

describe('the secret feed of an operator', () => {
  it('serves the bookings of the hubs it holds to its staff, and nothing of other hubs', async () => {
    const mine = await bookedSeries()
    const other = await bookedSeries()
    const staff = await ctx.make.operatorStaff(mine.hub.id)
    const client = await ctx.as(staff.user)
    const res = await client.get(`/operators/${staff.operatorId}/calendar-url`)
    expect(res.status).toBe(200)
    const feed = await ctx.anonymous.get(path(res.body.url))
    expect(feed.status).toBe(200)
    expect(uids(feed.text)).toEqual([`${mine.series.id}@spazicomuni.comune.milano.it`])
    expect(feed.text).toContain(mine.team.name)
    expect(feed.text).not.toContain(other.team.name)

    const stranger = await ctx.as((await ctx.make.operatorStaff(other.hub.id)).user)
    expect((await stranger.get(`/operators/${staff.operatorId}/calendar-url`)).status).toBe(404)
    const rotated = await client.post(`/operators/${staff.operatorId}/calendar-url/rotate`)
    expect((await ctx.anonymous.get(path(res.body.url))).status).toBe(404)
    expect((await ctx.anonymous.get(path(rotated.body.url))).status).toBe(200)
  })
})

/** A hub open day and night, every day, so that bookings can sit in the night the clocks go back. */
async function nightLab() {
  const opening = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }))
  const hub = await ctx.make.hub({ opening })
  const lab = await ctx.make.lab({ hub_id: hub.id, min_duration_minutes: 30 })
  const { user, teamId } = await ctx.make.member()
  const member = await ctx.as(user)
  const feedUrl = path((await member.get(`/teams/${teamId}/calendar-url`)).body.url)
  return { lab, teamId, member, feed: async () => (await ctx.anonymous.get(feedUrl)).text }
}

const utcOf = (b: { start: string; end: string }) => ({ start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() })
/** What a calendar client shows for one UID, as exact instants (node-ical expands the recurrence). */
const shown = (ics: string, uid: string) =>
  instantsOf(ics)
    .filter((i) => i.uid === uid)
    .map(({ start, end }) => ({ start, end }))
/** The invitation an email would carry for these bookings. */
const invitationOf = async (bookingId: string) => requestIcs((await loadBookingGroups(ctx.db, [bookingId]))[0], {})
const UID = (id: string) => `${id}@spazicomuni.comune.milano.it`

describe('the hour shown twice when the clocks go back (31 October 2027, 02:00–03:00 Europe/Rome)', () => {
  it('writes a single booking that starts or ends in the repeated hour in UTC, so clients show its real length', async () => {
    const { lab, teamId, member, feed } = await nightLab()
    const second = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Seconda',
      start: '2027-10-31T02:30:00+01:00',
      end: '2027-10-31T03:30',
    })
    expect(second.status).toBe(201)
    const across = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Attraverso',
      start: '2027-10-31T02:00:00+02:00',
      end: '2027-10-31T02:15:00+01:00',
    })
    expect(across.status).toBe(201)
    const ics = await feed()
    for (const b of [second.body.bookings[0], across.body.bookings[0]]) {
      expect(shown(ics, UID(b.id))).toEqual([utcOf(b)])
      for (const id of [b.id]) {
        const event = veventLines(ics).find((e) => e.includes(`UID:${UID(id)}`))!
        expect(event.filter((l) => /^DT(START|END)/.test(l)).every((l) => /^DT(START|END):\d{8}T\d{6}Z$/.test(l))).toBe(true)
      }
      expect(shown(await invitationOf(b.id), UID(b.id))).toEqual([utcOf(b)])
    }
    expect(shown(ics, UID(second.body.bookings[0].id))).toEqual([{ start: '2027-10-31T01:30:00.000Z', end: '2027-10-31T02:30:00.000Z' }])
  })

  it('keeps a daily series through that night one event with its series UID, each instance at its exact instants', async () => {
    const { lab, teamId, member, feed } = await nightLab()
    const res = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Notturno',
      start: '2027-10-29T02:30',
      end: '2027-10-29T03:30',
      recurrence: { rrule: 'FREQ=DAILY;COUNT=4' },
    })
    expect(res.status).toBe(201)
    const api = res.body.bookings.map(utcOf)
    expect(api[2]).toEqual({ start: '2027-10-31T00:30:00.000Z', end: '2027-10-31T01:30:00.000Z' })
    for (const ics of [await feed(), await invitationOf(res.body.bookings[0].id)]) {
      expect(uids(ics)).toEqual([UID(res.body.series.id)])
      expect(veventLines(ics)).toHaveLength(1)
      expect(shown(ics, UID(res.body.series.id))).toEqual(api)
    }
  })

  it('a series whose first occurrence ends in the second pass of the hour says how long it lasts (DURATION)', async () => {
    const { lab, teamId, member, feed } = await nightLab()
    const res = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Dall’una e mezza',
      start: '2027-10-31T01:30',
      end: '2027-10-31T02:30:00+01:00',
      recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
    })
    expect(res.status).toBe(201)
    const api = res.body.bookings.map(utcOf)
    const ics = await feed()
    expect(uids(ics)).toEqual([UID(res.body.series.id)])
    expect(shown(ics, UID(res.body.series.id))).toEqual(api)
    expect(veventLines(ics)[0]).toContain('DURATION:PT120M')
    expect(veventLines(ics)[0].some((l) => l.startsWith('DTEND'))).toBe(false)
    expect(api.map((b: { start: string; end: string }) => Date.parse(b.end) - Date.parse(b.start))).toEqual([
      7_200_000, 7_200_000, 7_200_000,
    ])
  })
})

describe('a series whose start is not on its rule', () => {
  it('is one event whose DTSTART is the first occurrence, expanding to the occurrences the API booked', async () => {
    const { lab, teamId, member, feed } = await nightLab()
    // 1 March 2027 is a Monday; the second Tuesday is 9 March
    const res = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Mensile',
      start: '2027-03-01T10:00',
      end: '2027-03-01T11:00',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=4' },
    })
    expect(res.status).toBe(201)
    const api = res.body.bookings.map(utcOf)
    expect(res.body.bookings[0].start).toBe('2027-03-09T10:00:00+01:00')
    for (const ics of [await feed(), await invitationOf(res.body.bookings[1].id)]) {
      expect(uids(ics)).toEqual([UID(res.body.series.id)])
      const [event] = veventLines(ics)
      expect(event).toContain('DTSTART;TZID=Europe/Rome:20270309T100000')
      expect(event.find((l) => l.startsWith('RRULE:'))).toBe('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4')
      expect(shown(ics, UID(res.body.series.id))).toEqual(api)
    }
  })
})
