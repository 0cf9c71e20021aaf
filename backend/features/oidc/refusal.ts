import type { Context } from 'hono'
import { deleteCookie } from 'hono/cookie'
import type { AppEnv } from '../../http/context.ts'
import { currentLocale } from '../../http/i18n.ts'
import { problemBody } from '../../http/problem.ts'
import { FLOW_COOKIE, FLOW_COOKIE_PATH } from './flows.ts'
import { m, type OidcMessage, refusalPage } from './messages.ts'

/** The browser gets a page it can show; an API client gets problem+json. Either way no session. */
export function refuse(c: Context<AppEnv>, status: 401 | 403 | 404 | 503, key: OidcMessage, reason: string) {
  const locale = currentLocale()
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH })
  if (c.req.header('accept')?.includes('text/html')) {
    return c.html(refusalPage(key, locale), status)
  }
  const code = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'database_unavailable'
  const body = problemBody(code, m[key](), { reason })
  // 503 here means the provider, not our database, is unavailable: the title says which.
  if (status === 503) body.title = m.provider_unavailable_title()
  return c.body(JSON.stringify(body), status, {
    'Content-Type': 'application/problem+json',
    ...(status === 503 && { 'Retry-After': '30' }),
  })
}
