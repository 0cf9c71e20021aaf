import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { AppError } from '../../http/problem.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import { assetsToCsv } from './asset-csv.ts'
import { createAsset, exportAssets, getAsset, importAssets, listAssets, updateAsset } from './inventory.ts'
import { m } from './messages.ts'
import { AssetBody, AssetPatch, AssetsQuery, AssetView, ChangedAssetView, ImportResult } from './schemas.ts'

const ImportJson = z.object({ csv: z.string().min(1) }).strict()

/** The assets of the labs (list, export, import, change); their types are in type-routes.ts. */
export function equipmentRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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

  return app
}
