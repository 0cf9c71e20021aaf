import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('the HTTP skeleton', () => {
  it('answers health with the engine in use', async () => {
    const res = await ctx.anonymous.get('/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: ctx.engine })
  })

  it('answers unknown API routes with a problem+json 404', async () => {
    const res = await ctx.anonymous.get('/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String), detail: expect.any(String) })
  })

  it('refuses malformed JSON with 400', async () => {
    const res = await ctx.anonymous.post('/auth/login', undefined, { raw: '{"email":', headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(1024 * 1024 + 10) })
    const res = await ctx.anonymous.post('/auth/login', undefined, { raw: big, headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(413)
    expect(res.body.status).toBe(413)
  })

  it('lists every invalid field of a body', async () => {
    const res = await ctx.anonymous.post('/auth/login', { email: 'not-an-email' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password'])
  })

  it('sends secure headers', async () => {
    const res = await ctx.anonymous.get('/health')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('refuses unsafe requests from a foreign origin but lets plain API clients through', async () => {
    const foreign = await ctx.anonymous.post(
      '/auth/login',
      { email: 'a@b.it', password: 'x' },
      { headers: { Origin: 'https://evil.example' } },
    )
    expect(foreign.status).toBe(403)
    const crossSite = await ctx.anonymous.post(
      '/auth/login',
      { email: 'a@b.it', password: 'x' },
      { headers: { 'Sec-Fetch-Site': 'cross-site' } },
    )
    expect(crossSite.status).toBe(403)
    const sameOrigin = await ctx.anonymous.post(
      '/auth/login',
      { email: 'a@b.it', password: 'x' },
      { headers: { Origin: 'http://localhost:8080' } },
    )
    expect(sameOrigin.status).toBe(401)
    const plain = await ctx.anonymous.post('/auth/login', { email: 'a@b.it', password: 'x' })
    expect(plain.status).toBe(401)
  })
})
