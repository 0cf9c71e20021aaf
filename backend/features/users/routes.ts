import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser, seesAccount } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { problems } from '../../http/problem.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { CreateUserBody, UpdateUserBody, UsersQuery, UserView } from './schemas.ts'
import { createUser, getUserView, listUserViews, updateUser } from './service.ts'

/** The Comune's account administration (`/users`); one's own account is in me-routes.ts. */
export function usersRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/users',
    doc({
      tag: 'Accounts',
      summary: 'The accounts (admin)',
      query: UsersQuery,
      responses: { 200: z.array(UserView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const q = readQuery(c, UsersQuery)
      const { users, total } = await listUserViews(db, actor, q)
      return paginated(c, users, { ...q, total })
    },
  )

  app.post(
    '/users',
    doc({
      tag: 'Accounts',
      summary: 'Create an account (admin)',
      body: CreateUserBody,
      responses: { 201: UserView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const body = await readBody(c, CreateUserBody)
      return c.json(await createUser(db, actor, body), 201)
    },
  )

  app.get(
    '/users/:id',
    doc({
      tag: 'Accounts',
      summary: 'An account (admin, or the person itself)',
      responses: { 200: UserView },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const id = readId(c, 'id', 'user')
      // Another person's account is unknown to anyone but the Comune.
      if (!seesAccount(actor, id)) throw problems.notFound('user')
      return c.json(await getUserView(db, id))
    },
  )

  app.patch(
    '/users/:id',
    doc({
      tag: 'Accounts',
      summary: 'Change an account (admin)',
      body: UpdateUserBody,
      responses: { 200: UserView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const id = readId(c, 'id', 'user')
      const body = await readBody(c, UpdateUserBody)
      return c.json(await updateUser(db, actor, id, body))
    },
  )

  return app
}
