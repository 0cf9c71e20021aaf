import { gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labFeedCache } from '../../backend/features/calendars/feed-cache.ts'
import { buildFeed } from '../../backend/features/calendars/service.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const SINGLES = 520

/** Each VEVENT of a feed, whole (folded lines included), keyed by UID and RECURRENCE-ID. */
function eventsOf(ics: string): Map<string, string> {
  const events = new Map<string, string>()
  for (const m of ics.matchAll(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g)) {
    const unfolded = m[0].replace(/\r\n[ \t]/g, '')
    const uid = /\r\nUID:([^\r]+)/.exec(unfolded)?.[1]
    const recurrence = /\r\nRECURRENCE-ID[^:]*:([^\r]+)/.exec(unfolded)?.[1] ?? ''
    events.set(`${uid}#${recurrence}`, m[0])
  }
  return events
}

/**
 * A lab with more bookings than one read of loadBookingGroups (500), so that the feed's order is the one
 * buildFeed gives (by first shown booking, then per read by first booking of any status): a weekly series whose
 * first occurrence is cancelled, 520 bookings of 10 minutes written straight into the database between that
 * first occurrence and the series' next, and one more booking after them.
 */
async function busyLab() {
  const lab = await ctx.make.lab({ name: 'Sala incrementale' })
  const { user, teamId } = await ctx.make.member()
  const member = await ctx.as(user)
  const series = await member.post('/bookings', {
    labId: lab.id,
    teamId,
    title: 'Corso settimanale',
    start: '2027-03-02T10:00',
    end: '2027-03-02T11:00',
    recurrence: { rrule: 'FREQ=WEEKLY;COUNT=6' },
  })
  expect(series.status).toBe(201)
  const occurrences = series.body.bookings as Array<{ id: string }>
  expect((await member.post(`/bookings/${occurrences[0].id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
  await sql`
    insert into bookings (lab_id, team_id, title, during, status)
    select ${lab.id}::uuid, ${teamId}::uuid, 'Sportello', tstzrange(t, t + interval '10 minutes'), 'confirmed'
    from generate_series('2027-03-02 12:00+00'::timestamptz, '2027-03-02 12:00+00'::timestamptz + (${SINGLES - 1} * interval '15 minutes'),
                         interval '15 minutes') as t
  `.execute(ctx.db)
  const last = await member.post('/bookings', {
    labId: lab.id,
    teamId,
    title: 'Ultimo',
    start: '2027-04-20T10:00',
    end: '2027-04-20T11:00',
  })
  expect(last.status).toBe(201)
  return { lab, member, occurrences, seriesId: series.body.series.id as string }
}

const served = async (labId: string) => {
  const res = await ctx.anonymous.get(`/calendars/labs/${labId}.ics`)
  expect(res.status).toBe(200)
  return { text: res.text, etag: res.headers.get('etag') }
}

/** The feed written from scratch: buildFeed, and a cache that never served the lab. */
async function fromScratch(labId: string, name: string) {
  const built = Buffer.from((await buildFeed(ctx.db, name, { labId }, true)).body).toString('utf8')
  const fresh = await labFeedCache(ctx.db)(labId)
  expect(Buffer.from(fresh!.body).toString('utf8')).toBe(built)
  return built
}

describe('a lab feed rebuilt after a change rewrites only what changed, and is the feed written from scratch', () => {
  it('is byte for byte the feed from scratch after a move, a touch, a moved occurrence and a renamed hub', async () => {
    const { lab, member, occurrences, seriesId } = await busyLab()
    const first = await served(lab.id)
    expect(first.text).toBe(await fromScratch(lab.id, lab.name))
    const before = eventsOf(first.text)
    expect(before.size).toBe(SINGLES + 2)

    // one booking moved by another process: its event changes, and only it
    const moved = await sql<{ id: string }>`
      select id from bookings where lab_id = ${lab.id}::uuid and title = 'Sportello' order by lower(during) offset 10 limit 1
    `.execute(ctx.db)
    const movedId = moved.rows[0].id
    await sql`update bookings set during = tstzrange(lower(during) + interval '5 minutes', upper(during) + interval '5 minutes'), updated_at = now()
              where id = ${movedId}::uuid`.execute(ctx.db)
    const second = await served(lab.id)
    expect(second.etag).not.toBe(first.etag)
    expect(second.text).toBe(await fromScratch(lab.id, lab.name))
    const after = eventsOf(second.text)
    const key = `${movedId}@spazicomuni.comune.milano.it#`
    expect(after.get(key)).toBeDefined()
    expect(after.get(key)).not.toBe(before.get(key))
    for (const [k, text] of after) if (k !== key) expect(text, k).toBe(before.get(k))

    // a write with no visible change: the feed is rebuilt to the same bytes and ETag
    await sql`update bookings set updated_at = updated_at where id = ${movedId}::uuid`.execute(ctx.db)
    const touched = await served(lab.id)
    expect(touched).toEqual(second)

    // one occurrence of the series moved through the API: the series' events change (an override appears)
    const patch = await member.patch(`/bookings/${occurrences[3].id}`, { start: '2027-03-23T14:00', end: '2027-03-23T15:00' })
    expect(patch.status).toBe(200)
    const third = await served(lab.id)
    expect(third.text).toBe(await fromScratch(lab.id, lab.name))
    const seriesEvents = [...eventsOf(third.text).keys()].filter((k) => k.startsWith(seriesId))
    expect(seriesEvents).toHaveLength(2)

    // the hub renamed: every event says so
    await sql`update hubs set name = 'Hub rinominato' where id = ${lab.hub_id}::uuid`.execute(ctx.db)
    const fourth = await served(lab.id)
    expect(fourth.text).toBe(await fromScratch(lab.id, lab.name))
    expect(fourth.text.match(/LOCATION:Hub rinominato/g)).toHaveLength(SINGLES + 3)
  })

  it('drops the least recently served labs beyond its capacity, and serves them again from scratch', async () => {
    const labs = await Promise.all([1, 2, 3].map((i) => ctx.make.lab({ name: `Sala ${i}` })))
    const cache = labFeedCache(ctx.db, 2)
    const feeds = []
    for (const lab of labs) feeds.push(await cache(lab.id))
    // the first lab was dropped: a new copy of the same bytes; the third is still the kept copy
    const again = await cache(labs[0].id)
    expect(again).not.toBe(feeds[0])
    expect(again?.etag).toBe(feeds[0]?.etag)
    expect(await cache(labs[2].id)).toBe(feeds[2])
    expect(await cache('00000000-0000-4000-8000-000000000000')).toBeUndefined()
  })

  it('sends a kept feed gzipped to clients that take it, under its own ETag, the same calendar unzipped', async () => {
    const { lab } = await busyLab()
    const plain = await served(lab.id)
    const url = `http://localhost:8080/api/v1/calendars/labs/${lab.id}.ics`
    let res = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip, deflate' } })
    // the gzipped copy is made off the event loop after the rebuild: a moment later it is there
    for (let i = 0; i < 50 && res.headers.get('content-encoding') !== 'gzip'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      res = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip, deflate' } })
    }
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    const zipped = Buffer.from(await res.arrayBuffer())
    expect(zipped.length).toBeLessThan(plain.text.length / 4)
    expect(gunzipSync(zipped).toString('utf8')).toBe(plain.text)
    const etag = res.headers.get('etag')!
    expect(etag).not.toBe(plain.etag)
    for (const tag of [etag, plain.etag!]) {
      const again = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tag } })
      expect(again.status).toBe(304)
    }
    // no gzip asked (or refused): the plain bytes
    const refused = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } })
    expect(refused.headers.get('content-encoding')).toBeNull()
    expect(await refused.text()).toBe(plain.text)
    expect((await served(lab.id)).etag).toBe(plain.etag)

    // a change to one of the lab's bookings: neither ETag of before matches, the new gzipped copy is the new feed
    await sql`update bookings set during = tstzrange(lower(during) + interval '5 minutes', upper(during) + interval '5 minutes')
              where lab_id = ${lab.id}::uuid and title = 'Ultimo'`.execute(ctx.db)
    const changed = await served(lab.id)
    expect(changed.etag).not.toBe(plain.etag)
    let after = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `${etag}, ${plain.etag}` } })
    for (let i = 0; i < 50 && after.headers.get('content-encoding') !== 'gzip'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      after = await ctx.app.request(url, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `${etag}, ${plain.etag}` } })
    }
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(gunzipSync(Buffer.from(await after.arrayBuffer())).toString('utf8')).toBe(changed.text)
  })
})
