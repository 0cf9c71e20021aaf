import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOutboxWorker, type OutboxWorker } from '../../backend/outbox/worker.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let dataDir: string
let worker: OutboxWorker

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spazi-mailbox-'))
  ctx = await createTestContext({ DATA_DIR: dataDir })
  worker = createOutboxWorker(ctx.deps)
})
afterAll(async () => {
  await worker?.stop()
  await ctx?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const emlFiles = () =>
  fs.existsSync(path.join(dataDir, 'mail')) ? fs.readdirSync(path.join(dataDir, 'mail')).filter((f) => f.endsWith('.eml')) : []

describe('the demo mailbox (no SMTP_URL)', () => {
  it('writes each message as an .eml file that admins can list and read', async () => {
    const person = await ctx.make.user({ name: 'Maria Montessori' })
    expect((await ctx.anonymous.post('/auth/magic-link', { email: person.email })).status).toBe(202)
    const report = await worker.drain()
    expect(report.sent).toBe(1)
    expect(emlFiles()).toHaveLength(1)
    expect(fs.readFileSync(path.join(dataDir, 'mail', emlFiles()[0]), 'utf8')).toContain(`To: ${person.email}`)

    const admin = await ctx.as(await ctx.make.admin())
    const list = await admin.get('/admin/mailbox')
    expect(list.status).toBe(200)
    expect(list.headers.get('x-total-count')).toBe('1')
    expect(list.body).toEqual([
      {
        id: emlFiles()[0].replace(/\.eml$/, ''),
        to: person.email,
        subject: 'Il tuo link di accesso a Spazi Comuni',
        date: expect.any(String),
      },
    ])

    const message = await admin.get(`/admin/mailbox/${list.body[0].id}`)
    expect(message.status).toBe(200)
    expect(message.body.subject).toBe('Il tuo link di accesso a Spazi Comuni')
    // Redacted: the admin sees that a link was sent, never the link itself (that would sign them in as the person).
    const onDisk = await simpleParser(fs.readFileSync(path.join(dataDir, 'mail', emlFiles()[0])))
    const token = onDisk.text!.match(/token=([A-Za-z0-9_-]{20,})/)![1]
    expect(message.body.text).toContain('http://localhost:8080/login?token=…')
    expect(message.body.html).toContain('<a href="http://localhost:8080/login?token=…')
    expect(JSON.stringify(message.body)).not.toContain(token)
    expect((await ctx.anonymous.post('/auth/magic-link/verify', { token })).status).toBe(200)
    expect(message.body.attachments).toEqual([])
  })

  it('writes RFC 5322 messages: CRLF line ends, as on the wire, so the calendar part keeps its CRLF', async () => {
    const lab = await ctx.make.lab()
    const { user, teamId } = await ctx.make.member()
    const res = await (await ctx.as(user)).post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Righe CRLF',
      start: '2027-10-20T10:00',
      end: '2027-10-20T12:00',
    })
    expect(res.status).toBe(201)
    await worker.drain()
    const file = emlFiles()
      .map((f) => fs.readFileSync(path.join(dataDir, 'mail', f)))
      .find((raw) => raw.toString('latin1').includes(`To: ${user.email}`))!
    const text = file.toString('latin1')
    expect(text).toContain('\r\n')
    expect(text.replace(/\r\n/g, '')).not.toContain('\n')
    const parsed = await simpleParser(file)
    const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'))!
    const ics = calendar.content.toString('utf8')
    expect(ics).toContain('BEGIN:VCALENDAR\r\n')
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n')
  })

  it('keeps a booking’s invitation as an attachment', async () => {
    const lab = await ctx.make.lab()
    const { user, teamId } = await ctx.make.member()
    const res = await (await ctx.as(user)).post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Laboratorio',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
    })
    expect(res.status).toBe(201)
    await worker.drain()
    const admin = await ctx.as(await ctx.make.admin())
    const list = await admin.get('/admin/mailbox')
    const entry = list.body.find((m: { to: string }) => m.to === user.email)
    const message = await admin.get(`/admin/mailbox/${entry.id}`)
    expect(message.body.subject).toBe('Prenotazione confermata: Laboratorio')
    expect(message.body.attachments).toContain('invito.ics')
  })

  it('writes a message sent again to the same file', async () => {
    const person = await ctx.make.user()
    expect((await ctx.anonymous.post('/auth/magic-link', { email: person.email })).status).toBe(202)
    await worker.drain()
    const before = emlFiles().length
    const row = await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', person.email).executeTakeFirstOrThrow()
    const admin = await ctx.as(await ctx.make.admin())
    expect((await admin.post(`/admin/outbox/${row.id}/resend`)).status).toBe(200)
    await worker.drain()
    expect(emlFiles()).toHaveLength(before)
  })

  it('is for admins only, and unknown or malformed ids are 404', async () => {
    expect((await ctx.anonymous.get('/admin/mailbox')).status).toBe(401)
    const operator = await ctx.as((await ctx.make.operatorStaff((await ctx.make.hub()).id)).user)
    expect((await operator.get('/admin/mailbox')).status).toBe(403)
    const admin = await ctx.as(await ctx.make.admin())
    for (const id of ['20270101T000000Z-00000000-0000-4000-8000-000000000000', '..%2F..%2Fetc%2Fpasswd', 'nope']) {
      const res = await admin.get(`/admin/mailbox/${id}`)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})
