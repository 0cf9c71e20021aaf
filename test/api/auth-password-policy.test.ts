import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { TEST_PASSWORD } from '../helpers/factories.ts'

// Two worlds: the Comune keeping passwords for staff only, and keeping none.
let staffOnly: TestContext
let none: TestContext
beforeAll(async () => {
  staffOnly = await createTestContext({ AUTH_PASSWORD: 'staff' })
  none = await createTestContext({ AUTH_PASSWORD: 'off' })
})
afterAll(async () => {
  await staffOnly?.close()
  await none?.close()
})

function outboxOf(ctx: TestContext, email: string) {
  return ctx.db.selectFrom('outbox').select(['kind', 'text']).where('recipient', '=', email).execute()
}

/** The sign-in link request is handled after the 202 is sent: wait for its message. */
async function mailsTo(ctx: TestContext, email: string) {
  await expect.poll(async () => (await outboxOf(ctx, email)).length, { timeout: 10_000, interval: 100 }).toBeGreaterThan(0)
  return outboxOf(ctx, email)
}

describe('AUTH_PASSWORD=staff', () => {
  it('lets the Comune’s and operators’ staff sign in with a password', async () => {
    const admin = await staffOnly.make.admin()
    expect((await staffOnly.anonymous.post('/auth/login', { email: admin.email, password: TEST_PASSWORD })).status).toBe(200)
    const { user: operator } = await staffOnly.make.operatorStaff((await staffOnly.make.hub()).id)
    expect((await staffOnly.anonymous.post('/auth/login', { email: operator.email, password: TEST_PASSWORD })).status).toBe(200)
  })

  it('tells a member with the right password to use SPID/CIE, in Italian or English, and opens no session', async () => {
    const { user } = await staffOnly.make.member()
    const res = await staffOnly.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(res.body).toMatchObject({ status: 403, reason: 'use_oidc' })
    expect(res.body.detail).toContain('SPID o CIE')
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/sc_session=[^;]/)
    const en = await staffOnly.anonymous.post(
      '/auth/login',
      { email: user.email, password: TEST_PASSWORD },
      { headers: { 'Accept-Language': 'en' } },
    )
    expect(en.body.detail).toContain('Sign in with SPID or CIE')
  })

  it('says nothing about the account to a wrong password: a member and a stranger get the same 401', async () => {
    const { user } = await staffOnly.make.member()
    const member = await staffOnly.anonymous.post('/auth/login', { email: user.email, password: 'not-the-password' })
    const stranger = await staffOnly.anonymous.post('/auth/login', { email: 'nobody-here@example.org', password: 'not-the-password' })
    expect(member.status).toBe(401)
    expect(stranger.status).toBe(401)
    expect(member.body.detail).toBe(stranger.body.detail)
  })

  it('answers 202 to a member asking a sign-in link and mails it how to sign in instead of a link', async () => {
    const { user } = await staffOnly.make.member()
    const res = await staffOnly.anonymous.post('/auth/magic-link', { email: user.email })
    expect(res.status).toBe(202)
    expect(res.body).toEqual((await staffOnly.anonymous.post('/auth/magic-link', { email: 'nobody-here@example.org' })).body)
    const mails = await mailsTo(staffOnly, user.email)
    expect(mails.map((m) => m.kind)).toEqual(['auth.use_oidc'])
    expect(mails[0]?.text).toContain('SPID o CIE')
    expect(mails[0]?.text).not.toMatch(/token=/)
  })

  it('still sends staff their sign-in link', async () => {
    const admin = await staffOnly.make.admin()
    expect((await staffOnly.anonymous.post('/auth/magic-link', { email: admin.email })).status).toBe(202)
    expect((await mailsTo(staffOnly, admin.email)).map((m) => m.kind)).toEqual(['auth.magic_link'])
  })

  it('refuses a link mailed to a member before the policy changed', async () => {
    const { user } = await staffOnly.make.member()
    await staffOnly.db.updateTable('users').set({ role: 'admin' }).where('id', '=', user.id).execute()
    await staffOnly.db.deleteFrom('team_members').where('user_id', '=', user.id).execute()
    await staffOnly.anonymous.post('/auth/magic-link', { email: user.email })
    await staffOnly.db.updateTable('users').set({ role: 'member' }).where('id', '=', user.id).execute()
    const token = (await mailsTo(staffOnly, user.email))[0]?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1]
    expect(token).toBeDefined()
    const res = await staffOnly.anonymous.post('/auth/magic-link/verify', { token })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('use_oidc')
  })

  it('tells the login page the policy', async () => {
    expect((await staffOnly.anonymous.get('/auth/methods')).body).toEqual({ password: 'staff', oidc: null })
  })
})

describe('AUTH_PASSWORD=off', () => {
  it('refuses a password to everyone, the admin too', async () => {
    const admin = await none.make.admin()
    const res = await none.anonymous.post('/auth/login', { email: admin.email, password: TEST_PASSWORD })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('use_oidc')
  })

  it('still answers 202 to a sign-in link request and sends no link', async () => {
    const admin = await none.make.admin()
    expect((await none.anonymous.post('/auth/magic-link', { email: admin.email })).status).toBe(202)
    expect((await mailsTo(none, admin.email)).map((m) => m.kind)).toEqual(['auth.use_oidc'])
  })

  it('answers 404 to a SPID/CIE start when no provider is configured', async () => {
    const res = await none.anonymous.get('/auth/oidc/start')
    expect(res.status).toBe(404)
  })
})
