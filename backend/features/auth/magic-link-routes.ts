import { Hono } from 'hono'
import { z } from 'zod'
import { afterResponse } from '../../http/after-response.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { email, readBody } from '../../http/validation.ts'
import { redeemMagicLink, sendMagicLink } from './magic-links.ts'
import { m } from './messages.ts'
import { passwordAllowed, useOidcInstead } from './password-policy.ts'
import { publicUser, SignedIn } from './routes.ts'
import { startSession } from './session-cookie.ts'

const MagicLinkBody = z.object({ email })
const MagicVerifyBody = z.object({ token: z.string().min(10).max(200) })

/** Sign-in links: one is emailed on request, and its token opens a session. */
export function magicLinkRoutes(deps: Deps) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  app.post(
    '/magic-link',
    doc({
      tag: 'Sign-in',
      summary: 'Email a one-time sign-in link (202 whether or not the account exists)',
      body: MagicLinkBody,
      responses: { 202: z.object({ status: z.literal('sent') }) },
      problems: ['too_many_requests'],
    }),
    async (c) => {
      const body = await readBody(c, MagicLinkBody)
      // Always 202, and before looking the account up: neither the answer nor its timing tells whether an
      // account exists.
      afterResponse(
        () => sendMagicLink(deps, body.email),
        (msg, err) => console.error(msg, err),
      )
      return c.json({ status: 'sent' }, 202)
    },
  )

  app.post(
    '/magic-link/verify',
    doc({
      tag: 'Sign-in',
      summary: 'Sign in with the token of a sign-in link',
      body: MagicVerifyBody,
      responses: { 200: SignedIn },
      problems: ['unauthorized', 'forbidden', 'too_many_requests'],
    }),
    async (c) => {
      const body = await readBody(c, MagicVerifyBody)
      const user = await redeemMagicLink(db, body.token)
      if (!user) throw problems.unauthorized(m.linkInvalid())
      // A link sent before AUTH_PASSWORD changed does not open a session the policy now refuses.
      if (!passwordAllowed(config.passwordPolicy, user.role)) throw useOidcInstead(config)
      await startSession(c, deps, user.id)
      return c.json({ user: publicUser(user) })
    },
  )

  return app
}
