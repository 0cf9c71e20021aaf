import { Hono } from 'hono'
import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readQuery } from '../../http/validation.ts'
import { instantString } from '../../time.ts'
import { labAvailability, searchAvailability } from './availability.ts'
import { AvailabilitySearchResult, dateOrInstant, LabAvailabilityView } from './schemas.ts'

const AvailabilityQuery = z.object({ from: dateOrInstant.optional(), to: dateOrInstant.optional() })

const SearchQuery = z.object({
  type: z.enum(LAB_TYPES).optional(),
  hubId: z.uuid().optional(),
  areaId: z.uuid().optional(),
  minCapacity: z.coerce.number().int().min(1).max(100_000).optional(),
  start: instantString,
  end: instantString,
  rrule: z.string().max(4000).optional(),
  equipmentTypeId: z.uuid().optional(),
  quantity: z.coerce.number().int().min(1).max(100).default(1),
  ...paginationQuery,
})

/** Availability: a lab's calendar and the search across labs. */
export function availabilityRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/labs/:id/availability',
    doc({
      tag: 'Availability',
      summary: 'A lab’s busy and free time in [from, to) (public; at most 93 days, default the next 7)',
      query: AvailabilityQuery,
      responses: { 200: LabAvailabilityView },
      problems: ['not_found'],
    }),
    async (c) => {
      const q = readQuery(c, AvailabilityQuery)
      return c.json(await labAvailability(db, c.req.param('id'), q))
    },
  )

  app.get(
    '/availability',
    doc({
      tag: 'Availability',
      summary: 'Labs ranked by how many occurrences of the wanted slot (or series) are free (public)',
      description:
        'An occurrence longer than the longest maximum duration of the matching labs (24 h where none) is 400, and so is ' +
        'a slot outside 5 years around today or a rule beyond 366 occurrences or 2 years. Other teams’ bookings stay anonymous.',
      query: SearchQuery,
      responses: { 200: z.array(AvailabilitySearchResult) },
    }),
    async (c) => {
      const q = readQuery(c, SearchQuery)
      const results = await searchAvailability(db, c.get('user'), q)
      return paginated(c, results.slice(q.offset, q.offset + q.limit), { limit: q.limit, offset: q.offset, total: results.length })
    },
  )

  return app
}
