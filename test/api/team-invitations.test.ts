import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailTestContext, type MailTestContext } from '../helpers/context.ts'

let ctx: MailTestContext
beforeAll(async () => {
  ctx = await createMailTestContext()
})
afterAll(() => ctx?.close())

/** The invitation link in the last email received by the address (read from the message as sent). */
async function invitationLink(address: string): Promise<string> {
  await ctx.worker.drain()
  const mails = ctx.smtp.to(address)
  expect(mails.length).toBeGreaterThan(0)
  const mail = mails[mails.length - 1]
  const text = `${mail.parsed.text ?? ''}`
  const link = /https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_-]+/.exec(text)?.[0]
  expect(link, text).toBeDefined()
  expect(mail.parsed.html).toContain(link!.replace(/&/g, '&amp;'))
  return link!
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!

async function teamWithMember() {
  const team = await ctx.make.team({ name: `Squadra ${Date.now()}` })
  const { user } = await ctx.make.member(team.id)
  return { team, user, member: await ctx.as(user) }
}

describe('adding a member is an invitation', () => {
  it('answers the same whatever the email (an account, staff, nobody) and links nobody', async () => {
    const { team, user, member } = await teamWithMember()
    const existing = await ctx.make.user({ name: 'Marta Esistente' })
    const staff = await ctx.make.admin()
    const unknown = `nessuno-${Date.now()}@example.org`
    const answers = []
    for (const email of [existing.email, staff.email, unknown]) {
      const res = await member.post(`/teams/${team.id}/members`, { email, name: 'Un nome' })
      expect(res.status).toBe(202)
      answers.push({ ...res.body, email: '<email>', expiresAt: typeof res.body.expiresAt })
      expect(res.text).not.toContain('Marta Esistente')
      expect(res.text).not.toContain(existing.id)
      expect(res.text).not.toContain(staff.id)
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect((await member.get(`/teams/${team.id}/members`)).body.map((u: { id: string }) => u.id)).toEqual([user.id])
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', unknown).executeTakeFirst()).toBeUndefined()
    // the name typed by the inviter is stored nowhere
    const stored = JSON.stringify(await ctx.db.selectFrom('team_invitations').selectAll().where('team_id', '=', team.id).execute())
    expect(stored).not.toContain('Un nome')

    const pending = await member.get(`/teams/${team.id}/invitations`)
    expect(pending.status).toBe(200)
    expect(pending.body.map((i: { email: string }) => i.email).sort()).toEqual([existing.email, staff.email, unknown].sort())
  })

  it('an existing account joins only by accepting, signed in with the invited email', async () => {
    const { team, member } = await teamWithMember()
    const invitee = await ctx.make.user({ name: 'Pietro Invitato' })
    expect((await member.post(`/teams/${team.id}/members`, { email: invitee.email })).status).toBe(202)
    const link = await invitationLink(invitee.email)

    const lookup = await ctx.anonymous.post('/invitations/lookup', { token: tokenOf(link) })
    expect(lookup.status).toBe(200)
    expect(lookup.body).toMatchObject({ teamId: team.id, teamName: team.name, email: invitee.email, hasAccount: true })

    // signed out, an existing account is asked to sign in first; someone else's account is refused
    const signedOut = await ctx.anonymous.post('/invitations/accept', { token: tokenOf(link), name: 'Chiunque' })
    expect(signedOut.status).toBe(401)
    expect(signedOut.body.reason).toBe('sign_in_first')
    const stranger = await ctx.as(await ctx.make.user())
    expect((await stranger.post('/invitations/accept', { token: tokenOf(link) })).status).toBe(403)
    expect((await member.get(`/teams/${team.id}/members`)).body).toHaveLength(1)

    const me = await ctx.as(invitee)
    const accepted = await me.post('/invitations/accept', { token: tokenOf(link) })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ teamId: team.id, teamName: team.name, signedIn: true })
    expect((await member.get(`/teams/${team.id}/members`)).body.map((u: { id: string }) => u.id)).toContain(invitee.id)
    // used once
    expect((await me.post('/invitations/accept', { token: tokenOf(link) })).status).toBe(404)
    expect((await member.get(`/teams/${team.id}/invitations`)).body).toEqual([])
  })

  it('a person without an account signs up through the link and is signed in, in the team', async () => {
    const { team, member } = await teamWithMember()
    const email = `nuova-${Date.now()}@example.org`
    expect((await member.post(`/teams/${team.id}/members`, { email })).status).toBe(202)
    const link = await invitationLink(email)
    expect((await ctx.anonymous.post('/invitations/lookup', { token: tokenOf(link) })).body.hasAccount).toBe(false)
    expect((await ctx.anonymous.post('/invitations/accept', { token: tokenOf(link) })).status).toBe(400)
    const res = await ctx.anonymous.post('/invitations/accept', { token: tokenOf(link), name: 'Giulia Nuova' })
    expect(res.status).toBe(200)
    expect(res.body.signedIn).toBe(true)
    const cookie = /sc_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0]
    expect(cookie).toBeDefined()
    const me = await ctx.anonymous.get('/me', { headers: { Cookie: cookie! } })
    expect(me.body.user).toMatchObject({ email, name: 'Giulia Nuova', role: 'member', teamIds: [team.id] })
  })

  it('a staff account cannot join through an invitation', async () => {
    const { team, member } = await teamWithMember()
    const staff = await ctx.make.admin()
    await member.post(`/teams/${team.id}/members`, { email: staff.email })
    const link = await invitationLink(staff.email)
    const res = await (await ctx.as(staff)).post('/invitations/accept', { token: tokenOf(link) })
    expect(res.status).toBe(409)
    expect((await member.get(`/teams/${team.id}/members`)).body).toHaveLength(1)
  })

  it('the team revokes an invitation; a revoked, replaced or expired link no longer works', async () => {
    const { team, member } = await teamWithMember()
    const a = `revocata-${Date.now()}@example.org`
    const b = `scaduta-${Date.now()}@example.org`
    await member.post(`/teams/${team.id}/members`, { email: a })
    const first = await invitationLink(a)
    await member.post(`/teams/${team.id}/members`, { email: a })
    const second = await invitationLink(a)
    expect(second).not.toBe(first)
    expect((await ctx.anonymous.post('/invitations/lookup', { token: tokenOf(first) })).status).toBe(404)

    const [invitation] = (await member.get(`/teams/${team.id}/invitations`)).body
    expect(invitation.email).toBe(a)
    const outsider = await ctx.as((await ctx.make.member()).user)
    expect((await outsider.delete(`/teams/${team.id}/invitations/${invitation.id}`)).status).toBe(404)
    expect((await member.delete(`/teams/${team.id}/invitations/${invitation.id}`)).status).toBe(204)
    expect((await ctx.anonymous.post('/invitations/lookup', { token: tokenOf(second) })).status).toBe(404)
    expect((await ctx.anonymous.post('/invitations/accept', { token: tokenOf(second), name: 'X' })).status).toBe(404)

    await member.post(`/teams/${team.id}/members`, { email: b })
    const expiring = await invitationLink(b)
    await ctx.db
      .updateTable('team_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', b)
      .execute()
    expect((await ctx.anonymous.post('/invitations/accept', { token: tokenOf(expiring), name: 'Y' })).status).toBe(404)
    expect((await member.get(`/teams/${team.id}/invitations`)).body).toEqual([])
    expect(ctx.errors).toEqual([])
  })
})
