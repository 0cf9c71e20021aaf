import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import type { Config } from '../../config.ts'
import { clientInfo } from '../../http/client-address.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { createSession, SESSION_COOKIE, SESSION_DAYS } from './sessions.ts'

/** Whether cookies must be Secure: the site is served over https, directly or behind a trusted proxy. */
export function secureCookies(c: Context<AppEnv>, config: Config): boolean {
  return config.publicUrl.startsWith('https:') || clientInfo(c, config.trustProxy).https
}

/** Opens a session for the user and gives the browser its cookie: the same for every way of signing in. */
export async function startSession(c: Context<AppEnv>, deps: Deps, userId: string, idToken: string | null = null): Promise<void> {
  const { token } = await createSession(deps.db, userId, idToken)
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c, deps.config),
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  })
}
