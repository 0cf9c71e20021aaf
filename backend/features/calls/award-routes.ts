import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { addTranche, createAward, getAward, listCallAwards, listTeamAwards, recordTaxCode, updateTranche } from './awards.ts'
import { AwardBody, TaxCodeBody, TrancheBody, TranchePatch } from './schemas.ts'
import { AwardViewSchema } from './views.ts'

/** Awards: funding and hours to ranked applications, within the call's budget; an informal group's is conditional. */
export function awardRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/calls/:id/awards',
    doc({
      tag: 'Calls',
      summary: 'Award a ranked application: funding, hours as the team’s grant, the team created or linked (admin)',
      description:
        'Within the ceiling per project (400) and the call’s budget (409 `budget_exceeded` with `budgetCents`, `committedCents`, `availableCents`); 409 `call_not_ranked`, `not_ranked`, `already_awarded`. Without an entity’s codice fiscale the award is `conditional`, with `taxCodeDueOn`.',
      body: AwardBody,
      responses: { 201: AwardViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'call')
      return c.json(await createAward(db, admin, id, await readBody(c, AwardBody)), 201)
    },
  )
  app.get(
    '/calls/:id/awards',
    doc({
      tag: 'Calls',
      summary: 'A call’s awards with their tranches (admin)',
      responses: { 200: z.array(AwardViewSchema) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await listCallAwards(db, requireUser(c), readId(c, 'id', 'call'))),
  )
  app.get(
    '/awards/:id',
    doc({
      tag: 'Calls',
      summary: 'An award with its tranches (admin, the applicant, the team’s members; 404 for anyone else)',
      responses: { 200: AwardViewSchema },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await getAward(db, requireUser(c), readId(c, 'id', 'award'))),
  )
  app.post(
    '/awards/:id/tax-code',
    doc({
      tag: 'Calls',
      summary: 'Record the new entity’s codice fiscale: the conditional award is confirmed (admin, the applicant, a member)',
      description: 'The team takes the entity’s legal status and the reminders stop; 409 `not_conditional` otherwise.',
      body: TaxCodeBody,
      responses: { 200: AwardViewSchema },
      problems: ['unauthorized', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'award')
      return c.json(await recordTaxCode(db, user, id, await readBody(c, TaxCodeBody)))
    },
  )
  app.get(
    '/teams/:id/awards',
    doc({
      tag: 'Calls',
      summary: 'A team’s awards with their tranches (whoever may see the team)',
      responses: { 200: z.array(AwardViewSchema) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => c.json(await listTeamAwards(db, requireUser(c), readId(c, 'id', 'team'))),
  )
  return app
}

/** An award's tranches of payment: planned, paid (never while conditional) or cancelled. */
export function trancheRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/awards/:id/tranches',
    doc({
      tag: 'Calls',
      summary: 'Plan a tranche of an award’s funding (admin)',
      description: 'The tranches not cancelled stay within the award’s funding (409 `over_award`). Answers the award.',
      body: TrancheBody,
      responses: { 201: AwardViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'award')
      return c.json(await addTranche(db, admin, id, await readBody(c, TrancheBody)), 201)
    },
  )
  app.patch(
    '/tranches/:id',
    doc({
      tag: 'Calls',
      summary: 'Mark a tranche paid (with `paidOn`), planned or cancelled (admin)',
      description: 'No payment while the award is conditional (409 `award_conditional`). Answers the award.',
      body: TranchePatch,
      responses: { 200: AwardViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'tranche')
      return c.json(await updateTranche(db, admin, id, await readBody(c, TranchePatch)))
    },
  )
  return app
}
