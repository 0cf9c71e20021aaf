import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { findSessionUser, SESSION_COOKIE } from '../features/auth/sessions.ts'
import type { AppEnv, Deps } from './context.ts'
import { setUserLocale } from './i18n.ts'

/** Puts the signed-in user (or null) on the context; routes decide what needs one. */
export function sessionMiddleware(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    const user = token ? await findSessionUser(deps.db, token) : null
    c.set('user', user)
    setUserLocale(user?.locale)
    await next()
  }
}
