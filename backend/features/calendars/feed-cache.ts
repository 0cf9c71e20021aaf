import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'
import { FEED_HISTORY_DAYS } from './queries.ts'
import { buildFeed, type Feed } from './service.ts'

/**
 * The version of a lab's public feed: it changes with every change to what the feed is built from, whoever
 * writes it and in whichever process. Every write to a row gives the row a new version (a new `ctid`, a new
 * `xmin`): the bookings and series of the lab, the lab and its hub (names, zone) are fingerprinted by the
 * versions of their rows, and the count of the bookings in the feed's window notices a booking that aged out
 * of it. One statement, reading the lab's rows (≈ 1 ms for the busiest lab of the Milan-scale dataset).
 */
export async function labFeedVersion(db: Kysely<Database>, labId: string, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000).toISOString()
  const row = await sql<{ version: string | null }>`
    select (select l.ctid::text || l.xmin::text || h.ctid::text || h.xmin::text from labs l join hubs h on h.id = l.hub_id
            where l.id = ${labId}::uuid)
        || '/' || (select count(*) filter (where status = any(${HOLDING_STATUSES}::text[])
                                             and upper(during) >= ${since}::timestamptz)::text
                          || md5(coalesce(string_agg(ctid::text || xmin::text, ',' order by ctid), ''))
                   from bookings where lab_id = ${labId}::uuid)
        || '/' || (select md5(coalesce(string_agg(ctid::text || xmin::text, ',' order by ctid), ''))
                   from booking_series where lab_id = ${labId}::uuid) as version
  `.execute(db)
  return row.rows[0]?.version ?? null
}

/**
 * Public lab feeds, kept per process and served again while their version holds (a calendar client polls the
 * same feed every few minutes; building the busiest one takes hundreds of milliseconds). A change to the lab's
 * bookings, series, the lab or its hub changes the version, and the next request rebuilds the feed. The
 * version is read before the feed is built, so a change committed in between makes the copy look old, never new.
 */
export function labFeedCache(db: Kysely<Database>, capacity = 64) {
  const entries = new Map<string, { version: string; feed: Feed }>()
  return async (labId: string, name: string): Promise<Feed> => {
    const version = await labFeedVersion(db, labId, new Date())
    const hit = entries.get(labId)
    entries.delete(labId)
    if (hit && version !== null && hit.version === version) {
      entries.set(labId, hit)
      return hit.feed
    }
    const feed = await buildFeed(db, name, { labId }, true)
    if (version !== null) entries.set(labId, { version, feed })
    // the least recently served goes first
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string)
    return feed
  }
}
