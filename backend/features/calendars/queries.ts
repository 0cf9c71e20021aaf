import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'

/** How far back a feed reaches; the future is always whole. */
export const FEED_HISTORY_DAYS = 180

export type FeedScope = { labId: string } | { teamId: string } | { hubIds: string[] }

/**
 * The bookings a feed shows, one id for each single booking and one (its first live occurrence in the window)
 * for each series, which comes whole later through loadBookingGroups; in the order of their first start, so
 * that the same data always gives the same feed.
 */
export async function feedBookingIds(db: Kysely<Database>, scope: FeedScope, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000)
  let q = db
    .selectFrom('bookings as b')
    .select(['b.id', sql<Date>`lower(b.during)`.as('start')])
    .distinctOn(sql`coalesce(b.series_id, b.id)`)
    .orderBy(sql`coalesce(b.series_id, b.id)`)
    .orderBy(sql`lower(b.during)`)
    .where('b.status', 'in', HOLDING_STATUSES)
    .where(sql<boolean>`upper(b.during) >= ${since.toISOString()}::timestamptz`)
  if ('labId' in scope) q = q.where('b.lab_id', '=', scope.labId)
  else if ('teamId' in scope) q = q.where('b.team_id', '=', scope.teamId)
  else {
    if (scope.hubIds.length === 0) return []
    q = q.where('b.lab_id', 'in', (eb) =>
      eb.selectFrom('labs').select('id').where('hub_id', '=', sql<string>`any(${scope.hubIds}::uuid[])`),
    )
  }
  const rows = await db.selectFrom(q.as('g')).select('g.id').orderBy('g.start').orderBy('g.id').execute()
  return rows.map((r) => r.id)
}

/** The name of a feed's owner (a lab, a team, an operator), or undefined when there is none with that id. */
export async function feedOwnerName(db: Kysely<Database>, kind: 'lab' | 'team' | 'operator', id: string): Promise<string | undefined> {
  const table = kind === 'lab' ? 'labs' : kind === 'team' ? 'teams' : 'operators'
  const row = await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst()
  return row?.name
}
