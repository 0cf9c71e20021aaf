import { Hono } from 'hono'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { readId } from '../../http/validation.ts'
import { erasePerson } from './erase.ts'
import { exportPersonalData } from './export.ts'

/** Personal data (docs/privacy.md): a person's own export; an administrator's erasure of a person. */
export function privacyRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/me/export', async (c) => {
    const me = requireUser(c)
    const data = await exportPersonalData(db, me.id)
    if (!data) throw problems.notFound('user')
    c.header('Content-Disposition', 'attachment; filename="spazi-comuni-dati-personali.json"')
    return c.json(data)
  })

  app.post('/users/:id/erase', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c)
    return c.json(await erasePerson(db, admin.id, id))
  })

  return app
}
