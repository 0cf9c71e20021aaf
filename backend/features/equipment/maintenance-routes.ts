import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import {
  createMaintenance,
  deleteMaintenance,
  listMaintenance,
  MaintenanceBody,
  MaintenancePatch,
  MaintenanceView,
  updateMaintenance,
} from './maintenance.ts'
import { CreatedWindowView } from './schemas.ts'

/** An asset's maintenance windows. */
export function maintenanceRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/equipment/:id/maintenance',
    doc({
      tag: 'Equipment',
      summary: 'The asset’s maintenance windows',
      responses: { 200: z.array(MaintenanceView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listMaintenance(db, requireUser(c), readId(c, 'id', 'asset'))),
  )
  app.post(
    '/equipment/:id/maintenance',
    doc({
      tag: 'Equipment',
      summary: 'Record a maintenance window (admin, the hub’s operator); bookings holding the asset get another one',
      description: '409 lists the bookings that no other asset of the type can serve.',
      body: MaintenanceBody,
      responses: { 201: CreatedWindowView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'asset')
      return c.json(await createMaintenance(db, user, id, await readBody(c, MaintenanceBody)), 201)
    },
  )
  app.patch(
    '/equipment/:id/maintenance/:windowId',
    doc({
      tag: 'Equipment',
      summary: 'Change a maintenance window: its times or reason, or end it now (admin, the hub’s operator)',
      description:
        'New times reallocate the bookings holding the asset then to another free asset of the same type, as when a ' +
        'window is recorded; 409 lists the bookings that no other asset can serve. `endNow: true` ends a window in ' +
        'progress at the present instant (409 when it is not in progress).',
      body: MaintenancePatch,
      responses: {
        200: MaintenanceView.extend({
          reallocated: z.array(z.object({ bookingId: z.string(), fromAssetId: z.string(), toAssetId: z.string() })),
        }),
      },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'asset')
      const windowId = readId(c, 'windowId', 'maintenance')
      return c.json(await updateMaintenance(db, user, id, windowId, await readBody(c, MaintenancePatch)))
    },
  )
  app.delete(
    '/equipment/:id/maintenance/:windowId',
    doc({
      tag: 'Equipment',
      summary: 'Remove a maintenance window (admin, the hub’s operator)',
      responses: { 204: { description: 'Removed.' } },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      await deleteMaintenance(db, user, readId(c, 'id', 'asset'), readId(c, 'windowId', 'maintenance'))
      return c.body(null, 204)
    },
  )

  return app
}
