import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { AppError } from '../../http/problem.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import { assetsToCsv } from './asset-csv.ts'
import { createType, getType, listTypes, updateType } from './equipment-types.ts'
import { createAsset, exportAssets, getAsset, importAssets, listAssets, updateAsset } from './inventory.ts'
import { CheckinBody, CheckoutBody, checkin, checkout, listLoans } from './loans.ts'
import {
  createMaintenance,
  deleteMaintenance,
  listMaintenance,
  MaintenanceBody,
  MaintenancePatch,
  MaintenanceView,
  updateMaintenance,
} from './maintenance.ts'
import { m } from './messages.ts'
import {
  AssetBody,
  AssetPatch,
  AssetsQuery,
  AssetView,
  ChangedAssetView,
  CreatedWindowView,
  EquipmentTypeView,
  ImportResult,
  LoanView,
  TrainingView,
  TypeBody,
  TypePatch,
  TypesQuery,
} from './schemas.ts'
import { listTrainings, recordTraining, TrainingBody } from './trainings.ts'

const ImportJson = z.object({ csv: z.string().min(1) }).strict()

/** Equipment types, the assets of the labs, their maintenance and loans, and the teams' trainings. */
export function equipmentRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/equipment-types',
    doc({
      tag: 'Equipment',
      summary: 'Equipment types (public); with labId, how many active assets of each the lab has',
      query: TypesQuery,
      responses: { 200: z.array(EquipmentTypeView.extend({ quantity: z.number().int().optional().describe('With labId.') })) },
    }),
    async (c) => c.json(await listTypes(db, readQuery(c, TypesQuery))),
  )
  app.post(
    '/equipment-types',
    doc({
      tag: 'Equipment',
      summary: 'Add an equipment type (admin, operator)',
      body: TypeBody,
      responses: { 201: EquipmentTypeView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'operator')
      return c.json(await createType(db, user, await readBody(c, TypeBody)), 201)
    },
  )
  app.get(
    '/equipment-types/:id',
    doc({ tag: 'Equipment', summary: 'One equipment type (public)', responses: { 200: EquipmentTypeView }, problems: ['not_found'] }),
    async (c) => c.json(await getType(db, readId(c, 'id', 'equipmentType'))),
  )
  app.patch(
    '/equipment-types/:id',
    doc({
      tag: 'Equipment',
      summary: 'Change an equipment type (admin)',
      body: TypePatch,
      responses: { 200: EquipmentTypeView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'equipmentType')
      return c.json(await updateType(db, admin, id, await readBody(c, TypePatch)))
    },
  )

  app.get(
    '/equipment',
    doc({
      tag: 'Equipment',
      summary: 'The assets of the labs the caller manages (format=csv: the inventory as CSV)',
      query: AssetsQuery.extend(paginationQuery),
      responses: { 200: { description: 'The assets (JSON), or the CSV with format=csv.', schema: z.array(AssetView) } },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const user = requireUser(c)
      const q = readQuery(c, AssetsQuery.extend(paginationQuery))
      if (q.format === 'csv') {
        const csv = assetsToCsv(await exportAssets(db, user, q))
        return c.body(csv, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="attrezzature.csv"',
        })
      }
      const { items, total } = await listAssets(db, user, q)
      return paginated(c, items, { ...q, total })
    },
  )
  app.post(
    '/equipment',
    doc({
      tag: 'Equipment',
      summary: 'Add an asset to a lab (admin, the hub’s operator)',
      body: AssetBody,
      responses: { 201: AssetView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await createAsset(db, user, await readBody(c, AssetBody)), 201)
    },
  )
  // The CSV comes as text/csv, or as JSON {csv} for clients that only speak JSON.
  app.post(
    '/equipment/import',
    doc({
      tag: 'Equipment',
      summary: 'Import the inventory from CSV (text/csv, or JSON {csv}): new asset tags are added, known ones updated',
      description: 'All or nothing: a row in error is a 400 naming each row and column.',
      body: ImportJson,
      responses: { 200: ImportResult },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const type = c.req.header('content-type') ?? ''
      let csv: string
      if (/^application\/(.+\+)?json\b/i.test(type)) csv = (await readBody(c, ImportJson)).csv
      else if (/^text\/(csv|plain)\b/i.test(type)) csv = await c.req.text()
      else throw new AppError('unsupported_media_type', m.sendCsv())
      return c.json(await importAssets(db, user, csv))
    },
  )
  app.get(
    '/equipment/:id',
    doc({ tag: 'Equipment', summary: 'One asset', responses: { 200: AssetView }, problems: ['unauthorized', 'not_found'] }),
    async (c) => c.json(await getAsset(db, requireUser(c), readId(c, 'id', 'asset'))),
  )
  app.patch(
    '/equipment/:id',
    doc({
      tag: 'Equipment',
      summary: 'Change an asset; taking it out of service or moving it gives its bookings another asset',
      body: AssetPatch,
      responses: { 200: ChangedAssetView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'asset')
      return c.json(await updateAsset(db, user, id, await readBody(c, AssetPatch)))
    },
  )

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

  app.get(
    '/equipment/:id/loans',
    doc({
      tag: 'Equipment',
      summary: 'The asset’s loans, latest first',
      responses: { 200: z.array(LoanView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listLoans(db, requireUser(c), readId(c, 'id', 'asset'))),
  )
  app.post(
    '/equipment/:id/checkout',
    doc({
      tag: 'Equipment',
      summary: 'Lend the asset (staff of the hub)',
      body: CheckoutBody,
      responses: { 201: LoanView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'asset')
      return c.json(await checkout(db, user, id, await readBody(c, CheckoutBody)), 201)
    },
  )
  app.post(
    '/equipment/:id/checkin',
    doc({
      tag: 'Equipment',
      summary: 'Take the asset back with its condition; damaged or needing repair takes it out of service',
      body: CheckinBody,
      responses: { 200: z.object({ loan: LoanView, asset: ChangedAssetView }) },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'asset')
      return c.json(await checkin(db, user, id, await readBody(c, CheckinBody)))
    },
  )

  app.get(
    '/teams/:id/trainings',
    doc({
      tag: 'Equipment',
      summary: 'The team’s recorded trainings (staff, the team’s members)',
      responses: { 200: z.array(TrainingView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listTrainings(db, requireUser(c), readId(c, 'id', 'team'))),
  )
  app.post(
    '/teams/:id/trainings',
    doc({
      tag: 'Equipment',
      summary: 'Record that a person of the team was trained on an equipment type (admin, operator)',
      body: TrainingBody,
      responses: { 201: TrainingView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'operator')
      const teamId = readId(c, 'id', 'team')
      return c.json(await recordTraining(db, user, teamId, await readBody(c, TrainingBody)), 201)
    },
  )

  return app
}
