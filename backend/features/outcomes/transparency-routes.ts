import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { csvResponse, toCsv } from '../reports/csv.ts'
import { AREA_COLUMNS, CALL_COLUMNS, DASHBOARD_COLUMN_MEANINGS, PROJECT_COLUMNS, TREND_COLUMNS } from './dashboard-export.ts'
import { BenefitView, DictionaryView } from './schemas.ts'
import { BENEFIT_COLUMNS, BENEFIT_DICTIONARY, benefitRecords } from './transparency.ts'

/** Public (art. 26–27 D.Lgs. 33/2013): the economic benefits awarded and the open data's dictionary; nothing personal, see transparency.ts. */
export function transparencyRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/open-data/benefits.json',
    doc({
      tag: 'Open data',
      summary: 'The economic benefits awarded (art. 26–27 D.Lgs. 33/2013; public, nothing personal)',
      responses: { 200: z.array(BenefitView) },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300')
      return c.json(await benefitRecords(db))
    },
  )
  app.get(
    '/open-data/benefits.csv',
    doc({
      tag: 'Open data',
      summary: 'The economic benefits awarded, as CSV (public)',
      responses: { 200: { description: 'CSV, one row per award.', contentType: 'text/csv' } },
    }),
    async () => {
      const response = csvResponse(toCsv(BENEFIT_COLUMNS, await benefitRecords(db)), 'spazi-comuni_vantaggi-economici.csv')
      response.headers.set('Cache-Control', 'public, max-age=300')
      return response
    },
  )
  app.get(
    '/open-data/dictionary',
    doc({
      tag: 'Open data',
      summary: 'What each column of the open data sets means (public)',
      responses: {
        200: DictionaryView,
      },
    }),
    (c) =>
      c.json({
        benefits: BENEFIT_DICTIONARY,
        programme: Object.fromEntries(
          Object.entries({ projects: PROJECT_COLUMNS, areas: AREA_COLUMNS, calls: CALL_COLUMNS, trend: TREND_COLUMNS }).map(
            ([table, columns]) => [
              table,
              columns.map((col) => ({ column: col.header, description: DASHBOARD_COLUMN_MEANINGS[col.header] ?? '' })),
            ],
          ),
        ),
      }),
  )

  return app
}
