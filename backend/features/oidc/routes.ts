import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import * as oidc from 'openid-client'
import { z } from 'zod'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readQuery } from '../../http/validation.ts'
import { secureCookies } from '../auth/session-cookie.ts'
import { hashToken } from '../auth/tokens.ts'
import { FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_MINUTES, saveFlow } from './flows.ts'
import { refuse } from './refusal.ts'
import { ProviderUnavailable, relyingPartyFor } from './relying-party.ts'
import { safeNextPath } from './safe-next.ts'

const StartQuery = z.object({ next: z.string().max(2000).optional() })

/**
 * SPID/CIE sign-in as a relying party of the Comune's OpenID Connect provider (CONTRACT §7):
 * GET /auth/oidc/start → the provider; GET /auth/oidc/callback (callback-routes.ts) → a session, or 401 and none.
 */
export function oidcRoutes(deps: Deps, log: (msg: string, err?: unknown) => void) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

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
