import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notify } from '../../backend/outbox/notify.ts'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { createMailTestContext, type MailTestContext } from '../helpers/context.ts'

let ctx: MailTestContext
beforeAll(async () => {
  ctx = await createMailTestContext()
})
afterAll(() => ctx?.close())

/** A clock the test moves by hand, starting a second from now (past the messages just written). */
function clock() {
  let t = Date.now() + 1_000
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) }
}

async function magicLinkFor(userId: string, url = 'http://localhost:8080/login?token=x') {
  await ctx.db.transaction().execute((trx) => notify(trx, { type: 'auth.magic_link', userId, url }))
  return ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', (await user(userId)).email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
}

async function user(id: string) {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function row(id: string) {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('the outbox worker', () => {
  it('delivers a sign-in link end to end, and the link signs in', async () => {
    const person = await ctx.make.user({ name: 'Ada Lovelace' })
    const res = await ctx.anonymous.post('/auth/magic-link', { email: person.email })
    expect(res.status).toBe(202)
    const worker = createOutboxWorker(ctx.deps)
    await worker.drain()
    await worker.stop()
    const [mail] = ctx.smtp.to(person.email)
    expect(mail.parsed.subject).toBe('Il tuo link di accesso a Spazi Comuni')
    const link = /http:\/\/localhost:8080\/login\?token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')
    expect(link).not.toBeNull()
    expect(mail.parsed.html).toContain(`href="${link![0]}"`)
    expect(mail.parsed.messageId).toMatch(/@spazicomuni\.comune\.milano\.it>$/)
    const signIn = await ctx.anonymous.post('/auth/magic-link/verify', { token: link![1] })
    expect(signIn.status).toBe(200)
    expect(signIn.body.user.email).toBe(person.email)
  })

  it('writes the sign-in link in English for users who chose English', async () => {
    const person = await ctx.make.user({ locale: 'en' })
    const message = await magicLinkFor(person.id)
    expect(message.subject).toBe('Your Spazi Comuni sign-in link')
    expect(message.locale).toBe('en')
  })

  it('sends a burst over one SMTP connection, and opens another when the server has dropped it', async () => {
    const people = [await ctx.make.user(), await ctx.make.user(), await ctx.make.user()]
    const worker = createOutboxWorker(ctx.deps)
    try {
      // messages other tests left due go first, on the same connection
      await worker.drain()
      const before = ctx.smtp.connections
      const burst = []
      for (const p of people) burst.push(await magicLinkFor(p.id))
      await worker.drain()
      for (const p of people) expect(ctx.smtp.to(p.email)).toHaveLength(1)
      expect(ctx.smtp.connections - before).toBeLessThanOrEqual(1)

      // the server restarts: the connection the worker kept is gone; the next message opens a new one
      await ctx.smtp.down()
      await ctx.smtp.up()
      const after = await magicLinkFor(people[0].id)
      await worker.drain()
      expect(await row(after.id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
      expect(ctx.smtp.to(people[0].email)).toHaveLength(2)
      for (const m of burst) expect(await row(m.id)).toMatchObject({ status: 'sent', attempts: 1 })
    } finally {
      await worker.stop()
    }
  })

  it('rides out an SMTP outage with backoff and delivers once when the server is back', async () => {
    const person = await ctx.make.user()
    const t = clock()
    const worker = createOutboxWorker(ctx.deps, { now: t.now })
    await ctx.smtp.down()
    try {
      const message = await magicLinkFor(person.id)
      const first = await worker.runOnce()
      expect(first.retried).toBeGreaterThanOrEqual(1)
      let state = await row(message.id)
      expect(state).toMatchObject({ status: 'pending', attempts: 1 })
      expect(state.last_error).toBeTruthy()
      expect(state.next_attempt_at.getTime() - t.now().getTime()).toBe(5_000)

      t.advance(4_000)
      await worker.runOnce()
      expect((await row(message.id)).attempts).toBe(1)

      t.advance(1_000)
      await worker.runOnce()
      state = await row(message.id)
      expect(state.attempts).toBe(2)
      expect(state.next_attempt_at.getTime() - t.now().getTime()).toBe(10_000)

      await ctx.smtp.up()
      t.advance(10_000)
      await worker.drain()
      state = await row(message.id)
      expect(state).toMatchObject({ status: 'sent', attempts: 3, last_error: null })
      t.advance(3_600_000)
      await worker.drain()
      expect(ctx.smtp.to(person.email)).toHaveLength(1)
    } finally {
      await ctx.smtp.up()
      await worker.stop()
    }
  })

  it('marks a message failed after 24 h of refusals, lists it for admins, and resends it on request', async () => {
    const person = await ctx.make.user()
    const t = clock()
    const worker = createOutboxWorker(ctx.deps, { now: t.now })
    await ctx.smtp.down()
    let messageId = ''
    try {
      messageId = (await magicLinkFor(person.id)).id
      for (let i = 0; i < 400; i++) {
        await worker.runOnce()
        const state = await row(messageId)
        if (state.status !== 'pending') break
        t.advance(state.next_attempt_at.getTime() - t.now().getTime())
      }
      const state = await row(messageId)
      expect(state.status).toBe('failed')
      expect(state.sent_at).toBeNull()
      expect(state.next_attempt_at.getTime() - state.first_attempt_at!.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000 - 600_000)
      expect(state.attempts).toBeGreaterThan(140)
    } finally {
      await ctx.smtp.up()
    }

    const admin = await ctx.as(await ctx.make.admin())
    const failed = await admin.get('/admin/outbox?status=failed')
    expect(failed.status).toBe(200)
    const listed = failed.body.find((m: { id: string }) => m.id === messageId)
    expect(listed).toMatchObject({ status: 'failed', recipient: person.email, kind: 'auth.magic_link' })
    expect(listed.lastError).toBeTruthy()

    const resend = await admin.post(`/admin/outbox/${messageId}/resend`)
    expect(resend.status).toBe(200)
    expect(resend.body).toMatchObject({ id: messageId, status: 'pending', attempts: 0 })
    await worker.drain()
    await worker.stop()
    expect((await row(messageId)).status).toBe('sent')
    expect(ctx.smtp.to(person.email)).toHaveLength(1)
  })

  it('never sends a message twice when two workers race over one database', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => ctx.make.user()))
    for (const p of people) await magicLinkFor(p.id)
    const a = createOutboxWorker(ctx.deps, { batchSize: 2 })
    const b = createOutboxWorker(ctx.deps, { batchSize: 2 })
    const [ra, rb] = await Promise.all([a.drain(), b.drain()])
    await Promise.all([a.stop(), b.stop()])
    expect(ra.sent + rb.sent).toBe(12)
    for (const p of people) expect(ctx.smtp.to(p.email)).toHaveLength(1)
  })

  it('does not send a message whose lease another worker holds, and sends it once the lease of a dead worker ends', async () => {
    const person = await ctx.make.user()
    const t = clock()
    const message = await magicLinkFor(person.id)
    // a worker that claims the message and dies before sending anything
    const dead = createOutboxWorker(ctx.deps, { now: t.now, transport: { kind: 'smtp', send: () => new Promise(() => {}), close() {} } })
    void dead.runOnce()
    for (let i = 0; i < 50 && (await row(message.id)).attempts === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect((await row(message.id)).attempts).toBe(1)

    const alive = createOutboxWorker(ctx.deps, { now: t.now })
    t.advance(60_000)
    expect((await alive.runOnce()).claimed).toBe(0)
    t.advance(10 * 60_000)
    await alive.drain()
    await alive.stop()
    expect(await row(message.id)).toMatchObject({ status: 'sent', attempts: 2 })
    expect(ctx.smtp.to(person.email)).toHaveLength(1)
  })

  it('stops cleanly and does not keep the process alive', async () => {
    const worker = createOutboxWorker(ctx.deps, { pollIntervalMs: 50 })
    worker.start()
    await new Promise((r) => setTimeout(r, 120))
    await worker.stop()
  })
})

describe('admin outbox API', () => {
  it('is for admins only', async () => {
    const member = await ctx.as((await ctx.make.member()).user)
    expect((await member.get('/admin/outbox')).status).toBe(403)
    expect((await ctx.anonymous.get('/admin/outbox')).status).toBe(401)
    const res = await member.post('/admin/outbox/00000000-0000-4000-8000-000000000000/resend')
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('validates the status filter and answers unknown ids with 404', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const bad = await admin.get('/admin/outbox?status=lost')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('status')
    expect((await admin.post('/admin/outbox/00000000-0000-4000-8000-000000000000/resend')).status).toBe(404)
    expect((await admin.post('/admin/outbox/not-an-id/resend')).status).toBe(404)
  })

  it('pages the list with X-Total-Count', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.get('/admin/outbox?limit=1')
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(Number(res.headers.get('x-total-count'))).toBeGreaterThan(1)
    expect(res.body[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        kind: expect.any(String),
        recipient: expect.any(String),
        subject: expect.any(String),
        createdAt: expect.any(String),
      }),
    )
  })
})
