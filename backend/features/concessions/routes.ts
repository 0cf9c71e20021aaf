import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { paginationQuery, readBody, readId, readQuery } from '../../http/validation.ts'
import {
  ConcessionBody,
  ConcessionPatch,
  ConcessionsQuery,
  createConcession,
  getConcession,
  listConcessions,
  updateConcession,
} from './concessions.ts'
import { createOperator, getOperator, listOperators, OperatorBody, OperatorPatch, updateOperator } from './operators.ts'

const OperatorsQuery = z.object({ q: z.string().max(200).optional(), ...paginationQuery })

/** Operators (the bodies that run hubs) and their concessions: written by the Comune, read by their own staff. */
export function concessionsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/operators', async (c) => {
    const q = readQuery(c, OperatorsQuery)
    const { items, total } = await listOperators(db, requireUser(c), q)
    return paginated(c, items, { ...q, total })
  })
  app.post('/operators', async (c) => {
    const admin = requireRole(c, 'admin')
    return c.json(await createOperator(db, admin, await readBody(c, OperatorBody)), 201)
  })
  app.get('/operators/:id', async (c) => c.json(await getOperator(db, requireUser(c), readId(c, 'id', 'operator'))))
  app.patch('/operators/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'operator')
    return c.json(await updateOperator(db, admin, id, await readBody(c, OperatorPatch)))
  })

  app.get('/concessions', async (c) => {
    const q = readQuery(c, ConcessionsQuery.extend(paginationQuery))
    const { items, total } = await listConcessions(db, requireUser(c), q)
    return paginated(c, items, { ...q, total })
  })
  app.post('/concessions', async (c) => {
    const admin = requireRole(c, 'admin')
    return c.json(await createConcession(db, admin, await readBody(c, ConcessionBody)), 201)
  })
  app.get('/concessions/:id', async (c) => c.json(await getConcession(db, requireUser(c), readId(c, 'id', 'concession'))))
  app.patch('/concessions/:id', async (c) => {
    const admin = requireRole(c, 'admin')
    const id = readId(c, 'id', 'concession')
    return c.json(await updateConcession(db, admin, id, await readBody(c, ConcessionPatch)))
  })

  return app
}
