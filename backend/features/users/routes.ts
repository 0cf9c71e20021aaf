import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { requireRole, requireUser } from '../../http/access.ts'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { problems } from '../../http/problem.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import { hashToken } from '../auth/tokens.ts'
import { ChangePasswordBody, CreateUserBody, UpdateMeBody, UpdateUserBody, UsersQuery } from './schemas.ts'
import { changeOwnPassword, createUser, getUserView, listUserViews, updateMe, updateUser } from './service.ts'

/** The signed-in account (`/me`) and the Comune's account administration (`/users`). */
export function usersRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/me', async (c) => c.json({ user: await getUserView(db, requireUser(c).id) }))

  // The client asks who is signed in on every page: an anonymous visitor is a normal answer (200, user null),
  // not an error in the browser's console as GET /me's 401 is.
  app.get(
    '/auth/session',
    doc({
      tag: 'Sign-in',
      summary: 'Who is signed in: {user} or {user: null} (200 either way, never 401)',
      responses: { 200: { description: 'The signed-in user, or null for an anonymous visitor' } },
    }),
    async (c) => {
      const user = c.get('user')
      return c.json({ user: user ? await getUserView(db, user.id) : null })
    },
  )

  app.patch('/me', async (c) => {
    const me = requireUser(c)
    const body = await readBody(c, UpdateMeBody)
    return c.json({ user: await updateMe(db, me, body) })
  })

  app.post('/me/password', async (c) => {
    const me = requireUser(c)
    const body = await readBody(c, ChangePasswordBody)
    const address = clientInfo(c, deps.config.trustProxy).address
    await changeOwnPassword(db, me, hashToken(getCookie(c, SESSION_COOKIE) ?? ''), body, address)
    return c.body(null, 204)
  })

  app.get('/users', async (c) => {
    const actor = requireRole(c, 'admin')
    const q = readQuery(c, UsersQuery)
    const { users, total } = await listUserViews(db, actor, q)
    return paginated(c, users, { ...q, total })
  })

  app.post('/users', async (c) => {
    const actor = requireRole(c, 'admin')
    const body = await readBody(c, CreateUserBody)
    return c.json(await createUser(db, actor, body), 201)
  })

  app.get('/users/:id', async (c) => {
    const actor = requireUser(c)
    const id = readId(c, 'id', 'user')
    // Another person's account is unknown to anyone but the Comune.
    if (actor.role !== 'admin' && actor.id !== id) throw problems.notFound('user')
    return c.json(await getUserView(db, id))
  })

  app.patch('/users/:id', async (c) => {
    const actor = requireRole(c, 'admin')
    const id = readId(c, 'id', 'user')
    const body = await readBody(c, UpdateUserBody)
    return c.json(await updateUser(db, actor, id, body))
  })

  return app
}
