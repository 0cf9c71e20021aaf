import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { csvResponse, toCsv } from './csv.ts'
import { OPEN_DATA_COLUMNS, openDataUtilisation } from './open-data.ts'
import { OpenDataQuery } from './schemas.ts'

/** The public open-data CSV of utilisation. */
export function openDataReportRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  // Public: aggregates only, nothing personal (docs/reports.md).
  app.get(
    '/reports/open-data/utilisation.csv',
    doc({
      tag: 'Open data',
      summary: 'Utilisation by lab and month of a calendar year, as CSV (public, aggregates only)',
      query: OpenDataQuery,
      responses: { 200: { description: 'CSV, one row per lab and month; nothing personal.', contentType: 'text/csv' } },
    }),
    async (c) => {
      const { year } = readQuery(c, OpenDataQuery)
      const response = csvResponse(toCsv(OPEN_DATA_COLUMNS, await openDataUtilisation(db, year)), `spazi-comuni_utilizzo_${year}.csv`)
      response.headers.set('Cache-Control', 'public, max-age=3600')
      return response
    },
  )

  return app
}
