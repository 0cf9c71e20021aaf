import { sql } from 'kysely'
import type { BenchContext, BenchScenario } from '../scenario.ts'

/** Thrown by a scenario that cannot run here (e.g. its endpoint is missing): reported as skipped, never as a pass. */
class BenchSkipped extends Error {
  override name = 'BenchSkipped'
}

async function get(ctx: BenchContext, path: string, cookie?: string): Promise<Response> {
  const res = await ctx.app.request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} })
  await res.arrayBuffer()
  return res
}

async function expectOk(ctx: BenchContext, path: string, cookie?: string) {
  const res = await get(ctx, path, cookie)
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`)
}

const YEAR = 'from=2027-01-01&to=2028-01-01'

function report(name: string, path: string, targetP95Ms: number, iterations = 20): BenchScenario {
  return {
    name,
    iterations,
    warmup: 3,
    targetP95Ms,
    run: (ctx) => expectOk(ctx, path, ctx.cookies.admin),
  }
}

let busiestLab = ''

export const scenarios: BenchScenario[] = [
  report('reports: a year of utilisation by lab (admin)', `/api/v1/reports/utilisation?${YEAR}&groupBy=lab`, 300),
  report('reports: a year of utilisation by month (admin)', `/api/v1/reports/utilisation?${YEAR}&groupBy=month`, 300),
  report('reports: a year of utilisation by area, CSV', `/api/v1/reports/utilisation?${YEAR}&groupBy=area&format=csv`, 300),
  {
    name: 'reports: a year of utilisation by lab (operator, its hubs)',
    iterations: 20,
    warmup: 3,
    targetP95Ms: 300,
    run: (ctx) => expectOk(ctx, `/api/v1/reports/utilisation?${YEAR}&groupBy=lab`, ctx.cookies.operator),
  },
  report('reports: concession compliance over a year', `/api/v1/reports/concessions?${YEAR}`, 1000, 10),
  report('reports: grants, per grant', '/api/v1/reports/grants', 1500, 10),
  {
    name: 'reports: open-data CSV of a year (lab × month)',
    iterations: 10,
    warmup: 2,
    targetP95Ms: 1000,
    run: (ctx) => expectOk(ctx, '/api/v1/reports/open-data/utilisation.csv?year=2027'),
  },
  {
    name: "calendars: a lab's public ICS feed",
    iterations: 20,
    warmup: 3,
    targetP95Ms: 300,
    async prepare(ctx) {
      const row = await sql<{ lab_id: string }>`select lab_id from bookings group by lab_id order by count(*) desc limit 1`.execute(ctx.db)
      busiestLab = row.rows[0].lab_id
      const res = await get(ctx, `/api/v1/calendars/labs/${busiestLab}.ics`)
      if (res.status === 404) throw new BenchSkipped('GET /api/v1/calendars/labs/:id.ics is not there yet (404)')
    },
    run: async (ctx) => {
      const res = await get(ctx, `/api/v1/calendars/labs/${busiestLab}.ics`)
      if (res.status !== 200) throw new Error(`ICS feed answered ${res.status}`)
    },
  },
]
