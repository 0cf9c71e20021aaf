import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fiscalCodeCheckCharacter } from '../../backend/features/oidc/fiscal-code.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { SPID_FISCAL_NUMBER, signInAtProvider, startTestProvider, type TestPerson, type TestProvider } from '../helpers/oidc-provider.ts'

const PUBLIC_URL = 'http://localhost:8080'
let ctx: TestContext
let idp: TestProvider

beforeAll(async () => {
  idp = await startTestProvider()
  idp.register({ clientId: 'spazi-comuni', clientSecret: 'test-client-secret', publicUrl: PUBLIC_URL })
  ctx = await createTestContext({ OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: 'spazi-comuni', OIDC_CLIENT_SECRET: 'test-client-secret' })
})
afterAll(async () => {
  await ctx?.close()
  await idp?.close()
})

/** A new valid codice fiscale (random surname and name letters, the check character computed). */
function newFiscalCode(): string {
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')
  const first15 = `${letters}85T10F205`
  return first15 + fiscalCodeCheckCharacter(first15)
}

/** A person at the provider, with SPID-like claims; answers its subject and codice fiscale. */
function person(claims: Partial<TestPerson> = {}): { sub: string; fiscalCode: string } {
  const fiscalCode = newFiscalCode()
  const sub = `spid-${randomBytes(6).toString('hex')}`
  idp.people.set(sub, {
    given_name: 'Giulia',
    family_name: 'Bianchi',
    email: `${sub}@example.org`,
    fiscal_number: `TINIT-${fiscalCode}`,
    ...claims,
  })
  return { sub, fiscalCode }
}

function cookieOf(res: { headers: Headers }, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const match = line.match(new RegExp(`^${name}=([^;]*)`))
    if (match?.[1]) return match[1]
  }
  return undefined
}

async function start(next?: string, flowCookie?: string) {
  const res = await ctx.request(
    'GET',
    `/auth/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`,
    undefined,
    flowCookie && `sc_oidc=${flowCookie}`,
  )
  expect(res.status).toBe(302)
  return { res, location: res.headers.get('location') as string, flowCookie: cookieOf(res, 'sc_oidc') as string }
}

function callback(url: URL, flowCookie: string | undefined, headers: Record<string, string> = {}) {
  return ctx.request('GET', `${url.pathname}${url.search}`, undefined, flowCookie && `sc_oidc=${flowCookie}`, { headers })
}

/** The whole round trip: start, sign in at the provider as `sub`, come back. */
async function signIn(sub: string, next?: string) {
  const started = await start(next)
  const callbackUrl = await signInAtProvider(started.location, sub)
  const res = await callback(callbackUrl, started.flowCookie)
  return { res, callbackUrl, flowCookie: started.flowCookie, session: cookieOf(res, 'sc_session') }
}

function expectNoSession(res: { headers: Headers }) {
  expect(cookieOf(res, 'sc_session')).toBeUndefined()
}

describe('starting SPID/CIE sign-in', () => {
  it('redirects to the provider with the code flow, PKCE S256, state, nonce and the registered redirect URI', async () => {
    const { res, location, flowCookie } = await start('/bookings')
    const url = new URL(location)
    expect(url.origin).toBe(idp.issuer)
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('client_id')).toBe('spazi-comuni')
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/v1/auth/oidc/callback`)
    expect(url.searchParams.get('scope')).toBe('openid profile email')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32)
    expect(url.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(32)
    // The flow is bound to this browser by an HttpOnly cookie; state, nonce and verifier are in the database.
    expect(flowCookie).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const line = res.headers.getSetCookie().find((l) => l.startsWith('sc_oidc=')) ?? ''
    expect(line).toMatch(/HttpOnly/i)
    expect(line).toMatch(/SameSite=Lax/i)
    const flow = await ctx.db
      .selectFrom('oidc_flows')
      .selectAll()
      .where('state', '=', url.searchParams.get('state') as string)
      .executeTakeFirstOrThrow()
    expect(flow.next_path).toBe('/bookings')
    expect(flow.code_verifier).not.toBe(url.searchParams.get('code_challenge'))
  })

  it('tells the login page that SPID/CIE is on, with its label', async () => {
    const res = await ctx.anonymous.get('/auth/methods')
    expect(res.body).toEqual({ password: 'on', oidc: { label: 'Entra con SPID o CIE', start: '/api/v1/auth/oidc/start' } })
  })
})

describe('signing in with SPID/CIE', () => {
  it('signs a new person in as a member with no team, by the codice fiscale, and follows next', async () => {
    const { sub, fiscalCode } = person({ given_name: 'Giulia', family_name: 'Bianchi' })
    const { res, session } = await signIn(sub, '/benvenuto?from=spid')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/benvenuto?from=spid')
    expect(session).toBeDefined()
    const line = res.headers.getSetCookie().find((l) => l.startsWith('sc_session=')) ?? ''
    expect(line).toMatch(/HttpOnly/i)
    expect(line).toMatch(/SameSite=Lax/i)
    const me = await ctx.request('GET', '/me', undefined, `sc_session=${session}`)
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ name: 'Giulia Bianchi', role: 'member', fiscalCode, email: `${sub}@example.org`, teamIds: [] })
  })

  it('reads the SPID attribute name, with a lower-case TINIT- value, from the userinfo endpoint', async () => {
    const fiscalCode = newFiscalCode()
    const { sub } = person({ fiscal_number: undefined, [SPID_FISCAL_NUMBER]: `tinit-${fiscalCode.toLowerCase()}` })
    const { res, session } = await signIn(sub)
    expect(res.status).toBe(302)
    const me = await ctx.request('GET', '/me', undefined, `sc_session=${session}`)
    expect(me.body.user.fiscalCode).toBe(fiscalCode)
  })

  it('finds the same account again by the codice fiscale, even when the email changed', async () => {
    const { sub } = person()
    const first = await signIn(sub)
    const id = (await ctx.request('GET', '/me', undefined, `sc_session=${first.session}`)).body.user.id
    idp.people.set(sub, { ...idp.people.get(sub), email: `new-${sub}@example.org` })
    const second = await signIn(sub)
    expect((await ctx.request('GET', '/me', undefined, `sc_session=${second.session}`)).body.user.id).toBe(id)
  })

  it('links an existing account by its email, once, keeping its role and teams', async () => {
    const { user, teamId } = await ctx.make.member()
    const { sub, fiscalCode } = person({ email: user.email.toUpperCase() })
    const { res, session } = await signIn(sub, '/bookings')
    expect(res.headers.get('location')).toBe('/bookings')
    const me = await ctx.request('GET', '/me', undefined, `sc_session=${session}`)
    expect(me.body.user).toMatchObject({ id: user.id, role: 'member', fiscalCode, teamIds: [teamId] })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute()
    expect(audit.map((a) => a.action)).toContain('user.fiscal_code_linked')
  })

  it('lets staff sign in with SPID/CIE too, as the staff they are', async () => {
    const admin = await ctx.make.admin()
    const { sub } = person({ email: admin.email })
    const { session } = await signIn(sub)
    expect((await ctx.request('GET', '/me', undefined, `sc_session=${session}`)).body.user).toMatchObject({ id: admin.id, role: 'admin' })
  })

  it('refuses an email already linked to another codice fiscale, and a disabled account', async () => {
    const { sub: owner } = person()
    const first = await signIn(owner)
    const email = (await ctx.request('GET', '/me', undefined, `sc_session=${first.session}`)).body.user.email
    const { sub: other } = person({ email })
    const conflict = await signIn(other)
    expect(conflict.res.status).toBe(403)
    expectNoSession(conflict.res)

    const disabled = await ctx.make.user({ role: 'member' })
    await ctx.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute()
    const { sub } = person({ email: disabled.email })
    const refused = await signIn(sub)
    expect(refused.res.status).toBe(403)
    expectNoSession(refused.res)
  })

  it('gives a person without an email an address that never receives mail', async () => {
    const { sub, fiscalCode } = person({ email: undefined })
    const { session } = await signIn(sub)
    expect((await ctx.request('GET', '/me', undefined, `sc_session=${session}`)).body.user.email).toBe(
      `${fiscalCode.toLowerCase()}@spid.invalid`,
    )
  })
})

describe('refusing a forged or replayed callback (401, never a session)', () => {
  it('refuses the same callback twice', async () => {
    const { sub } = person()
    const { res, callbackUrl, flowCookie } = await signIn(sub)
    expect(res.status).toBe(302)
    const replay = await callback(callbackUrl, flowCookie)
    expect(replay.status).toBe(401)
    expect(replay.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expectNoSession(replay)
  })

  it('refuses a used code brought back with a fresh state', async () => {
    const { sub } = person()
    const { res, callbackUrl } = await signIn(sub)
    expect(res.status).toBe(302)
    const fresh = await start()
    const forged = new URL(callbackUrl)
    forged.searchParams.set('state', new URL(fresh.location).searchParams.get('state') as string)
    const reused = await callback(forged, fresh.flowCookie)
    expect(reused.status).toBe(401)
    expectNoSession(reused)
  })

  it('refuses a wrong state', async () => {
    const { sub } = person()
    const started = await start()
    const callbackUrl = await signInAtProvider(started.location, sub)
    callbackUrl.searchParams.set('state', 'not-the-state-we-sent')
    const res = await callback(callbackUrl, started.flowCookie)
    expect(res.status).toBe(401)
    expectNoSession(res)
  })

  it('refuses a callback in another browser than the one that started (no or another flow cookie)', async () => {
    const { sub } = person()
    const started = await start()
    const callbackUrl = await signInAtProvider(started.location, sub)
    const attackerBrowser = await callback(callbackUrl, undefined)
    expect(attackerBrowser.status).toBe(401)
    expectNoSession(attackerBrowser)

    const again = await start()
    const url = await signInAtProvider(again.location, sub)
    const otherCookie = await callback(url, randomBytes(32).toString('base64url'))
    expect(otherCookie.status).toBe(401)
    expectNoSession(otherCookie)
  })

  it('refuses an ID token whose nonce is not the one of the flow', async () => {
    const { sub } = person()
    const started = await start()
    const state = new URL(started.location).searchParams.get('state') as string
    const callbackUrl = await signInAtProvider(started.location, sub)
    await ctx.db.updateTable('oidc_flows').set({ nonce: 'another-nonce-than-the-provider-signed' }).where('state', '=', state).execute()
    const res = await callback(callbackUrl, started.flowCookie)
    expect(res.status).toBe(401)
    expectNoSession(res)
  })

  /** Signs in while the provider issues an ID token changed by `tamper`. */
  async function signInWithToken(tamper: (claims: Record<string, unknown>) => Record<string, unknown>) {
    const { sub } = person()
    idp.tamperIdToken = tamper
    try {
      return (await signIn(sub)).res
    } finally {
      idp.tamperIdToken = null
    }
  }
  const now = () => Math.floor(Date.now() / 1000)

  it('accepts a token the provider re-signed unchanged (the tampering itself is sound)', async () => {
    expect((await signInWithToken((c) => c)).status).toBe(302)
  })

  it.each([
    ['expired beyond the minute of clock skew', (c: Record<string, unknown>) => ({ ...c, iat: now() - 900, exp: now() - 90 })],
    ['with another nonce', (c: Record<string, unknown>) => ({ ...c, nonce: 'a-nonce-of-another-flow' })],
    ['without a nonce', ({ nonce: _n, ...c }: Record<string, unknown>) => c],
    ['for another client', (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' })],
    ['from another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example' })],
  ])('refuses an ID token %s', async (_what, tamper) => {
    const res = await signInWithToken(tamper)
    expect(res.status).toBe(401)
    expectNoSession(res)
  })

  it('refuses an ID token signed with a key the provider does not publish', async () => {
    idp.signWithForeignKey = true
    try {
      const res = await signInWithToken((c) => c)
      expect(res.status).toBe(401)
      expectNoSession(res)
    } finally {
      idp.signWithForeignKey = false
    }
  })

  it('tolerates a clock skew within a minute', async () => {
    const res = await signInWithToken((c) => ({ ...c, iat: now() - 600, exp: now() - 20 }))
    expect(res.status).toBe(302)
  })

  it('refuses a flow older than ten minutes', async () => {
    const { sub } = person()
    const started = await start()
    const state = new URL(started.location).searchParams.get('state') as string
    const callbackUrl = await signInAtProvider(started.location, sub)
    await ctx.db
      .updateTable('oidc_flows')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('state', '=', state)
      .execute()
    const res = await callback(callbackUrl, started.flowCookie)
    expect(res.status).toBe(401)
    expectNoSession(res)
  })

  it('refuses a person cancelling at the provider, and claims without a valid codice fiscale', async () => {
    const started = await start()
    const cancelled = await signInAtProvider(started.location, 'nobody-at-all')
    expect(cancelled.searchParams.get('error')).toBe('access_denied')
    const res = await callback(cancelled, started.flowCookie)
    expect(res.status).toBe(401)
    expectNoSession(res)

    const { sub } = person({ fiscal_number: 'TINIT-RSSMRA85T10A562T' })
    const invalid = await signIn(sub)
    expect(invalid.res.status).toBe(401)
    expect(invalid.res.body.reason).toBe('invalid_fiscal_code')
    expectNoSession(invalid.res)
  })

  it('shows the browser a page that says what happened, in Italian or English', async () => {
    const { sub } = person()
    const { callbackUrl, flowCookie } = await signIn(sub)
    const it = await callback(callbackUrl, flowCookie, { Accept: 'text/html,application/xhtml+xml' })
    expect(it.status).toBe(401)
    expect(it.headers.get('content-type')).toMatch(/text\/html/)
    expect(it.text).toContain('Accesso non riuscito')
    expect(it.text).toContain('href="/login"')
    const en = await callback(callbackUrl, flowCookie, { Accept: 'text/html', 'Accept-Language': 'en-GB,en;q=0.9' })
    expect(en.text).toContain('Sign-in failed')
  })
})

describe('where a sign-in leads', () => {
  it.each([
    ['https://evil.example/steal', '/'],
    ['//evil.example/steal', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/labs/abc?week=2027-10-18', '/labs/abc?week=2027-10-18'],
  ])('next=%s goes to %s', async (next, expected) => {
    const { sub } = person()
    const { res } = await signIn(sub, next)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(expected)
  })

  it('goes to / without next', async () => {
    const { sub } = person()
    const { res } = await signIn(sub)
    expect(res.headers.get('location')).toBe('/')
  })
})

describe('signing out of a SPID/CIE session', () => {
  it('ends the local session and answers the provider’s end-session URL (RP-initiated logout)', async () => {
    const { sub } = person()
    const { session } = await signIn(sub)
    const res = await ctx.request('POST', '/auth/logout', {}, `sc_session=${session}`)
    expect(res.status).toBe(200)
    const url = new URL(res.body.endSessionUrl)
    expect(url.origin).toBe(idp.issuer)
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/`)
    expect(url.searchParams.get('id_token_hint')).toBeTruthy()
    expect((await ctx.request('GET', '/me', undefined, `sc_session=${session}`)).status).toBe(401)
    // The provider accepts it: its logout confirmation page, not an error.
    const atProvider = await fetch(url, { redirect: 'manual' })
    expect(atProvider.status).toBe(200)
    expect(await atProvider.text()).toMatch(/logout/i)
  })

  it('keeps 204 for a password session', async () => {
    const user = await ctx.make.user({ role: 'member' })
    const client = await ctx.as(user)
    expect((await client.post('/auth/logout')).status).toBe(204)
  })
})

describe('who sees the codice fiscale', () => {
  it('the admin sees and searches it (in any case); a member sees only its own', async () => {
    const { sub, fiscalCode } = person({ given_name: 'Cercata', family_name: 'Percodice' })
    const { session } = await signIn(sub)
    const admin = await ctx.as(await ctx.make.admin())
    const found = await admin.get(`/users?q=${fiscalCode.slice(0, 11).toLowerCase()}`)
    expect(found.status).toBe(200)
    expect(found.body.map((u: { fiscalCode: string }) => u.fiscalCode)).toContain(fiscalCode)
    const { user: other } = await ctx.make.member()
    const otherClient = await ctx.as(other)
    const me = (await ctx.request('GET', '/me', undefined, `sc_session=${session}`)).body.user
    expect((await otherClient.get(`/users/${me.id}`)).status).toBe(404)
    expect((await otherClient.get('/users')).status).toBe(403)
  })
})
