import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { CheckinBody, CheckoutBody, checkin, checkout, listLoans } from './loans.ts'
import { ChangedAssetView, LoanView } from './schemas.ts'

/** An asset's loans: out to a team and back. */
export function loanRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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

  return app
}
