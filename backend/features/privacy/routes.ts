import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readId } from '../../http/validation.ts'
import { erasePerson } from './erase.ts'
import { exportPersonalData } from './export.ts'

/** Personal data (docs/privacy.md): a person's own export; an administrator's erasure of a person. */
export function privacyRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/me/export',
    doc({
      tag: 'Personal data',
      summary: 'Every personal datum of the signed-in user, as a JSON download (GDPR art. 15 and 20)',
      responses: { 200: z.record(z.string(), z.unknown()) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const me = requireUser(c)
      const data = await exportPersonalData(db, me.id)
      if (!data) throw problems.notFound('user')
      c.header('Content-Disposition', 'attachment; filename="spazi-comuni-dati-personali.json"')
      return c.json(data)
    },
  )

  app.post(
    '/users/:id/erase',
    doc({
      tag: 'Personal data',
      summary: 'Erase a person (admin): name, email and codice fiscale gone, no more sign-in; bookings kept for statistics',
      responses: { 200: z.object({ id: z.string(), erasedAt: z.string() }) },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c)
      return c.json(await erasePerson(db, admin.id, id))
    },
  )

  return app
}
