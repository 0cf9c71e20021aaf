import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import { createConcession, getConcession, listConcessions, updateConcession } from './concessions.ts'
import { createOperator, getOperator, listOperators, updateOperator } from './operators.ts'
import {
  ConcessionBody,
  ConcessionPatch,
  ConcessionsQuery,
  ConcessionView,
  OperatorBody,
  OperatorPatch,
  OperatorsQuery,
  OperatorView,
} from './schemas.ts'

const ConcessionsPage = ConcessionsQuery.extend(paginationQuery)

/** Operators (the bodies that run hubs) and their concessions: written by the Comune, read by their own staff. */
export function concessionsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/operators',
    doc({
      tag: 'Concessions',
      summary: 'Operators (admin: all; operator staff: their own)',
      query: OperatorsQuery,
      responses: { 200: z.array(OperatorView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const q = readQuery(c, OperatorsQuery)
      const { items, total } = await listOperators(db, requireUser(c), q)
      return paginated(c, items, { ...q, total })
    },
  )
  app.post(
    '/operators',
    doc({
      tag: 'Concessions',
      summary: 'Register an operator (admin)',
      body: OperatorBody,
      responses: { 201: OperatorView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await createOperator(db, admin, await readBody(c, OperatorBody)), 201)
    },
  )
  app.get(
    '/operators/:id',
    doc({
      tag: 'Concessions',
      summary: 'An operator (admin, or its staff)',
      responses: { 200: OperatorView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await getOperator(db, requireUser(c), readId(c, 'id', 'operator'))),
  )
  app.patch(
    '/operators/:id',
    doc({
      tag: 'Concessions',
      summary: 'Change an operator (admin)',
      body: OperatorPatch,
      responses: { 200: OperatorView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'operator')
      return c.json(await updateOperator(db, admin, id, await readBody(c, OperatorPatch)))
    },
  )

  app.get(
    '/concessions',
    doc({
      tag: 'Concessions',
      summary: 'Concessions (admin: all; operator staff: their operator’s)',
      query: ConcessionsPage,
      responses: { 200: z.array(ConcessionView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const q = readQuery(c, ConcessionsPage)
      const { items, total } = await listConcessions(db, requireUser(c), q)
      return paginated(c, items, { ...q, total })
    },
  )
  app.post(
    '/concessions',
    doc({
      tag: 'Concessions',
      summary: 'Grant a hub to an operator for a period (admin)',
      body: ConcessionBody,
      responses: { 201: ConcessionView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await createConcession(db, admin, await readBody(c, ConcessionBody)), 201)
    },
  )
  app.get(
    '/concessions/:id',
    doc({
      tag: 'Concessions',
      summary: 'A concession (admin, or the operator’s staff)',
      responses: { 200: ConcessionView },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => c.json(await getConcession(db, requireUser(c), readId(c, 'id', 'concession'))),
  )
  app.patch(
    '/concessions/:id',
    doc({
      tag: 'Concessions',
      summary: 'Change a concession (admin)',
      body: ConcessionPatch,
      responses: { 200: ConcessionView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const id = readId(c, 'id', 'concession')
      return c.json(await updateConcession(db, admin, id, await readBody(c, ConcessionPatch)))
    },
  )

  return app
}
