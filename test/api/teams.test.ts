import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let admin: Awaited<ReturnType<TestContext['as']>>
beforeAll(async () => {
  ctx = await createTestContext()
  admin = await ctx.as(await ctx.make.admin())
})
afterAll(() => ctx?.close())

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const teamBody = {
  name: 'Associazione Orti di Corvetto',
  legalStatus: 'association',
  contactEmail: 'Orti.Corvetto@example.org',
  callReference: 'Bando Hub Innovazione Inclusiva 2026',
}

async function operatorClient() {
  const { user } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
  return ctx.as(user)
}

describe('teams', () => {
  it('an admin creates a team and reads it back', async () => {
    const res = await admin.post('/teams', teamBody)
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Associazione Orti di Corvetto',
      legalStatus: 'association',
      contactEmail: 'orti.corvetto@example.org',
      callReference: 'Bando Hub Innovazione Inclusiva 2026',
    })
    const read = await admin.get(`/teams/${res.body.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual(res.body)
  })

  it('validates legal status and contact email', async () => {
    const res = await admin.post('/teams', { ...teamBody, legalStatus: 'company', contactEmail: 'nope' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contactEmail', 'legalStatus'])
  })

  it('only an admin creates or edits teams', async () => {
    const team = await ctx.make.team()
    const { user: member } = await ctx.make.member(team.id)
    const m = await ctx.as(member)
    const op = await operatorClient()
    expect((await ctx.anonymous.post('/teams', teamBody)).status).toBe(401)
    expect((await m.post('/teams', teamBody)).status).toBe(403)
    expect((await op.post('/teams', teamBody)).status).toBe(403)
    expect((await m.patch(`/teams/${team.id}`, { name: 'Nuovo nome' })).status).toBe(403)
    expect((await op.patch(`/teams/${team.id}`, { name: 'Nuovo nome' })).status).toBe(403)

    const edited = await admin.patch(`/teams/${team.id}`, { name: 'Nuovo nome', callReference: null })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ id: team.id, name: 'Nuovo nome', callReference: null, legalStatus: team.legal_status })
    expect((await admin.patch(`/teams/${UNKNOWN}`, { name: 'X' })).status).toBe(404)
  })

  it('a member sees only its own teams; others are unknown to it', async () => {
    const mine = await ctx.make.team()
    const theirs = await ctx.make.team()
    const { user } = await ctx.make.member(mine.id)
    const m = await ctx.as(user)
    const list = await m.get('/teams')
    expect(list.status).toBe(200)
    expect(list.body.map((t: { id: string }) => t.id)).toEqual([mine.id])
    expect(list.headers.get('x-total-count')).toBe('1')
    expect((await m.get(`/teams/${mine.id}`)).status).toBe(200)
    const hidden = await m.get(`/teams/${theirs.id}`)
    expect(hidden.status).toBe(404)
    expect(hidden.headers.get('content-type')).toContain('application/problem+json')
    expect((await m.get(`/teams/${theirs.id}/members`)).status).toBe(404)
  })

  it('an operator reads every team (names for its schedule); anonymous callers are refused', async () => {
    const team = await ctx.make.team({ name: `Sartoria Sociale ${Date.now()}` })
    const op = await operatorClient()
    const list = await op.get(`/teams?q=${encodeURIComponent(team.name)}`)
    expect(list.body.map((t: { id: string }) => t.id)).toEqual([team.id])
    expect((await op.get(`/teams/${team.id}`)).status).toBe(200)
    expect((await ctx.anonymous.get('/teams')).status).toBe(401)
    expect((await ctx.anonymous.get(`/teams/${team.id}`)).status).toBe(401)
  })

  it('filters by call reference and treats LIKE wildcards literally', async () => {
    const reference = `Bando ${Date.now()}`
    const a = await ctx.make.team({ call_reference: reference, name: 'Cucina 100% inclusiva' })
    await ctx.make.team({ call_reference: reference, name: 'Cucina 100 inclusiva' })
    const byRef = await admin.get(`/teams?callReference=${encodeURIComponent(reference)}`)
    expect(byRef.body).toHaveLength(2)
    const literal = await admin.get(`/teams?q=${encodeURIComponent('100%')}&callReference=${encodeURIComponent(reference)}`)
    expect(literal.body.map((t: { id: string }) => t.id)).toEqual([a.id])
  })
})

describe('team members', () => {
  it('an admin adds a new person: a member account without password, able to ask for a sign-in link', async () => {
    const team = await ctx.make.team()
    const email = `nuova-${Date.now()}@example.org`
    const res = await admin.post(`/teams/${team.id}/members`, { email: email.toUpperCase(), name: 'Giulia Rossi' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.any(String), email, name: 'Giulia Rossi', role: 'member' })
    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ role: 'member', password_hash: null, operator_id: null })
    const members = await admin.get(`/teams/${team.id}/members`)
    expect(members.body).toEqual([res.body])

    expect((await ctx.anonymous.post('/auth/magic-link', { email })).status).toBe(202)
    const mail = await ctx.db.selectFrom('outbox').select('recipient').where('recipient', '=', email).execute()
    expect(mail).toHaveLength(1)
  })

  it('a member adding a colleague who already has an account only invites: nobody is linked, no name is revealed', async () => {
    const team = await ctx.make.team()
    const other = await ctx.make.team()
    const { user } = await ctx.make.member(team.id)
    const colleague = await ctx.make.user({ role: 'member', teamIds: [other.id], name: 'Marco Bianchi' })
    const m = await ctx.as(user)
    const first = await m.post(`/teams/${team.id}/members`, { email: colleague.email, name: 'Altro nome' })
    expect(first.status).toBe(202)
    expect(first.text).not.toContain('Marco Bianchi')
    expect(first.text).not.toContain(colleague.id)
    const members = await m.get(`/teams/${team.id}/members`)
    expect(members.body.map((u: { id: string }) => u.id)).toEqual([user.id])
  })

  it('refuses to put a staff account in a team', async () => {
    const team = await ctx.make.team()
    const staff = await ctx.make.admin()
    const res = await admin.post(`/teams/${team.id}/members`, { email: staff.email, name: 'Staff' })
    expect(res.status).toBe(409)
  })

  it('a member of another team, an operator or nobody may not add members', async () => {
    const team = await ctx.make.team()
    const { user: outsider } = await ctx.make.member()
    const body = { email: `x-${Date.now()}@example.org`, name: 'Intruso' }
    expect((await (await ctx.as(outsider)).post(`/teams/${team.id}/members`, body)).status).toBe(404)
    expect((await (await operatorClient()).post(`/teams/${team.id}/members`, body)).status).toBe(403)
    expect((await ctx.anonymous.post(`/teams/${team.id}/members`, body)).status).toBe(401)
    expect((await admin.post(`/teams/${UNKNOWN}/members`, body)).status).toBe(404)
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst()).toBeUndefined()
  })

  it('validates the new member', async () => {
    const team = await ctx.make.team()
    const res = await admin.post(`/teams/${team.id}/members`, { email: 'not-an-email', name: '' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'name'])
  })

  it('a member removes a colleague; removing an unknown membership is 404', async () => {
    const team = await ctx.make.team()
    const { user } = await ctx.make.member(team.id)
    const { user: colleague } = await ctx.make.member(team.id)
    const m = await ctx.as(user)
    expect((await m.delete(`/teams/${team.id}/members/${colleague.id}`)).status).toBe(204)
    expect((await m.delete(`/teams/${team.id}/members/${colleague.id}`)).status).toBe(404)
    expect((await m.get(`/teams/${team.id}/members`)).body.map((u: { id: string }) => u.id)).toEqual([user.id])
    expect(ctx.errors).toEqual([])
  })
})
