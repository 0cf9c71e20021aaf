import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

// Input that PostgreSQL cannot store is refused at the edge, with the field named (never a 500).

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('a NUL character (U+0000)', () => {
  it('in a query parameter is 400 naming the parameter', async () => {
    const res = await ctx.anonymous.get('/equipment-types?category=a%00b')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body.errors).toEqual([{ path: 'category', message: expect.stringContaining('U+0000') }])
    expect((await ctx.anonymous.get('/labs?type=it%00')).status).toBe(400)
  })

  it('in a path segment is 400, not a database error', async () => {
    const res = await ctx.anonymous.get('/labs/a%00b/availability?from=2027-10-18&to=2027-10-19')
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('path')
  })

  it('in a body field (a booking title, a team name, a nested value) is 400 naming the field', async () => {
    const lab = await ctx.make.lab()
    const { user, teamId } = await ctx.make.member()
    const member = await ctx.as(user)
    const booking = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Corso\u0000',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
    })
    expect(booking.status).toBe(400)
    expect(booking.body.errors).toEqual([{ path: 'title', message: expect.stringContaining('U+0000') }])

    const admin = await ctx.as(await ctx.make.admin())
    const team = await admin.post('/teams', { name: 'Squadra\u0000', legalStatus: 'informal', contactEmail: 'squadra@example.org' })
    expect(team.status).toBe(400)
    expect(team.body.errors[0].path).toBe('name')
    const hours = await admin.put(`/hubs/${lab.hub_id}/opening-hours`, [{ weekday: 1, open: '08:00\u0000', close: '12:00' }])
    expect(hours.status).toBe(400)
    expect(hours.body.errors[0].path).toBe('0.open')
    expect(ctx.errors).toEqual([])
  })

  it('in an imported inventory CSV is a row error naming the cell', async () => {
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const admin = await ctx.as(await ctx.make.admin())
    const csv = `assetTag;typeId;labId;notes\r\nT-NUL;${type.id};${lab.id};nota\u0000\r\n`
    const res = await admin.post('/equipment/import', undefined, { raw: csv, headers: { 'Content-Type': 'text/csv' } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('notes')
    expect(ctx.errors).toEqual([])
  })
})

describe('a body refused before it was read', () => {
  /** Two requests, one after the other, on one kept-alive connection (as browsers and proxies reuse them). */
  async function twoRequests(first: { path: string; body: string | Buffer; headers?: Record<string, string> }) {
    const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const { port } = server.address() as AddressInfo
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const send = (path: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
          let text = ''
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
        })
        req.on('error', reject)
        req.end(body)
      })
    try {
      const refused = await send(first.path, 'POST', first.body, {
        'Content-Type': 'application/json',
        // a chunked body declares no length
        ...(first.headers?.['Transfer-Encoding'] ? {} : { 'Content-Length': String(Buffer.byteLength(first.body)) }),
        ...first.headers,
      })
      const next = await send('/api/v1/health', 'GET')
      return { refused, next }
    } finally {
      agent.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }

  it.each([
    ['a body over 1 MiB', {}],
    ['a chunked body over 1 MiB, which declares no length and is counted as it comes,', { 'Transfer-Encoding': 'chunked' }],
  ])('%s answers 413 with Connection: close, and the next request is answered', async (_, headers: Record<string, string>) => {
    const { refused, next } = await twoRequests({ path: '/api/v1/auth/login', body: `{"email":"${'x'.repeat(2 * 1024 * 1024)}"}`, headers })
    expect(refused.status).toBe(413)
    expect(refused.headers.connection).toBe('close')
    expect(next.status).toBe(200)
  })

  it('a chunked body within the limit is read', async () => {
    const { refused, next } = await twoRequests({
      path: '/api/v1/auth/magic-link',
      body: JSON.stringify({ email: 'someone@example.org' }),
      headers: { 'Transfer-Encoding': 'chunked' },
    })
    expect(refused.status).toBe(202)
    expect(next.status).toBe(200)
  })

  it('a request refused before its body is read (not signed in) closes the connection too', async () => {
    const { refused, next } = await twoRequests({
      path: '/api/v1/areas',
      body: JSON.stringify({ name: 'x'.repeat(200_000), municipio: 1 }),
    })
    expect(refused.status).toBe(401)
    expect(refused.headers.connection).toBe('close')
    expect(next.status).toBe(200)
  })

  it('a body that was read keeps the connection alive', async () => {
    const { refused, next } = await twoRequests({ path: '/api/v1/auth/magic-link', body: JSON.stringify({ email: 'someone@example.org' }) })
    expect(refused.status).toBe(202)
    expect(refused.headers.connection).toBe('keep-alive')
    expect(next.status).toBe(200)
  })
})
