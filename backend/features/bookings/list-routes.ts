import { Hono } from 'hono'
import { z } from 'zod'
import { listScope, requireUser, viewerOf } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readQuery } from '../../http/validation.ts'
import { boundIn, DEFAULT_ZONE } from '../../time.ts'
import { zoneOf } from '../catalogue/queries.ts'
import { listBookings } from './queries.ts'
import { BookingListItem, BookingsQuery } from './schemas.ts'
import { seriesRuleView, toBookingView } from './views.ts'

/** The list of the bookings one may see, filtered and paged. */
export function bookingListRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/bookings',
    doc({
      tag: 'Bookings',
      summary: 'Bookings the caller may see (a team its own, staff their hubs’, the Comune all), paged, by start',
      query: BookingsQuery,
      responses: { 200: z.array(BookingListItem) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const q = readQuery(c, BookingsQuery)
      const place = q.labId ? { labId: q.labId } : q.hubId ? { hubId: q.hubId } : undefined
      // who may see what and the place's zone are independent reads: one round trip's wait for both
      const [viewer, placeZone] = await Promise.all([viewerOf(db, actor), place && (q.from || q.to) ? zoneOf(db, place) : undefined])
      const zone = placeZone || DEFAULT_ZONE
      const { rows, total } = await listBookings(
        db,
        {
          labId: q.labId,
          hubId: q.hubId,
          teamId: q.teamId,
          status: q.status,
          from: q.from ? boundIn(q.from, zone, 'from') : undefined,
          to: q.to ? boundIn(q.to, zone, 'to') : undefined,
          visibleHubIds: listScope(viewer)?.hubIds ?? null,
          visibleTeamIds: listScope(viewer)?.teamIds ?? null,
        },
        q,
      )
      const views = rows.map((r) => ({ ...toBookingView(r, r.equipment), series: seriesRuleView(r) }))
      return paginated(c, views, { limit: q.limit, offset: q.offset, total })
    },
  )

  return app
}
