import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginatedJson } from '../../http/pagination.ts'
import { invalid, readQuery } from '../../http/validation.ts'
import { periodBound } from '../../time.ts'
import { listBookings } from './queries.ts'
import { BookingListItem, BookingsQuery } from './schemas.ts'

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
      const from = q.from ? periodBound(q.from, 'from') : undefined
      const to = q.to ? periodBound(q.to, 'to') : undefined
      // one statement: the viewer's hubs and teams and the place's zone are read inside it (issue 18)
      const list = await listBookings(
        db,
        { labId: q.labId, hubId: q.hubId, teamId: q.teamId, status: q.status, from, to, viewer: actor },
        q,
      )
      // a wall time the hub's zone skips (spring forward) is a 400 on its bound, as before the zone was read in SQL
      const skipped = list.skipped && { from, to }[list.skipped]
      if (list.skipped && skipped && 'wall' in skipped) throw invalid(list.skipped, skipped.skipped)
      return paginatedJson(c, list.json, list.count, { limit: q.limit, offset: q.offset, total: list.total })
    },
  )

  return app
}
