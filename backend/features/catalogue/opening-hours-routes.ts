import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { OpeningHoursBody, OpeningIntervalView } from './schemas.ts'
import { getOpeningHours, setOpeningHours } from './service.ts'

/** A hub's weekly opening hours: public to read; replaced by the Comune or the hub's operator. */
export function openingHoursRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/hubs/:id/opening-hours',
    doc({
      tag: 'Catalogue',
      summary: 'A hub’s weekly opening hours (public)',
      responses: { 200: z.array(OpeningIntervalView) },
      problems: ['not_found'],
    }),
    async (c) => c.json(await getOpeningHours(db, readId(c, 'id', 'hub'))),
  )

  app.put(
    '/hubs/:id/opening-hours',
    doc({
      tag: 'Catalogue',
      summary: 'Replace a hub’s weekly opening hours (admin, or its operator)',
      body: OpeningHoursBody,
      responses: { 200: z.array(OpeningIntervalView) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'hub')
      const body = await readBody(c, OpeningHoursBody)
      return c.json(await setOpeningHours(db, actor, id, body))
    },
  )

  return app
}
