import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'
import fs from 'node:fs'
import * as oidc from 'openid-client'
import type { OidcConfig } from '../../config.ts'

/** Clock skew tolerated on the ID token's timestamps (iat, exp, nbf), in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60
const HTTP_TIMEOUT_SECONDS = 10

/** What the callback needs from the flow started earlier. */
export interface FlowChecks {
  state: string
  nonce: string
  codeVerifier: string
}

export interface SignedInClaims {
  /** ID token claims, completed by the userinfo endpoint's where the ID token lacks the identity. */
  claims: Record<string, unknown>
  idToken: string
}

/** The provider could not be reached (discovery, token or userinfo endpoint): not the person's fault. */
export class ProviderUnavailable extends Error {}

interface ClientKey {
  key: KeyObject
  alg: 'RS256' | 'ES256'
  kid: string
  publicJwk: JsonWebKey
}

/** The private_key_jwt key (OIDC_PRIVATE_KEY_FILE): its id is the RFC 7638 thumbprint of the public key. */
function loadClientKey(file: string): ClientKey {
  const key = createPrivateKey(fs.readFileSync(file))
  const alg = key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256'
  const jwk = createPublicKey(key).export({ format: 'jwk' })
  const members = alg === 'ES256' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n }
  const kid = createHash('sha256').update(JSON.stringify(members)).digest('base64url')
  return { key, alg, kid, publicJwk: { ...jwk, kid, alg, use: 'sig' } }
}

async function clientAuthentication(config: OidcConfig, key: ClientKey | null): Promise<oidc.ClientAuth> {
  if (key) {
    const algorithm = key.alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    const der = key.key.export({ format: 'der', type: 'pkcs8' })
    const cryptoKey = await crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign'])
    return oidc.PrivateKeyJwt({ key: cryptoKey, kid: key.kid })
  }
  return oidc.ClientSecretBasic(config.clientSecret)
}

function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return true
  const cause = (err as { cause?: unknown }).cause
  return err instanceof TypeError || (cause instanceof Error && isNetworkFailure(cause)) || /fetch failed|ECONNREFUSED/.test(err.message)
}

/**
 * This service as a relying party of the Comune's OpenID Connect provider (openid-client): discovery once per
 * process (again after a failure), authorization code flow with PKCE S256, state and nonce, ID token checked
 * (signature against the provider's JWKS, issuer, audience, expiry within a minute of skew, nonce) by the library.
 */
export class RelyingParty {
  private configuration: Promise<oidc.Configuration> | undefined
  private readonly key: ClientKey | null

  constructor(
    readonly config: OidcConfig,
    readonly redirectUri: string,
  ) {
    this.key = config.privateKeyFile ? loadClientKey(config.privateKeyFile) : null
  }

  /** The public key set of private_key_jwt (to register at the provider), or null with a client secret. */
  publicJwks(): { keys: JsonWebKey[] } | null {
    return this.key ? { keys: [this.key.publicJwk] } : null
  }

  private async discover(): Promise<oidc.Configuration> {
    const insecure = new URL(this.config.issuer).protocol === 'http:'
    const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS }
    if (this.key) metadata.token_endpoint_auth_signing_alg = this.key.alg
    const configuration = await oidc.discovery(
      new URL(this.config.issuer),
      this.config.clientId,
      metadata,
      await clientAuthentication(this.config, this.key),
      {
        // The ID token's signature is checked against the provider's published keys even though it came over
        // TLS from the token endpoint (which OpenID Connect would allow to skip): the issue asks for it, and it
        // also holds when a broker or proxy sits between us.
        execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
        timeout: HTTP_TIMEOUT_SECONDS,
      },
    )
    configuration.timeout = HTTP_TIMEOUT_SECONDS
    return configuration
  }

  private async client(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((err) => {
      this.configuration = undefined
      throw new ProviderUnavailable(`OpenID Connect discovery at ${this.config.issuer} failed`, { cause: err })
    })
    return this.configuration
  }

  /** The URL of the provider's authorization endpoint for a new flow. */
  async authorizationUrl(checks: FlowChecks): Promise<URL> {
    const client = await this.client()
    return oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.redirectUri,
      scope: this.config.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    })
  }

  /**
   * Completes the flow from the callback URL: checks state, exchanges the code (with the PKCE verifier),
   * validates the ID token and its nonce. Throws on any mismatch; ProviderUnavailable when it cannot reach it.
   */
  async complete(callbackUrl: URL, checks: FlowChecks): Promise<SignedInClaims> {
    const client = await this.client()
    try {
      const tokens = await oidc.authorizationCodeGrant(
        client,
        callbackUrl,
        { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
        { redirect_uri: this.redirectUri },
      )
      const idTokenClaims = tokens.claims()
      if (!idTokenClaims || !tokens.id_token) throw new Error('no ID token')
      let claims: Record<string, unknown> = { ...idTokenClaims }
      const identityMissing = ['given_name', 'family_name', 'email'].some((k) => claims[k] === undefined) || !hasFiscalNumber(claims)
      if (identityMissing && client.serverMetadata().userinfo_endpoint && tokens.access_token) {
        // Brokers often give the SPID attributes at the userinfo endpoint only; its subject must be the ID token's.
        const userinfo = await oidc.fetchUserInfo(client, tokens.access_token, idTokenClaims.sub)
        claims = { ...userinfo, ...claims }
      }
      return { claims, idToken: tokens.id_token }
    } catch (err) {
      if (isNetworkFailure(err)) throw new ProviderUnavailable('the OpenID Connect provider did not answer', { cause: err })
      throw err
    }
  }

  /** Where to send the browser to end the provider's session too, or null when it offers no end_session_endpoint. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | null> {
    const client = await this.client()
    if (!client.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(client, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri })
  }
}

function hasFiscalNumber(claims: Record<string, unknown>): boolean {
  return claims.fiscal_number !== undefined || claims['https://attributes.eid.gov.it/fiscal_number'] !== undefined
}

/** One relying party per configuration object: discovery and keys are shared by every request of a process. */
const parties = new WeakMap<OidcConfig, RelyingParty>()
export function relyingPartyFor(config: OidcConfig, publicUrl: string): RelyingParty {
  let party = parties.get(config)
  if (!party) {
    party = new RelyingParty(config, `${publicUrl}/api/v1/auth/oidc/callback`)
    parties.set(config, party)
  }
  return party
}
