import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../backend/app.ts'
import { afterResponseIdle } from '../../backend/http/after-response.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { TEST_PASSWORD } from '../helpers/factories.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

function sessionCookie(res: { headers: Headers }): string {
  const header = res.headers.get('set-cookie') ?? ''
  const match = header.match(/sc_session=([^;]*)/)
  if (!match) throw new Error(`no session cookie in ${header}`)
  return `sc_session=${match[1]}`
}

async function magicLinkToken(email: string): Promise<string> {
  const rows = await ctx.db.selectFrom('outbox').select('text').where('recipient', '=', email).orderBy('created_at', 'desc').execute()
  const token = rows[0]?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1]
  if (!token) throw new Error(`no sign-in link mailed to ${email}`)
  return token
}

describe('sign-in with password', () => {
  it('answers the user and sets an HttpOnly, SameSite=Lax session cookie that opens /me', async () => {
    const user = await ctx.make.user({ role: 'member', name: 'Anna Verdi' })
    const res = await ctx.anonymous.post('/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ id: user.id, email: user.email, name: 'Anna Verdi', role: 'member' })
    expect(res.body.user.password_hash).toBeUndefined()
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
    const me = await ctx.request('GET', '/me', undefined, sessionCookie(res))
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ id: user.id, role: 'member' })
  })

  it('refuses a wrong password and an unknown email alike, with 401 problem+json', async () => {
    const user = await ctx.make.user()
    const wrong = await ctx.anonymous.post('/auth/login', { email: user.email, password: 'not-the-password' })
    const unknown = await ctx.anonymous.post('/auth/login', { email: `nobody-${Date.now()}@example.org`, password: 'whatever-it-is' })
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect(wrong.body.detail).toBe(unknown.body.detail)
  })

  it('an account without password (link-only) cannot sign in with any password', async () => {
    const user = await ctx.db
      .insertInto('users')
      .values({ email: `linkonly-${Date.now()}@example.org`, name: 'Solo link', role: 'member', password_hash: null, operator_id: null })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: '' })).status).toBe(400)
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: 'anything-at-all' })).status).toBe(401)
  })

  it('answers 429 after 5 failures, even to the right password, in every process sharing the database', async () => {
    const user = await ctx.make.user()
    const bystander = await ctx.make.user()
    for (let i = 0; i < 5; i++) {
      expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: `wrong-${i}-password` })).status).toBe(401)
    }
    const locked = await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })
    expect(locked.status).toBe(429)
    expect(locked.headers.get('content-type')).toContain('application/problem+json')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)

    // A second app instance on the same database (another process behind the load balancer) agrees.
    const otherProcess = buildApp(ctx.deps, { log: () => {} })
    const elsewhere = await otherProcess.request('http://localhost:8080/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    })
    expect(elsewhere.status).toBe(429)

    expect((await ctx.anonymous.post('/auth/login', { email: bystander.email, password: TEST_PASSWORD })).status).toBe(200)
  })

  it('a disabled account cannot sign in and its sessions stop working', async () => {
    const user = await ctx.make.user()
    const client = await ctx.as(user)
    await ctx.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute()
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401)
    expect((await client.get('/me')).status).toBe(401)
  })
})

describe('sign-out', () => {
  it('ends the session: the old cookie no longer opens /me', async () => {
    const user = await ctx.make.user()
    const login = await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })
    const cookie = sessionCookie(login)
    const out = await ctx.request('POST', '/auth/logout', {}, cookie)
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/sc_session=;/)
    expect((await ctx.request('GET', '/me', undefined, cookie)).status).toBe(401)
  })

  it('/me without a session is 401 problem+json', async () => {
    const res = await ctx.anonymous.get('/me')
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ status: 401, type: expect.any(String) })
  })
})

describe('sign-in link', () => {
  it('answers 202 whether or not the account exists, and mails only real accounts', async () => {
    const user = await ctx.make.user()
    const stranger = `stranger-${Date.now()}@example.org`
    const known = await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const unknown = await ctx.anonymous.post('/auth/magic-link', { email: stranger })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(unknown.body).toEqual(known.body)
    expect(await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', stranger).execute()).toHaveLength(0)
    const mails = await ctx.db.selectFrom('outbox').select(['subject', 'kind']).where('recipient', '=', user.email).execute()
    expect(mails).toEqual([{ subject: expect.stringContaining('accesso'), kind: 'auth.magic_link' }])
  })

  it('signs in once with the mailed token; the same token a second time is refused', async () => {
    const user = await ctx.make.user({ role: 'member' })
    await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const token = await magicLinkToken(user.email)
    const first = await ctx.anonymous.post('/auth/magic-link/verify', { token })
    expect(first.status).toBe(200)
    expect(first.body.user).toMatchObject({ id: user.id, role: 'member' })
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect((await ctx.request('GET', '/me', undefined, sessionCookie(first))).status).toBe(200)
    const second = await ctx.anonymous.post('/auth/magic-link/verify', { token })
    expect(second.status).toBe(401)
    expect(second.headers.get('set-cookie')).toBeNull()
  })

  it('a link older than 15 minutes is refused', async () => {
    const user = await ctx.make.user()
    await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const token = await magicLinkToken(user.email)
    const link = await ctx.db
      .selectFrom('magic_links')
      .select(['created_at', 'expires_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    const minutes = (link.expires_at.getTime() - link.created_at.getTime()) / 60_000
    expect(minutes).toBeGreaterThan(14.9)
    expect(minutes).toBeLessThanOrEqual(15.1)
    await ctx.db
      .updateTable('magic_links')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token })).status).toBe(401)
  })

  it('a made-up token is refused and a malformed one is invalid input', async () => {
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: 'x'.repeat(43) })).status).toBe(401)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: 'short' })).status).toBe(400)
    expect((await ctx.anonymous.post('/auth/magic-link', { email: 'not-an-email' })).status).toBe(400)
  })

  it('answers before looking the account up: an existing account and an unknown one do the same work first', async () => {
    const user = await ctx.make.user()
    const ask = (email: string) =>
      ctx.app.request('http://localhost:8080/api/v1/auth/magic-link', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      })
    const known = await ask(user.email)
    // The answer is out, and the link not yet written: nothing about the account was looked at before it.
    const linksAtAnswer = await ctx.db.selectFrom('magic_links').select('token_hash').where('user_id', '=', user.id).execute()
    const unknown = await ask(`nobody-${Date.now()}@example.org`)
    expect(linksAtAnswer).toHaveLength(0)
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(await known.text()).toBe(await unknown.text())
    await afterResponseIdle()
    expect(await ctx.db.selectFrom('magic_links').select('token_hash').where('user_id', '=', user.id).execute()).toHaveLength(1)
  })

  it('a new link revokes the older ones: only the latest email signs in', async () => {
    const user = await ctx.make.user()
    await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const older = await magicLinkToken(user.email)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const latest = await magicLinkToken(user.email)
    expect(latest).not.toBe(older)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: older })).status).toBe(401)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: latest })).status).toBe(200)
  })

  it('a password change revokes the links asked for before it (own change and the Comune’s reset)', async () => {
    const user = await ctx.make.user()
    await ctx.anonymous.post('/auth/magic-link', { email: user.email })
    const before = await magicLinkToken(user.email)
    const changed = await (await ctx.as(user)).post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
    expect(changed.status).toBe(204)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: before })).status).toBe(401)

    const other = await ctx.make.user()
    await ctx.anonymous.post('/auth/magic-link', { email: other.email })
    const beforeReset = await magicLinkToken(other.email)
    const admin = await ctx.as(await ctx.make.admin())
    expect((await admin.patch(`/users/${other.id}`, { password: 'reset-by-the-comune' })).status).toBe(200)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token: beforeReset })).status).toBe(401)
  })

  it('sends at most 5 links per account in 15 minutes, still answering 202', async () => {
    const user = await ctx.make.user()
    for (let i = 0; i < 7; i++) expect((await ctx.anonymous.post('/auth/magic-link', { email: user.email })).status).toBe(202)
    expect(await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', user.email).execute()).toHaveLength(5)
    expect(ctx.errors).toEqual([])
  })
})
