/**
 * A real OpenID Connect provider (the `oidc-provider` package) running in the test process, standing in for the
 * Comune's SPID/CIE broker: it passes SPID-like claims (`fiscal_number` with the `TINIT-` prefix, or the SPID
 * attribute name) and has a sign-in page where a test person is chosen, in a browser or by a form post.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export const SPID_FISCAL_NUMBER = 'https://attributes.eid.gov.it/fiscal_number'

export interface TestPerson {
  given_name?: string
  family_name?: string
  email?: string
  email_verified?: boolean
  fiscal_number?: string
  [SPID_FISCAL_NUMBER]?: string
}

export interface TestClient {
  clientId: string
  clientSecret: string
  /** The app's PUBLIC_URL: redirect URI and post-logout URI are registered under it. */
  publicUrl: string
}

export interface TestProvider {
  issuer: string
  /** People who can sign in, by subject; add more at any time. */
  people: Map<string, TestPerson>
  /**
   * Set: the token endpoint's ID token is re-issued with the claims this returns, signed with the provider's
   * own key (or `withKey`): an expired token, another audience or nonce, a bad signature, as a provider could send.
   */
  tamperIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | null
  /** Sign the tampered token with a key the provider does not publish (a bad signature). */
  signWithForeignKey: boolean
  /** (Re)builds the provider for the app's client, once the app's address is known. */
  register(client: TestClient): void
  close(): Promise<void>
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString())
}

export async function startTestProvider(): Promise<TestProvider> {
  let provider: Provider | undefined
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const kid = 'test-provider-key'
  const state: TestProvider = {
    issuer,
    people: new Map(),
    tamperIdToken: null,
    signWithForeignKey: false,
    register(client) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            redirect_uris: [`${client.publicUrl}/api/v1/auth/oidc/callback`],
            post_logout_redirect_uris: [`${client.publicUrl}/`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        pkce: { required: () => true },
        claims: {
          openid: ['sub'],
          profile: ['given_name', 'family_name', 'fiscal_number', SPID_FISCAL_NUMBER],
          email: ['email', 'email_verified'],
        },
        findAccount: (_ctx, sub) => {
          const person = state.people.get(sub)
          return person ? { accountId: sub, claims: () => ({ sub, ...person }) } : undefined
        },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
        jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] },
        cookies: { keys: ['test-provider-cookie-key'] },
      })
      provider.use(async (ctx, next) => {
        await next()
        const body = ctx.body as { id_token?: unknown } | undefined
        if (ctx.path === '/token' && state.tamperIdToken && body && typeof body.id_token === 'string') {
          const [header, payload] = body.id_token.split('.')
          const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString())
          body.id_token = signJwt(
            JSON.parse(Buffer.from(header as string, 'base64url').toString()),
            state.tamperIdToken(claims),
            state.signWithForeignKey ? foreignKey : signingKey,
          )
        }
      })
      // oidc-provider writes warnings about its development defaults (keys, adapter): expected in tests.
      provider.on('server_error', (_ctx, err) => console.error('test provider error', err))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }

  server.on('request', async (req, res) => {
    if (!provider) {
      res.writeHead(503).end('no client registered')
      return
    }
    const match = req.url?.match(/^\/interaction\/([\w-]+)$/)
    if (!match) {
      provider.callback()(req, res)
      return
    }
    try {
      const details = await provider.interactionDetails(req, res)
      if (req.method === 'GET') {
        const options = [...state.people.entries()]
          .map(
            ([sub, p]) =>
              `<option value="${escapeHtml(sub)}">${escapeHtml(`${p.given_name ?? ''} ${p.family_name ?? ''} (${sub})`)}</option>`,
          )
          .join('')
        res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html lang="it"><head><title>Provider di prova</title></head>
<body><h1>Provider SPID di prova</h1><form method="post"><label for="person">Identità</label>
<select id="person" name="person">${options}</select><button type="submit">Autorizza</button></form></body></html>`)
        return
      }
      const form = await readForm(req)
      const accountId = form.get('person') ?? ''
      if (!state.people.has(accountId)) {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'unknown person' },
          { mergeWithLastSubmission: false },
        )
        return
      }
      const clientId = String(details.params.client_id)
      const grant = new provider.Grant({ accountId, clientId })
      grant.addOIDCScope(String(details.params.scope))
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false })
    } catch (err) {
      res.writeHead(400).end(String(err))
    }
  })
  return state
}

/** An RS256 JWT (the test provider re-issuing a token it has changed). */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}

/** A cookie jar of one user agent at the provider (tests that go through it without a browser). */
export class CookieJar {
  private cookies = new Map<string, string>()
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair?.indexOf('=') ?? -1
      if (!pair || eq < 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Goes through the provider as a browser would, from its authorization URL to the redirect back to the app:
 * the chosen person signs in and consents. Answers the callback URL (with code and state) the provider sent.
 */
export async function signInAtProvider(authorizationUrl: string, person: string, jar = new CookieJar()): Promise<URL> {
  let url = new URL(authorizationUrl)
  let method = 'GET'
  let body: string | undefined
  for (let hop = 0; hop < 10; hop++) {
    if (url.pathname.endsWith('/api/v1/auth/oidc/callback')) return url
    const res = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: { Cookie: jar.header(), ...(body && { 'Content-Type': 'application/x-www-form-urlencoded' }) },
    })
    jar.store(res)
    const location = res.headers.get('location')
    if (location) {
      url = new URL(location, url)
      method = 'GET'
      body = undefined
      continue
    }
    if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
      await res.text()
      method = 'POST'
      body = new URLSearchParams({ person }).toString()
      continue
    }
    throw new Error(`unexpected answer ${res.status} at ${url}: ${await res.text()}`)
  }
  throw new Error('too many redirects at the provider')
}
