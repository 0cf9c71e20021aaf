import { Hono } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import { z } from 'zod'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { email, readBody } from '../../http/validation.ts'
import { relyingPartyFor } from '../oidc/relying-party.ts'
import { clearAccountFailures, recordFailure, retryAfterSeconds, throttleKeys } from './login-limits.ts'
import { activeUserByEmail } from './magic-links.ts'
import { m } from './messages.ts'
import { passwordAllowed, useOidcInstead } from './password-policy.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { startSession } from './session-cookie.ts'
import { deleteSession, SESSION_COOKIE } from './sessions.ts'

const LoginBody = z.object({ email, password: z.string().min(1).max(200) })
export const SignedIn = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), locale: z.enum(['it', 'en']) }),
})
export function publicUser(u: { id: string; email: string; name: string; role: string; locale?: string }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale ?? 'it' }
}

/** Sign-in methods, password sign-in and sign-out; sign-in links are in magic-link-routes.ts, SPID/CIE in oidc/. */
export function authRoutes(deps: Deps) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  /** How one may sign in here: the login page shows the SPID/CIE button and the staff form accordingly. */
  app.get(
    '/methods',
    doc({
      tag: 'Sign-in',
      summary: 'How one may sign in: the password policy (AUTH_PASSWORD) and the SPID/CIE button, if configured',
      responses: {
        200: z.object({
          password: z.enum(['on', 'staff', 'off']),
          oidc: z.object({ label: z.string(), start: z.string() }).nullable(),
        }),
      },
    }),
    (c) =>
      c.json({
        password: config.passwordPolicy,
        oidc: config.oidc ? { label: config.oidc.label, start: '/api/v1/auth/oidc/start' } : null,
      }),
  )

  app.post(
    '/login',
    doc({
      tag: 'Sign-in',
      summary: 'Sign in with email and password: a session cookie (sc_session)',
      body: LoginBody,
      responses: { 200: SignedIn },
      problems: ['unauthorized', 'forbidden', 'too_many_requests'],
    }),
    async (c) => {
      const body = await readBody(c, LoginBody)
      // Nobody may use a password: say so at once (it tells nothing about any account).
      if (config.passwordPolicy === 'off') throw useOidcInstead(config)
      const keys = throttleKeys(body.email, clientInfo(c, config.trustProxy).address)
      const wait = await retryAfterSeconds(db, keys)
      if (wait > 0) throw problems.tooManyRequests(wait)
      const user = await activeUserByEmail(db, body.email)
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyPasswordHash()))
      if (!user?.password_hash || !ok) {
        await recordFailure(db, keys)
        throw problems.unauthorized(m.badCredentials())
      }
      await clearAccountFailures(db, keys)
      // Told only after the right password, so that the refusal never reveals which accounts are members.
      if (!passwordAllowed(config.passwordPolicy, user.role)) throw useOidcInstead(config)
      await startSession(c, deps, user.id)
      return c.json({ user: publicUser(user) })
    },
  )

  /**
   * Ends the local session. A session opened through SPID/CIE answers 200 with the provider's end-session URL
   * (RP-initiated logout) for the browser to visit, when the provider offers one; otherwise 204.
   */
  app.post(
    '/logout',
    doc({
      tag: 'Sign-in',
      summary: 'End the session (200 with the provider end-session URL after a SPID/CIE sign-in, else 204)',
      responses: { 200: z.object({ endSessionUrl: z.string() }), 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE)
      const ended = token ? await deleteSession(db, token) : undefined
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      if (ended?.idToken && config.oidc) {
        const url = await relyingPartyFor(config.oidc, config.publicUrl)
          .endSessionUrl(ended.idToken, `${config.publicUrl}/`)
          // The local session is over whatever the provider says; its own session then ends on its own.
          .catch(() => null)
        if (url) return c.json({ endSessionUrl: url.href })
      }
      return c.body(null, 204)
    },
  )

  return app
}
