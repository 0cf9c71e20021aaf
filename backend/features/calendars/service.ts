import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { feedIcsParts } from '../../../emails/ics.ts'
import { cooperative } from '../../cooperative.ts'
import { loadBookingGroups } from '../../outbox/booking-groups.ts'
import { DEFAULT_ZONE } from '../../time.ts'
import { type FeedScope, feedBookingIds } from './queries.ts'

export interface Feed {
  /** The iCalendar text, UTF-8. */
  body: Uint8Array<ArrayBuffer>
  etag: string
  /** The body gzipped, for clients that take it: kept lab feeds gain it once compressed (feed-cache.ts). */
  gzip?: Uint8Array<ArrayBuffer>
}

/**
 * An iCalendar feed: the live bookings in scope, each series as one recurring event with its exceptions,
 * UIDs as in the emails. The same data gives the same bytes (DTSTAMP is each event's last change), so the
 * ETag is the hash of the body and calendar clients can poll with If-None-Match.
 */
export async function buildFeed(db: Kysely<Database>, name: string, scope: FeedScope, busyOnly: boolean): Promise<Feed> {
  const ids = await feedBookingIds(db, scope, new Date())
  const groups = await loadBookingGroups(db, ids)
  const zone = groups[0]?.place.zone ?? DEFAULT_ZONE
  // Encoded and hashed part by part, with turns in between: a feed can run to megabytes.
  const hash = createHash('sha256')
  const parts: Buffer[] = []
  const pause = cooperative()
  for await (const text of feedIcsParts(name, zone, groups, { busyOnly })) {
    const part = Buffer.from(text, 'utf8')
    hash.update(part)
    parts.push(part)
    await pause()
  }
  return { body: Buffer.concat(parts), etag: `"${hash.digest('base64url')}"` }
}
