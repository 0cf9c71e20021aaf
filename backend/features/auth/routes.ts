import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { afterResponse } from '../../http/after-response.ts'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { email, readBody } from '../../http/validation.ts'
import { notify } from '../../outbox/notify.ts'
import { clearAccountFailures, recordFailure, retryAfterSeconds, throttleKeys } from './login-limits.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from './sessions.ts'
import { hashToken, newToken } from './tokens.ts'
import { m } from './messages.ts'
import { doc } from '../../http/openapi.ts'

const LoginBody = z.object({ email, password: z.string().min(1).max(200) })
const MagicLinkBody = z.object({ email })
const MagicVerifyBody = z.object({ token: z.string().min(10).max(200) })
const SignedIn = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), locale: z.enum(['it', 'en']) }),
})
const MAGIC_LINK_MINUTES = 15
/** Links sent to one account per validity window: more requests are answered alike but send nothing. */
const MAGIC_LINKS_PER_WINDOW = 5

async function recentMagicLinks(db: Deps['db'], userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('magic_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', new Date(Date.now() - MAGIC_LINK_MINUTES * 60_000))
    .executeTakeFirstOrThrow()
  return Number(n)
}

export function publicUser(u: { id: string; email: string; name: string; role: string; locale?: string }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale ?? 'it' }
}

export function authRoutes(deps: Deps) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  async function startSession(c: Context<AppEnv>, userId: string) {
    const { token } = await createSession(db, userId)
    const secure = config.publicUrl.startsWith('https:') || clientInfo(c, config.trustProxy).https
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_DAYS * 86_400 })
  }

  app.post(
    '/login',
    doc({
      tag: 'Sign-in',
      summary: 'Sign in with email and password: a session cookie (sc_session)',
      body: LoginBody,
      responses: { 200: SignedIn },
      problems: ['unauthorized', 'too_many_requests'],
    }),
    async (c) => {
      const body = await readBody(c, LoginBody)
      const keys = throttleKeys(body.email, clientInfo(c, config.trustProxy).address)
      const wait = await retryAfterSeconds(db, keys)
      if (wait > 0) throw problems.tooManyRequests(wait)
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', body.email)
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyPasswordHash()))
      if (!user?.password_hash || !ok) {
        await recordFailure(db, keys)
        throw problems.unauthorized(m.badCredentials())
      }
      await clearAccountFailures(db, keys)
      await startSession(c, user.id)
      return c.json({ user: publicUser(user) })
    },
  )

  app.post('/logout', doc({ tag: 'Sign-in', summary: 'End the session', responses: { 204: { description: 'Signed out' } } }), async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await deleteSession(db, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  /**
   * Sends a sign-in link when the account exists and has not had too many lately. Each new link revokes
   * the older unused ones: only the latest email opens the account.
   */
  async function sendMagicLink(address: string) {
    const user = await db
      .selectFrom('users')
      .select(['id'])
      .where('email', '=', address)
      .where('disabled_at', 'is', null)
      .executeTakeFirst()
    if (!user || (await recentMagicLinks(db, user.id)) >= MAGIC_LINKS_PER_WINDOW) return
    const { token, hash } = newToken()
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('magic_links')
        .set({ used_at: new Date() })
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .execute()
      await trx
        .insertInto('magic_links')
        .values({ token_hash: hash, user_id: user.id, expires_at: new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000) })
        .execute()
      await notify(trx, { type: 'auth.magic_link', userId: user.id, url: `${config.publicUrl}/login?token=${token}` })
    })
  }

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
        () => sendMagicLink(body.email),
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
      problems: ['unauthorized', 'too_many_requests'],
    }),
    async (c) => {
      const body = await readBody(c, MagicVerifyBody)
      const used = await db
        .updateTable('magic_links')
        .set({ used_at: new Date() })
        .where('token_hash', '=', hashToken(body.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning('user_id')
        .executeTakeFirst()
      if (!used) throw problems.unauthorized(m.linkInvalid())
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', used.user_id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      if (!user) throw problems.unauthorized(m.linkInvalid())
      await startSession(c, user.id)
      return c.json({ user: publicUser(user) })
    },
  )

  return app
}
