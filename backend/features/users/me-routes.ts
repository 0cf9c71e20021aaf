import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody } from '../../http/validation.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import { hashToken } from '../auth/tokens.ts'
import { ChangePasswordBody, UpdateMeBody, UserView } from './schemas.ts'
import { changeOwnPassword, getUserView, updateMe } from './service.ts'

/** The signed-in account (`/me`, and who is signed in at `/auth/session`): read, change, set its password. */
export function meRoutes(deps: Deps) {
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

  return app
}
