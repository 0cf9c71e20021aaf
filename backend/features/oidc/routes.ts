import { randomBytes } from 'node:crypto'
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import * as oidc from 'openid-client'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../http/context.ts'
import { currentLocale } from '../../http/i18n.ts'
import { doc } from '../../http/openapi.ts'
import { problemBody } from '../../http/problem.ts'
import { readQuery } from '../../http/validation.ts'
import { secureCookies, startSession } from '../auth/session-cookie.ts'
import { hashToken } from '../auth/tokens.ts'
import { accountForIdentity } from './accounts.ts'
import { identityFromClaims } from './claims.ts'
import { FLOW_MINUTES, saveFlow, takeFlow } from './flows.ts'
import { m, type OidcMessage, refusalPage } from './messages.ts'
import { ProviderUnavailable, relyingPartyFor } from './relying-party.ts'
import { safeNextPath } from './safe-next.ts'

/** Binds a flow to the browser that started it: a callback from another browser (login CSRF) finds no flow. */
const FLOW_COOKIE = 'sc_oidc'
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc'
const StartQuery = z.object({ next: z.string().max(2000).optional() })

/**
 * SPID/CIE sign-in as a relying party of the Comune's OpenID Connect provider (CONTRACT §7):
 * GET /auth/oidc/start → the provider; GET /auth/oidc/callback → a session, or 401 and none.
 */
export function oidcRoutes(deps: Deps, log: (msg: string, err?: unknown) => void) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  /** The browser gets a page it can show; an API client gets problem+json. Either way no session. */
  function refuse(c: Context<AppEnv>, status: 401 | 403 | 404 | 503, key: OidcMessage, reason: string) {
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

  app.get(
    '/start',
    doc({
      tag: 'Sign-in',
      summary: "Start a SPID/CIE sign-in at the Comune's OpenID Connect provider (code flow, PKCE S256, state, nonce)",
      query: StartQuery,
      responses: { 302: { description: "To the provider's authorization endpoint", headers: { Location: 'the authorization URL' } } },
      problems: ['not_found', 'database_unavailable'],
    }),
    async (c) => {
      if (!config.oidc) return refuse(c, 404, 'not_configured', 'oidc_not_configured')
      const { next } = readQuery(c, StartQuery)
      const party = relyingPartyFor(config.oidc, config.publicUrl)
      // One binding value per browser, kept across flows, so two tabs may sign in at once.
      const existing = getCookie(c, FLOW_COOKIE)
      const binding = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url')
      const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() }
      let url: URL
      try {
        url = await party.authorizationUrl(checks)
      } catch (err) {
        if (!(err instanceof ProviderUnavailable)) throw err
        log('OpenID Connect provider unavailable', err)
        return refuse(c, 503, 'provider_unavailable', 'provider_unavailable')
      }
      await saveFlow(db, { ...checks, browserHash: hashToken(binding), nextPath: safeNextPath(next, config.publicUrl) })
      setCookie(c, FLOW_COOKIE, binding, {
        httpOnly: true,
        // Lax: sent on the provider's top-level redirect back to us, never on cross-site subrequests.
        sameSite: 'Lax',
        secure: secureCookies(c, config),
        path: FLOW_COOKIE_PATH,
        maxAge: FLOW_MINUTES * 60,
      })
      return c.redirect(url.href, 302)
    },
  )

  app.get(
    '/callback',
    doc({
      tag: 'Sign-in',
      summary:
        "The provider's redirect back: validates the answer, opens a session and goes to `next` (401 for a bad or replayed callback)",
      responses: { 302: { description: 'Signed in: to `next` (a path of this site) or /', headers: { Location: 'where to go' } } },
      problems: ['unauthorized', 'forbidden', 'not_found', 'database_unavailable'],
    }),
    async (c) => {
      if (!config.oidc) return refuse(c, 404, 'not_configured', 'oidc_not_configured')
      const query = new URL(c.req.url).searchParams
      const state = query.get('state')
      // The flow is taken (used once) before anything else, so a replay finds nothing whatever happens next.
      const flow = state && state.length <= 200 ? await takeFlow(db, state) : undefined
      const binding = getCookie(c, FLOW_COOKIE)
      if (!flow || !binding || hashToken(binding) !== flow.browser_hash) return refuse(c, 401, 'callback_refused', 'unknown_state')
      if (query.has('error')) return refuse(c, 401, 'cancelled', 'provider_error')

      // The URL the provider redirected to, as registered (PUBLIC_URL), whatever proxy it came through.
      const callbackUrl = new URL(`${config.publicUrl}/api/v1/auth/oidc/callback`)
      callbackUrl.search = query.toString()
      const party = relyingPartyFor(config.oidc, config.publicUrl)
      let signedIn: Awaited<ReturnType<typeof party.complete>>
      try {
        signedIn = await party.complete(callbackUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier })
      } catch (err) {
        if (err instanceof ProviderUnavailable) {
          log('OpenID Connect provider unavailable', err)
          return refuse(c, 503, 'provider_unavailable', 'provider_unavailable')
        }
        // A forged or replayed answer: wrong state or nonce, a used code, an expired or badly signed token.
        return refuse(c, 401, 'callback_refused', 'invalid_response')
      }

      const identity = identityFromClaims(signedIn.claims)
      if ('error' in identity) return refuse(c, 401, identity.error, identity.error)
      const outcome = await accountForIdentity(db, identity)
      if (outcome.kind !== 'signed_in') return refuse(c, 403, outcome.kind, outcome.kind)

      await startSession(c, deps, outcome.user.id, signedIn.idToken)
      deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH })
      return c.redirect(safeNextPath(flow.next_path, config.publicUrl), 302)
    },
  )

  /** The public key of private_key_jwt client authentication, for the provider to fetch (its jwks_uri). */
  app.get(
    '/jwks.json',
    doc({
      tag: 'Sign-in',
      summary: "The public key of private_key_jwt client authentication (the provider's jwks_uri for this client)",
      responses: { 200: { description: 'A JSON Web Key Set', contentType: 'application/json' } },
      problems: ['not_found'],
    }),
    (c) => {
      const jwks = config.oidc ? relyingPartyFor(config.oidc, config.publicUrl).publicJwks() : null
      if (!jwks) return refuse(c, 404, 'not_configured', 'no_client_key')
      return c.json(jwks)
    },
  )

  return app
}
