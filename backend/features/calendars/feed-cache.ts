import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { feedEventsText, feedShell } from '../../../emails/ics.ts'
import { cooperative } from '../../cooperative.ts'
import { loadBookingGroups } from '../../outbox/booking-groups.ts'
import { outboxSettings } from '../../outbox/settings.ts'
import { DEFAULT_ZONE } from '../../time.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'
import { FEED_HISTORY_DAYS } from './queries.ts'
import type { Feed } from './service.ts'

/** What one statement says about a lab's feed on every request. */
export interface LabFeedHead {
  /** The lab's name: the calendar's name. */
  name: string
  /** The hub's time zone. */
  zone: string
  /**
   * The version of the feed: it changes with every change to what the feed is built from, whoever writes it
   * and in whichever process. Every write to a row gives the row a new version (a new `ctid`, a new `xmin`):
   * the lab and its hub, the bookings and the series of the lab are fingerprinted by the versions of their rows
   * (a sum of their hashes: no sort, ≈ 1 ms for the busiest lab of the Milan-scale dataset), and the count of
   * the bookings in the feed's window notices a booking that aged out of it.
   */
  version: string
  /** The part of the version that every event is written from (the lab and hub rows). */
  context: string
}

const windowStart = (now: Date) => new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000).toISOString()

/** The lab's name, zone and feed version, in one statement; undefined for a lab that does not exist. */
export async function labFeedHead(db: Kysely<Database>, labId: string, now: Date): Promise<LabFeedHead | undefined> {
  const since = windowStart(now)
  const row = await sql<LabFeedHead & { bookings: string; series: string }>`
    select l.name, h.timezone as zone, l.ctid::text || l.xmin::text || '.' || h.ctid::text || h.xmin::text as context,
           (select count(*) filter (where b.status = any(${HOLDING_STATUSES}::text[]) and upper(b.during) >= ${since}::timestamptz)::text
                   || '.' || count(*)::text || '.' || coalesce(sum(hashtextextended(b.ctid::text || b.xmin::text, 0)), 0)::text
              from bookings b where b.lab_id = l.id) as bookings,
           (select count(*)::text || '.' || coalesce(sum(hashtextextended(s.ctid::text || s.xmin::text, 0)), 0)::text
              from booking_series s where s.lab_id = l.id) as series
    from labs l join hubs h on h.id = l.hub_id
    where l.id = ${labId}::uuid
  `.execute(db)
  const r = row.rows[0]
  if (!r) return undefined
  return { name: r.name, zone: r.zone, context: r.context, version: `${r.context}/${r.bookings}/${r.series}` }
}

/** A booking of the lab as the rebuild reads it: enough to place its group in the feed and to version it. */
interface BookingVersionRow {
  id: string
  series_id: string | null
  /** Holding (shown in feeds) and ending inside the feed's window. */
  shown: boolean
  start_ms: number
  version: string
  series_version: string | null
}

/** One series or single booking of the lab, with where it goes in the feed. */
interface GroupPlace {
  key: string
  /** The row versions it is written from (its bookings, its series). */
  version: string
  /** Its first shown booking (start, id): the feed's order, as feedBookingIds gives it. */
  shown: { startMs: number; id: string } | null
  /** The start of its first booking of any status or time: the order within a read of loadBookingGroups. */
  firstMs: number
}

const EMPTY = Buffer.alloc(0)
const gzipped = promisify(gzip)

/** How many bookings one read of loadBookingGroups asks for (its IDS_PER_READ): the feed's order follows it. */
const IDS_PER_READ = 500

/**
 * The lab's series and single bookings in the order buildFeed writes them: feedBookingIds orders them by their
 * first shown booking (start, then id), and loadBookingGroups reads that list 500 ids at a time, each read giving
 * its groups in the order of their first booking of any status. Read in one statement over the lab's bookings
 * (≈ 1,300 rows for the busiest lab), with the row versions each group is written from.
 */
async function placeGroups(db: Kysely<Database>, labId: string, now: Date): Promise<GroupPlace[]> {
  const since = windowStart(now)
  const rows = await sql<BookingVersionRow>`
    select b.id, b.series_id,
           (b.status = any(${HOLDING_STATUSES}::text[]) and upper(b.during) >= ${since}::timestamptz) as shown,
           (extract(epoch from lower(b.during)) * 1000)::float8 as start_ms,
           b.ctid::text || b.xmin::text as version,
           s.ctid::text || s.xmin::text as series_version
    from bookings b left join booking_series s on s.id = b.series_id
    where b.lab_id = ${labId}::uuid
  `.execute(db)
  const groups = new Map<string, GroupPlace & { versions: string[] }>()
  for (const r of rows.rows) {
    const key = r.series_id ?? r.id
    const startMs = Number(r.start_ms)
    let g = groups.get(key)
    if (!g) {
      g = { key, version: '', versions: [r.series_version ?? ''], shown: null, firstMs: startMs }
      groups.set(key, g)
    }
    g.versions.push(`${r.id}:${r.version}`)
    if (startMs < g.firstMs) g.firstMs = startMs
    if (r.shown && (!g.shown || startMs < g.shown.startMs)) g.shown = { startMs, id: r.id }
  }
  const shown = [...groups.values()].filter((g) => g.shown !== null)
  shown.sort((a, b) => a.shown!.startMs - b.shown!.startMs || (a.shown!.id < b.shown!.id ? -1 : a.shown!.id > b.shown!.id ? 1 : 0))
  const ordered: GroupPlace[] = []
  for (let i = 0; i < shown.length; i += IDS_PER_READ) {
    const read = shown.slice(i, i + IDS_PER_READ).map((g, at) => ({ g, at }))
    read.sort((a, b) => a.g.firstMs - b.g.firstMs || a.at - b.at)
    for (const { g } of read) {
      ordered.push({ key: g.key, version: g.versions.sort().join(','), shown: g.shown, firstMs: g.firstMs })
    }
  }
  return ordered
}

/** A lab's feed as kept: its bytes, and the part each series or single booking wrote (a view into them). */
interface KeptFeed {
  version: string
  feed: Feed
  /** Per group key: the row versions its text was written from (with the lab's context), and the text. */
  events: Map<string, { version: string; bytes: Buffer }>
  /** Roughly what it holds in memory: the body and ~200 bytes per group. */
  size: number
}

/** How much one process keeps of lab feeds: the busiest lab's feed is ≈ 0.35 MB. */
export const FEED_CACHE_BYTES = 48 * 1024 * 1024

/**
 * Public lab feeds, kept per process and served again while their version holds (a calendar client polls the
 * same feed every few minutes; building the busiest one from scratch takes a hundred milliseconds and more).
 *
 * Each request reads the lab's head (name, zone, version) in one statement and serves the kept bytes when the
 * version is the kept one. When it changed, the feed is rebuilt from what it is kept with: one statement reads
 * the versions of the lab's bookings and series, and only the series and single bookings whose rows changed
 * (or the lab, its hub, the public URL) are read again and written anew; the others' VEVENT text is reused,
 * and the feed is the calendar's head, those texts in buildFeed's order and its tail: the same bytes as
 * buildFeed for the same data (test/api/calendars-feed-incremental.test.ts).
 *
 * The version is read before the feed is rebuilt, so a change committed in between makes the copy look old,
 * never new; a text is kept under the row versions read before it was written, for the same reason.
 * Memory: at most `capacityBytes` of feeds (and at most `capacity` labs) per process; the least recently served
 * lab is dropped first. A rebuild keeps one copy of the bytes: each event's text is a view into the body.
 */
export function labFeedCache(db: Kysely<Database>, capacity = 64, capacityBytes = FEED_CACHE_BYTES) {
  const entries = new Map<string, KeptFeed>()
  let bytes = 0
  /** A rebuild under way per lab and version: concurrent requests for the same change share it. */
  const building = new Map<string, { version: string; done: Promise<Feed> }>()

  function keep(labId: string, kept: KeptFeed) {
    const old = entries.get(labId)
    if (old) {
      entries.delete(labId)
      bytes -= old.size
    }
    entries.set(labId, kept)
    bytes += kept.size
    // the least recently served go first
    while (entries.size > 1 && (entries.size > capacity || bytes > capacityBytes)) {
      const [oldest, dropped] = entries.entries().next().value as [string, KeptFeed]
      entries.delete(oldest)
      bytes -= dropped.size
    }
  }

  async function rebuild(labId: string, head: LabFeedHead, now: Date): Promise<Feed> {
    const before = entries.get(labId)
    const { publicUrl, mailFrom } = outboxSettings()
    const context = `${head.context}|${publicUrl}|${mailFrom}|`
    const places = await placeGroups(db, labId, now)
    const stale = places.filter((p) => before?.events.get(p.key)?.version !== context + p.version)
    const staleKeys = new Set(stale.map((p) => p.key))
    const written = new Map<string, Buffer>()
    if (stale.length > 0) {
      const pause = cooperative()
      for (const group of await loadBookingGroups(
        db,
        stale.map((p) => p.shown!.id),
      )) {
        written.set(group.key, Buffer.from(feedEventsText(group, { busyOnly: true }), 'utf8'))
        await pause()
      }
    }
    // buildFeed names the zone of its first booking, and the default zone for an empty feed
    const shell = feedShell(head.name, places.length > 0 ? head.zone : DEFAULT_ZONE)
    // A stale group that the read did not find (deleted meanwhile: the next version says so) is left out, and
    // kept with no version, to be written again.
    const text = (p: GroupPlace) => (staleKeys.has(p.key) ? written.get(p.key) : before?.events.get(p.key)?.bytes) ?? EMPTY
    const parts: Buffer[] = [Buffer.from(shell.head, 'utf8'), ...places.map(text), Buffer.from(shell.tail, 'utf8')]
    const body = Buffer.concat(parts)
    const feed: Feed = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` }
    // each group's text becomes a view into the new body, so the old body can go
    const events = new Map<string, { version: string; bytes: Buffer }>()
    let offset = parts[0].length
    for (let i = 0; i < places.length; i++) {
      const length = parts[i + 1].length
      const p = places[i]
      const current = !staleKeys.has(p.key) || written.has(p.key)
      events.set(p.key, { version: current ? context + p.version : '', bytes: body.subarray(offset, offset + length) })
      offset += length
    }
    // the gzipped copy (≈ a tenth of the body) is made off the event loop; until it is there, the body is sent
    const size = body.length + Math.ceil(body.length / 8) + 200 * places.length
    keep(labId, { version: head.version, feed, events, size })
    gzipped(body, { level: 6 }).then(
      (gz) => {
        feed.gzip = gz
      },
      () => undefined,
    )
    return feed
  }

  /** The lab's public feed, or undefined when there is no such lab. */
  return async (labId: string): Promise<Feed | undefined> => {
    const now = new Date()
    const head = await labFeedHead(db, labId, now)
    if (!head) return undefined
    const hit = entries.get(labId)
    if (hit && hit.version === head.version) {
      entries.delete(labId)
      entries.set(labId, hit)
      return hit.feed
    }
    const under = building.get(labId)
    if (under && under.version === head.version) return under.done
    const done = rebuild(labId, head, now).finally(() => {
      if (building.get(labId)?.done === done) building.delete(labId)
    })
    building.set(labId, { version: head.version, done })
    return done
  }
}
