import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser, resolveConcessionScope, resolveGrantScope } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { ConcessionComplianceView, concessionsReport } from './concessions-report.ts'
import { csvResponse, toCsv } from './csv.ts'
import { CONCESSION_COLUMNS, GRANT_COLUMNS } from './exports.ts'
import { grantsReport } from './grants-report.ts'
import { jsonOrCsv } from './route-docs.ts'
import { ConcessionsQuery, GrantReportRowView, GrantsQuery } from './schemas.ts'

/** What was promised against what happened: concessions' obligations and the call's hour grants (JSON or CSV). */
export function obligationReportRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/reports/concessions',
    doc({
      tag: 'Reports',
      summary: 'Concession compliance: each concession’s open hours per week and social share against its obligations',
      description:
        'The Comune sees every concession, an operator those of its own operator (403 for anyone else). Each concession is evaluated on the ' +
        'part of `[from, to)` it covers.',
      query: ConcessionsQuery,
      responses: { 200: jsonOrCsv(z.array(ConcessionComplianceView), 'one row per concession') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { from, to, format, hubId, areaId } = readQuery(c, ConcessionsQuery)
      const report = await concessionsReport(db, from, to, resolveConcessionScope(user, { hubId, areaId }))
      if (format === 'csv') return csvResponse(toCsv(CONCESSION_COLUMNS, report), `concessions_${from}_${to}.csv`)
      return c.json(report)
    },
  )

  app.get(
    '/reports/grants',
    doc({
      tag: 'Reports',
      summary: 'Granted hours against booked, used and remaining hours, by grant, team or reference',
      description: 'Staff only: an operator sees the grants of its hubs (403 for a hub it does not manage), the Comune every grant.',
      query: GrantsQuery,
      responses: { 200: jsonOrCsv(z.array(GrantReportRowView), 'one row per grant, team or reference') },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      const { groupBy, format, ...filters } = readQuery(c, GrantsQuery)
      const rows = await grantsReport(db, groupBy, await resolveGrantScope(db, user, filters))
      if (format === 'csv') return csvResponse(toCsv(GRANT_COLUMNS, rows), `grants_${groupBy}.csv`)
      return c.json(rows)
    },
  )

  return app
}
