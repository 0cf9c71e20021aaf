import { Hono } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { startSession } from '../auth/session-cookie.ts'
import { hashToken } from '../auth/tokens.ts'
import { accountForIdentity } from './accounts.ts'
import { identityFromClaims } from './claims.ts'
import { FLOW_COOKIE, FLOW_COOKIE_PATH, takeFlow } from './flows.ts'
import { refuse } from './refusal.ts'
import { ProviderUnavailable, relyingPartyFor } from './relying-party.ts'
import { safeNextPath } from './safe-next.ts'

/** The provider's redirect back after a SPID/CIE sign-in: a session, or 401 and none. */
export function oidcCallbackRoutes(deps: Deps, log: (msg: string, err?: unknown) => void) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

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

  return app
}
