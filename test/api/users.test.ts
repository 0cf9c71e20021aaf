import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { TEST_PASSWORD } from '../helpers/factories.ts'

let ctx: TestContext
let adminUser: Awaited<ReturnType<TestContext['make']['admin']>>
let admin: Awaited<ReturnType<TestContext['as']>>
beforeAll(async () => {
  ctx = await createTestContext()
  adminUser = await ctx.make.admin()
  admin = await ctx.as(adminUser)
})
afterAll(() => ctx?.close())

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`

describe('/me', () => {
  it('shows the signed-in account with its teams', async () => {
    const team = await ctx.make.team({ name: 'Ciclofficina Giambellino' })
    const { user } = await ctx.make.member(team.id)
    const me = await (await ctx.as(user)).get('/me')
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({
      id: user.id,
      email: user.email,
      role: 'member',
      operatorId: null,
      teamIds: [team.id],
      teams: [{ id: team.id, name: 'Ciclofficina Giambellino' }],
    })
  })

  it('lets anyone change its own name and language', async () => {
    const { user } = await ctx.make.member()
    const res = await (await ctx.as(user)).patch('/me', { name: 'Nome Nuovo', locale: 'en' })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ name: 'Nome Nuovo', locale: 'en', role: 'member' })
  })

  it('a member can never raise its own role, join a team or an operator by itself', async () => {
    const { user } = await ctx.make.member()
    const operator = await ctx.make.operator()
    const otherTeam = await ctx.make.team()
    const me = await ctx.as(user)
    for (const body of [
      { role: 'admin' },
      { role: 'operator', operatorId: operator.id },
      { teamIds: [otherTeam.id] },
      { name: 'X', role: 'admin' },
    ]) {
      const res = await me.patch('/me', body)
      expect(res.status).toBe(403)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
    expect((await me.patch('/me', { isAdmin: true })).status).toBe(400)
    const row = await ctx.db.selectFrom('users').select(['role', 'operator_id', 'name']).where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'member', operator_id: null, name: user.name })
    expect((await me.get('/me')).body.user.teamIds).toHaveLength(1)
    // Nor through the admin endpoint.
    expect((await me.patch(`/users/${user.id}`, { role: 'admin' })).status).toBe(403)
  })
})

describe('/users', () => {
  it('only an admin lists or creates accounts', async () => {
    const { user: member } = await ctx.make.member()
    const { user: operator } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    for (const who of [member, operator]) {
      const client = await ctx.as(who)
      expect((await client.get('/users')).status).toBe(403)
      expect((await client.post('/users', { email: uniqueEmail('x'), name: 'X', role: 'admin' })).status).toBe(403)
    }
    expect((await ctx.anonymous.get('/users')).status).toBe(401)
    expect((await ctx.anonymous.post('/users', { email: uniqueEmail('x'), name: 'X', role: 'admin' })).status).toBe(401)
  })

  it('one reads its own account by id; another person’s is unknown to anyone but an admin', async () => {
    const { user } = await ctx.make.member()
    const { user: other } = await ctx.make.member()
    const me = await ctx.as(user)
    expect((await me.get(`/users/${user.id}`)).body).toMatchObject({ id: user.id, email: user.email })
    expect((await me.get(`/users/${other.id}`)).status).toBe(404)
    expect((await admin.get(`/users/${other.id}`)).status).toBe(200)
    expect((await admin.get(`/users/${UNKNOWN}`)).status).toBe(404)
    expect((await ctx.anonymous.get(`/users/${user.id}`)).status).toBe(401)
  })

  it('an admin creates an operator account that signs in with its password', async () => {
    const operator = await ctx.make.operator()
    const email = uniqueEmail('operatrice')
    const res = await admin.post('/users', {
      email,
      name: 'Laura Neri',
      role: 'operator',
      operatorId: operator.id,
      password: 'una-password-lunga',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      email,
      name: 'Laura Neri',
      role: 'operator',
      operatorId: operator.id,
      teamIds: [],
    })
    expect(res.body.password).toBeUndefined()
    const login = await ctx.anonymous.post('/auth/login', { email, password: 'una-password-lunga' })
    expect(login.status).toBe(200)
    expect(login.body.user.role).toBe('operator')
  })

  it('an admin creates a member of teams', async () => {
    const teams = [await ctx.make.team(), await ctx.make.team()]
    const res = await admin.post('/users', { email: uniqueEmail('socio'), name: 'Paolo', role: 'member', teamIds: teams.map((t) => t.id) })
    expect(res.status).toBe(201)
    expect(res.body.teamIds.sort()).toEqual(teams.map((t) => t.id).sort())
  })

  it('validates operatorId and teamIds against the role and the database', async () => {
    const operator = await ctx.make.operator()
    const team = await ctx.make.team()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: 'operator' }, 'operatorId'],
      [{ role: 'member', operatorId: operator.id }, 'operatorId'],
      [{ role: 'operator', operatorId: UNKNOWN }, 'operatorId'],
      [{ role: 'member', teamIds: [UNKNOWN] }, 'teamIds'],
      [{ role: 'member', teamIds: ['not-a-uuid'] }, 'teamIds.0'],
      [{ role: 'admin', teamIds: [team.id] }, 'teamIds'],
      [{ role: 'member', password: 'short' }, 'password'],
      [{ role: 'superuser' }, 'role'],
    ]
    for (const [extra, path] of cases) {
      const res = await admin.post('/users', { email: uniqueEmail('v'), name: 'V', ...extra })
      expect(res.status, JSON.stringify(extra)).toBe(400)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
  })

  it('refuses a second account with the same email (409), whatever its case', async () => {
    const email = uniqueEmail('doppio')
    expect((await admin.post('/users', { email, name: 'A', role: 'member' })).status).toBe(201)
    expect((await admin.post('/users', { email: email.toUpperCase(), name: 'B', role: 'member' })).status).toBe(409)
  })

  it('lists accounts by role and text, paged', async () => {
    const tag = `cerca${Date.now()}`
    for (let i = 0; i < 3; i++) await ctx.make.user({ role: 'member', email: `${tag}-${i}@example.org` })
    const page = await admin.get(`/users?q=${tag}&role=member&limit=2`)
    expect(page.status).toBe(200)
    expect(page.body).toHaveLength(2)
    expect(page.headers.get('x-total-count')).toBe('3')
    expect(page.headers.get('link')).toContain('rel="next"')
    expect(page.body[0]).not.toHaveProperty('password_hash')
    expect((await admin.get('/users?role=root')).status).toBe(400)
  })
})

describe('PATCH /users/:id', () => {
  it('an admin makes a member an operator, and back to a member of teams', async () => {
    const { user } = await ctx.make.member()
    const operator = await ctx.make.operator()
    const promoted = await admin.patch(`/users/${user.id}`, { role: 'operator', operatorId: operator.id })
    expect(promoted.status).toBe(200)
    expect(promoted.body).toMatchObject({ role: 'operator', operatorId: operator.id, teamIds: [] })
    const team = await ctx.make.team()
    const back = await admin.patch(`/users/${user.id}`, { role: 'member', teamIds: [team.id] })
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ role: 'member', operatorId: null, teamIds: [team.id] })
  })

  it('refuses an operator without operator, and teams for staff', async () => {
    const { user } = await ctx.make.member()
    expect((await admin.patch(`/users/${user.id}`, { role: 'operator' })).status).toBe(400)
    expect((await admin.patch(`/users/${user.id}`, { role: 'admin', teamIds: [(await ctx.make.team()).id] })).status).toBe(400)
    expect((await admin.patch(`/users/${user.id}`, { teamIds: [UNKNOWN] })).status).toBe(400)
    expect((await admin.patch(`/users/${UNKNOWN}`, { name: 'X' })).status).toBe(404)
  })

  it('disabling an account signs it out everywhere; enabling lets it back in', async () => {
    const { user } = await ctx.make.member()
    const client = await ctx.as(user)
    expect((await client.get('/me')).status).toBe(200)
    const off = await admin.patch(`/users/${user.id}`, { disabled: true })
    expect(off.status).toBe(200)
    expect(off.body.disabled).toBe(true)
    expect((await client.get('/me')).status).toBe(401)
    expect((await admin.patch(`/users/${user.id}`, { disabled: false })).body.disabled).toBe(false)
    expect((await (await ctx.as(user)).get('/me')).status).toBe(200)
  })

  it('an admin cannot demote or disable itself', async () => {
    expect((await admin.patch(`/users/${adminUser.id}`, { role: 'member' })).status).toBe(409)
    expect((await admin.patch(`/users/${adminUser.id}`, { disabled: true })).status).toBe(409)
    expect((await admin.patch(`/users/${adminUser.id}`, { name: 'Ufficio Periferie' })).status).toBe(200)
    expect(ctx.errors).toEqual([])
  })
})

describe('passwords', () => {
  it('anyone changes its own password with the current one; its other sessions end, this one stays', async () => {
    const { user } = await ctx.make.member()
    const here = await ctx.as(user)
    const elsewhere = await ctx.as(user)
    expect((await here.post('/me/password', { currentPassword: 'not-the-password', newPassword: 'una-nuova-password' })).status).toBe(403)
    expect((await here.post('/me/password', { newPassword: 'una-nuova-password' })).status).toBe(403)
    expect((await here.post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'corta' })).status).toBe(400)
    expect((await here.post('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'una-nuova-password' })).status).toBe(204)
    expect((await here.get('/me')).status).toBe(200)
    expect((await elsewhere.get('/me')).status).toBe(401)
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401)
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: 'una-nuova-password' })).status).toBe(200)
  })

  it('an account that signs in by link sets its first password without a current one', async () => {
    const team = await ctx.make.team()
    const added = await admin.post(`/teams/${team.id}/members`, { email: uniqueEmail('link'), name: 'Solo link' })
    const me = await ctx.as({ id: added.body.id })
    expect((await me.post('/me/password', { newPassword: 'la-mia-prima-password' })).status).toBe(204)
    expect((await ctx.anonymous.post('/auth/login', { email: added.body.email, password: 'la-mia-prima-password' })).status).toBe(200)
    expect((await ctx.anonymous.post('/me/password', { newPassword: 'la-mia-prima-password' })).status).toBe(401)
  })

  it('an admin resets a password: the person is signed out and signs in with the new one', async () => {
    const { user } = await ctx.make.member()
    const client = await ctx.as(user)
    const res = await admin.patch(`/users/${user.id}`, { password: 'password-reimpostata' })
    expect(res.status).toBe(200)
    expect((await client.get('/me')).status).toBe(401)
    expect((await ctx.anonymous.post('/auth/login', { email: user.email, password: 'password-reimpostata' })).status).toBe(200)
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.updated')
      .execute()
    expect(JSON.stringify(audit)).not.toContain('password-reimpostata')
  })
})
