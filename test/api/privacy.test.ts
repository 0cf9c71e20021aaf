import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '../../backend/audit.ts'
import { purgeExpired } from '../../backend/features/privacy/retention.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { TEST_PASSWORD } from '../helpers/factories.ts'

// Personal data (GDPR): a person's export, an administrator's erasure, the retention schedule.

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function bookAs(userId: string, teamId: string) {
  const lab = await ctx.make.lab()
  const client = await ctx.as({ id: userId })
  const res = await client.post('/bookings', {
    labId: lab.id,
    teamId,
    title: 'Corso di cucina',
    start: '2027-10-19T18:00',
    end: '2027-10-19T20:00',
  })
  expect(res.status).toBe(201)
  return res.body.bookings[0].id as string
}

describe('the privacy notice', () => {
  it('/privacy sends to PRIVACY_URL when it is set (else the client shows its built-in page)', async () => {
    const withUrl = await createTestContext({ PRIVACY_URL: 'https://www.comune.milano.it/privacy' })
    try {
      const res = await withUrl.app.request('http://localhost:8080/privacy')
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('https://www.comune.milano.it/privacy')
    } finally {
      await withUrl.close()
    }
    expect((await ctx.app.request('http://localhost:8080/privacy')).status).not.toBe(302)
  })
})

describe('GET /me/export', () => {
  it('gives the signed-in person every datum held about them, and nobody else’s', async () => {
    const { user, teamId } = await ctx.make.member()
    const other = await ctx.make.member(teamId)
    const bookingId = await bookAs(user.id, teamId)
    await bookAs(other.user.id, teamId)
    await ctx.db
      .insertInto('login_failures')
      .values({ key: `email:${user.email}` })
      .execute()
    const me = await ctx.as(user)

    const res = await me.get('/me/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    expect(res.body.account).toMatchObject({ id: user.id, email: user.email, name: user.name, role: 'member', hasPassword: true })
    expect(res.body.account).not.toHaveProperty('password_hash')
    expect(res.body.teams.map((t: { id: string }) => t.id)).toEqual([teamId])
    expect(res.body.bookings.map((b: { id: string }) => b.id)).toEqual([bookingId])
    expect(res.body.sessions.length).toBeGreaterThan(0)
    expect(res.body.signInFailures).toHaveLength(1)
    // the booking confirmation went to them
    expect(res.body.emails.length).toBeGreaterThan(0)
    expect(JSON.stringify(res.body)).not.toContain(other.user.email)
    expect(JSON.stringify(res.body)).not.toMatch(/token_hash|\$argon|\$scrypt/)

    expect((await ctx.anonymous.get('/me/export')).status).toBe(401)
  })
})

describe('POST /users/:id/erase', () => {
  it('anonymises the person, revokes every way in, and keeps their bookings for the statistics', async () => {
    const admin = await ctx.make.admin()
    const { user, teamId } = await ctx.make.member()
    const bookingId = await bookAs(user.id, teamId)
    const session = await ctx.as(user)
    await ctx.db
      .insertInto('magic_links')
      .values({ token_hash: `h-${user.id}`, user_id: user.id, expires_at: new Date(Date.now() + 3_600_000) })
      .execute()
    await recordAudit(ctx.db, {
      actorUserId: admin.id,
      action: 'user.updated',
      entity: 'user',
      entityId: user.id,
      details: { email: user.email },
    })

    // only an administrator
    expect((await session.post(`/users/${user.id}/erase`)).status).toBe(403)
    const asAdmin = await ctx.as(admin)
    expect((await asAdmin.post(`/users/${admin.id}/erase`)).status).toBe(409)
    expect((await asAdmin.post('/users/00000000-0000-4000-8000-000000000000/erase')).status).toBe(404)

    const res = await asAdmin.post(`/users/${user.id}/erase`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: user.id, erasedAt: expect.any(String) })

    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.name).not.toBe(user.name)
    expect(row.email).not.toBe(user.email)
    expect(row.password_hash).toBeNull()
    expect(row.disabled_at).not.toBeNull()
    const fiscal = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and table_name = 'users' and column_name in ('fiscal_code', 'codice_fiscale')`.execute(ctx.db)
    if (fiscal.rows[0].n > 0) {
      const cf = await sql<Record<string, unknown>>`select * from users where id = ${user.id}`.execute(ctx.db)
      expect(cf.rows[0].fiscal_code ?? cf.rows[0].codice_fiscale ?? null).toBeNull()
    }

    // no way in any more
    expect((await session.get('/me')).status).toBe(401)
    const login = await ctx.anonymous.post('/auth/login', { email: user.email, password: TEST_PASSWORD })
    expect(login.status).toBe(401)
    expect(await ctx.db.selectFrom('magic_links').select('token_hash').where('user_id', '=', user.id).execute()).toEqual([])
    expect(await ctx.db.selectFrom('team_members').select('team_id').where('user_id', '=', user.id).execute()).toEqual([])

    // the booking stays (statistics), without the person's name or email anywhere
    const booking = await ctx.db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirstOrThrow()
    expect(booking.status).toBe('confirmed')
    const mails = await ctx.db.selectFrom('outbox').select(['recipient', 'html']).where('recipient', '=', user.email).execute()
    expect(mails).toEqual([])
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where strpos(details::text, ${user.email}) > 0`.execute(
      ctx.db,
    )
    expect(audit.rows[0].n).toBe(0)
    const erased = await ctx.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'user.erased')
      .where('entity_id', '=', user.id)
      .execute()
    expect(erased).toEqual([{ actor_user_id: admin.id }])
  })
})

describe('retention', () => {
  it('purges old sign-in failures, expired sessions and spent links, and audit entries past AUDIT_RETENTION_DAYS', async () => {
    const user = await ctx.make.user()
    const now = new Date('2030-06-01T12:00:00Z')
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000)
    await ctx.db
      .insertInto('login_failures')
      .values([
        { key: 'email:old@example.org', at: days(2) },
        { key: 'email:recent@example.org', at: days(0.01) },
      ])
      .execute()
    await ctx.db
      .insertInto('sessions')
      .values([
        { token_hash: `old-${user.id}`, user_id: user.id, expires_at: days(1) },
        { token_hash: `live-${user.id}`, user_id: user.id, expires_at: days(-1) },
      ])
      .execute()
    await ctx.db
      .insertInto('magic_links')
      .values([
        { token_hash: `spent-${user.id}`, user_id: user.id, expires_at: days(30) },
        { token_hash: `fresh-${user.id}`, user_id: user.id, expires_at: days(-1) },
      ])
      .execute()
    await ctx.db
      .insertInto('audit_log')
      .values([
        { action: 'old', entity: 'x', at: days(101), details: '{}' },
        { action: 'kept', entity: 'x', at: days(99), details: '{}' },
      ])
      .execute()

    const purged = await purgeExpired(ctx.db, { auditRetentionDays: 100 }, now)
    expect(purged.loginFailures).toBeGreaterThanOrEqual(1)
    const keys = (await ctx.db.selectFrom('login_failures').select('key').execute()).map((r) => r.key)
    expect(keys).not.toContain('email:old@example.org')
    const sessions = (await ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute()).map(
      (r) => r.token_hash,
    )
    expect(sessions).toEqual([`live-${user.id}`])
    const links = (await ctx.db.selectFrom('magic_links').select('token_hash').where('user_id', '=', user.id).execute()).map(
      (r) => r.token_hash,
    )
    expect(links).toEqual([`fresh-${user.id}`])
    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'x').execute()).map((r) => r.action)
    expect(actions).toEqual(['kept'])
  })

  it('reads AUDIT_RETENTION_DAYS (default 3650) and refuses a bad value naming the variable', async () => {
    const { loadConfig } = await import('../../backend/config.ts')
    expect(loadConfig({}).auditRetentionDays).toBe(3650)
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30)
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: 'ten' })).toThrow(/AUDIT_RETENTION_DAYS/)
  })
})
