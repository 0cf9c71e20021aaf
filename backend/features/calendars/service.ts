import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { feedIcs } from '../../../emails/ics.ts'
import { loadBookingGroups } from '../../outbox/booking-groups.ts'
import { DEFAULT_ZONE } from '../../time.ts'
import { type FeedScope, feedBookingIds } from './queries.ts'

export interface Feed {
  body: string
  etag: string
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
  const body = await feedIcs(name, zone, groups, { busyOnly })
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` }
}
