import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { email, readBody } from '../../http/validation.ts'
import { notify } from '../../outbox/notify.ts'
import { clearFailures, isLockedOut, recordFailure, WINDOW_MINUTES } from './login-limits.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from './sessions.ts'
import { hashToken, newToken } from './tokens.ts'
import { m } from './messages.ts'

const LoginBody = z.object({ email, password: z.string().min(1).max(200) })
const MagicLinkBody = z.object({ email })
const MagicVerifyBody = z.object({ token: z.string().min(10).max(200) })
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
    const secure = config.publicUrl.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https'
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_DAYS * 86_400 })
  }

  app.post('/login', async (c) => {
    const body = await readBody(c, LoginBody)
    const client = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    const keys = [`email:${body.email}`, ...(client ? [`ip:${client}`] : [])]
    if (await isLockedOut(db, keys)) throw problems.tooManyRequests(WINDOW_MINUTES * 60)
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
    await clearFailures(db, [`email:${body.email}`])
    await startSession(c, user.id)
    return c.json({ user: publicUser(user) })
  })

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await deleteSession(db, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  app.post('/magic-link', async (c) => {
    const body = await readBody(c, MagicLinkBody)
    const user = await db
      .selectFrom('users')
      .select(['id'])
      .where('email', '=', body.email)
      .where('disabled_at', 'is', null)
      .executeTakeFirst()
    if (user && (await recentMagicLinks(db, user.id)) < MAGIC_LINKS_PER_WINDOW) {
      const { token, hash } = newToken()
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('magic_links')
          .values({ token_hash: hash, user_id: user.id, expires_at: new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000) })
          .execute()
        await notify(trx, { type: 'auth.magic_link', userId: user.id, url: `${config.publicUrl}/login?token=${token}` })
      })
    }
    // Always 202: the answer never tells whether an account exists.
    return c.json({ status: 'sent' }, 202)
  })

  app.post('/magic-link/verify', async (c) => {
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
    const user = await db.selectFrom('users').selectAll().where('id', '=', used.user_id).where('disabled_at', 'is', null).executeTakeFirst()
    if (!user) throw problems.unauthorized(m.linkInvalid())
    await startSession(c, user.id)
    return c.json({ user: publicUser(user) })
  })

  return app
}
