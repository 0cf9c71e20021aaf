import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { requireRole, requireUser, seesAccount } from '../../http/access.ts'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { problems } from '../../http/problem.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import { hashToken } from '../auth/tokens.ts'
import { ChangePasswordBody, CreateUserBody, UpdateMeBody, UpdateUserBody, UsersQuery, UserView } from './schemas.ts'
import { changeOwnPassword, createUser, getUserView, listUserViews, updateMe, updateUser } from './service.ts'

/** The signed-in account (`/me`) and the Comune's account administration (`/users`). */
export function usersRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/me',
    doc({
      tag: 'Accounts',
      summary: 'The signed-in account',
      responses: { 200: z.object({ user: UserView }) },
      problems: ['unauthorized'],
    }),
    async (c) => c.json({ user: await getUserView(db, requireUser(c).id) }),
  )

  // The client asks who is signed in on every page: an anonymous visitor is a normal answer (200, user null),
  // not an error in the browser's console as GET /me's 401 is.
  app.get(
    '/auth/session',
    doc({
      tag: 'Sign-in',
      summary: 'Who is signed in: {user} or {user: null} (200 either way, never 401)',
      responses: { 200: z.object({ user: UserView.nullable() }).describe('The signed-in user, or null for an anonymous visitor') },
    }),
    async (c) => {
      const user = c.get('user')
      return c.json({ user: user ? await getUserView(db, user.id) : null })
    },
  )

  app.patch(
    '/me',
    doc({
      tag: 'Accounts',
      summary: 'Change one’s own name or language (role, teams, operator, email: 403)',
      body: UpdateMeBody,
      responses: { 200: z.object({ user: UserView }) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const me = requireUser(c)
      const body = await readBody(c, UpdateMeBody)
      return c.json({ user: await updateMe(db, me, body) })
    },
  )

  app.post(
    '/me/password',
    doc({
      tag: 'Accounts',
      summary: 'Set one’s own password (the current one when there is one); other sessions end',
      body: ChangePasswordBody,
      responses: { 204: { description: 'Changed' } },
      problems: ['unauthorized', 'forbidden', 'too_many_requests'],
    }),
    async (c) => {
      const me = requireUser(c)
      const body = await readBody(c, ChangePasswordBody)
      const address = clientInfo(c, deps.config.trustProxy).address
      await changeOwnPassword(db, me, hashToken(getCookie(c, SESSION_COOKIE) ?? ''), body, address)
      return c.body(null, 204)
    },
  )

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
