import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../backend/app.ts'
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '../../backend/features/auth/login-limits.ts'
import { parseTrustedProxies } from '../../backend/http/client-address.ts'
import { createTestContext, socketEnv, type TestContext } from '../helpers/context.ts'
import { TEST_PASSWORD } from '../helpers/factories.ts'

// Who the client is: the socket's address, unless the socket is a proxy named in TRUST_PROXY.

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** The same app on the same database, with TRUST_PROXY set as given. */
function appTrusting(list: string) {
  return buildApp({ ...ctx.deps, config: { ...ctx.deps.config, trustProxy: parseTrustedProxies(list)! } }, { log: () => {} })
}

async function login(
  app: ReturnType<typeof buildApp>,
  email: string,
  password: string,
  socket: string,
  headers: Record<string, string> = {},
) {
  return app.request(
    'http://localhost:8080/api/v1/auth/login',
    { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) },
    socketEnv(socket),
  )
}

describe('TRUST_PROXY', () => {
  it('parses addresses and CIDRs of both families, and refuses anything else', () => {
    const list = parseTrustedProxies(' 10.0.0.1, 192.168.0.0/16 ,::1, fd00::/8')!
    expect(list.size).toBe(4)
    for (const a of ['10.0.0.1', '192.168.7.9', '::ffff:192.168.1.1', '::1', 'fd00::5']) expect(list.has(a)).toBe(true)
    for (const a of ['10.0.0.2', '172.16.0.1', '::2', 'not-an-address']) expect(list.has(a)).toBe(false)
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/x', '1.2.3.4/8/9']) expect(parseTrustedProxies(bad)).toBeNull()
    expect(parseTrustedProxies('')!.size).toBe(0)
  })

  it('the configuration refuses a malformed TRUST_PROXY, naming it', async () => {
    const { loadConfig } = await import('../../backend/config.ts')
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(/TRUST_PROXY/)
    expect(loadConfig({}).trustProxy.size).toBe(0)
    expect(loadConfig({}).host).toBe('127.0.0.1')
  })

  it('without TRUST_PROXY, X-Forwarded-Proto from the client does not make the cookie Secure', async () => {
    const user = await ctx.make.user()
    const res = await login(ctx.app, user.email, TEST_PASSWORD, '203.0.113.9', { 'X-Forwarded-Proto': 'https' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/i)
  })

  it('behind a trusted proxy that says https, the cookie is Secure; from any other socket it is not', async () => {
    const app = appTrusting('10.0.0.0/8')
    const user = await ctx.make.user()
    const proxied = await login(app, user.email, TEST_PASSWORD, '10.1.2.3', {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '198.51.100.7',
    })
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/i)
    const direct = await login(app, user.email, TEST_PASSWORD, '203.0.113.9', { 'X-Forwarded-Proto': 'https' })
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/i)
  })
})

describe('sign-in limits', () => {
  it('per address: spraying passwords across accounts from one socket is stopped, whatever X-Forwarded-For says', async () => {
    const attacker = '203.0.113.66'
    const victimAddress = '198.51.100.77'
    // The attacker has already failed ADDRESS_LIMIT - 2 times on as many accounts (seeded, to keep the test short)…
    await ctx.db
      .insertInto('login_failures')
      .values(Array.from({ length: ADDRESS_LIMIT.failures - 2 }, () => ({ key: `ip:${attacker}` })))
      .execute()
    // …and fails twice more on two new accounts, each time claiming to be somebody else.
    for (const forwarded of [victimAddress, '192.0.2.1']) {
      const target = await ctx.make.user()
      const res = await login(ctx.app, target.email, 'a-guessed-password', attacker, { 'X-Forwarded-For': forwarded })
      expect(res.status).toBe(401)
    }
    const someone = await ctx.make.user()
    const refused = await login(ctx.app, someone.email, TEST_PASSWORD, attacker, { 'X-Forwarded-For': '192.0.2.200' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    const retry = Number(refused.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(0)
    expect(retry).toBeLessThanOrEqual(ADDRESS_LIMIT.windowMinutes * 60)
    // The address the attacker named is not locked out, nor is the account itself from elsewhere.
    expect((await login(ctx.app, someone.email, TEST_PASSWORD, victimAddress)).status).toBe(200)
  })

  it('per account: 5 failures lock that account for a while, from any address; the classroom next to it signs in', async () => {
    const classroom = '192.0.2.30'
    const guessed = await ctx.make.user()
    const neighbour = await ctx.make.user()
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i++) {
      expect((await login(ctx.app, guessed.email, `wrong-${i}-password`, classroom)).status).toBe(401)
    }
    const locked = await login(ctx.app, guessed.email, TEST_PASSWORD, '192.0.2.31')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(ACCOUNT_LIMIT.windowMinutes * 60 - 60)
    // Refused attempts are not counted: hammering the locked account does not lock its address.
    for (let i = 0; i < 3; i++) expect((await login(ctx.app, guessed.email, 'x-wrong-password', classroom)).status).toBe(429)
    const failures = await ctx.db.selectFrom('login_failures').select('id').where('key', '=', `ip:${classroom}`).execute()
    expect(failures).toHaveLength(ACCOUNT_LIMIT.failures)
    expect((await login(ctx.app, neighbour.email, TEST_PASSWORD, classroom)).status).toBe(200)
    // Once the failures leave the window, the account opens again.
    await ctx.db
      .updateTable('login_failures')
      .set({ at: new Date(Date.now() - ACCOUNT_LIMIT.windowMinutes * 60_000 - 1000) })
      .where('key', '=', `email:${guessed.email}`)
      .execute()
    expect((await login(ctx.app, guessed.email, TEST_PASSWORD, classroom)).status).toBe(200)
  })

  it('behind a trusted proxy, each client behind it has its own address limit', async () => {
    const app = appTrusting('10.0.0.0/8')
    const spraying = '198.51.100.10'
    await ctx.db
      .insertInto('login_failures')
      .values(Array.from({ length: ADDRESS_LIMIT.failures }, () => ({ key: `ip:${spraying}` })))
      .execute()
    const user = await ctx.make.user()
    // The proxy appends the address it saw; anything left of it is the client's own claim.
    const viaProxy = (client: string) => login(app, user.email, TEST_PASSWORD, '10.0.0.2', { 'X-Forwarded-For': `203.0.113.1, ${client}` })
    expect((await viaProxy(spraying)).status).toBe(429)
    expect((await viaProxy('198.51.100.11')).status).toBe(200)
    // The proxy's own address is not the client's: a direct request from it is judged on its own.
    expect((await login(app, user.email, TEST_PASSWORD, '10.0.0.2')).status).toBe(200)
  })

  it('/me/password with a wrong current password counts as a failed sign-in, and is locked alike', async () => {
    const user = await ctx.make.user()
    const session = await ctx.as(user)
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i++) {
      const res = await session.post('/me/password', { currentPassword: `wrong-${i}-password`, newPassword: 'a-brand-new-password' })
      expect(res.status).toBe(403)
    }
    const locked = await session.post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(429)
  })
})
