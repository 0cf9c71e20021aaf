import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes, openApiPath } from '../../backend/http/openapi.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'
import { responseChecker } from '../helpers/openapi.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every route the app registers', async () => {
    const res = await ctx.anonymous.get('/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    expect(res.body.components.schemas.Problem).toBeDefined()
    const routes = apiRoutes(ctx.app)
    // every route carries its description in its definition (docs/development.md, "OpenAPI")
    const missing = routes.filter((r) => !r.doc).map((r) => `${r.method} ${openApiPath(r.path)}`)
    expect(missing, 'routes without a doc({...}) description').toEqual([])
    for (const r of routes.filter((r) => r.doc)) {
      expect(res.body.paths[openApiPath(r.path)]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined()
    }
  })

  it('lists every problem type with its status and titles', async () => {
    const res = await ctx.anonymous.get('/openapi.json')
    const types = res.body['x-problem-types'].map((p: { type: string }) => p.type)
    expect(types).toContain('https://spazicomuni.comune.milano.it/problems/not-found')
    expect(res.body.paths['/auth/login'].post.responses['401']['x-problem-types']).toContain(
      'https://spazicomuni.comune.milano.it/problems/unauthorized',
    )
  })

  it('is shown to people at /api/docs, with swagger-ui served from our own origin', async () => {
    const page = await ctx.anonymous.get('/api/docs')
    expect(page.status).toBe(200)
    expect(page.text).toContain('/api/docs/swagger-ui-bundle.js')
    expect(page.text).not.toMatch(/<script>/)
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js', 'swagger-ui-standalone-preset.js']) {
      const res = await ctx.anonymous.get(`/api/docs/${asset}`)
      expect(res.status, asset).toBe(200)
    }
  })

  it('describes the media types the reports really answer in (JSON, CSV by ?format=)', async () => {
    const doc = (await ctx.anonymous.get('/openapi.json')).body
    const admin = await ctx.as(await ctx.make.user({ role: 'admin' }))
    const answers = [
      ['/reports/open-data/utilisation.csv', await ctx.anonymous.get('/reports/open-data/utilisation.csv?year=2027')],
      ['/reports/utilisation', await admin.get('/reports/utilisation?from=2027-01-01&to=2027-02-01&format=csv')],
      ['/reports/utilisation', await admin.get('/reports/utilisation?from=2027-01-01&to=2027-02-01')],
      ['/reports/grants', await admin.get('/reports/grants?format=csv')],
      ['/reports/outcomes', await admin.get('/reports/outcomes?format=csv')],
    ] as const
    for (const [path, res] of answers) {
      expect(res.status, path).toBe(200)
      const type = (res.headers.get('content-type') ?? '').split(';')[0]
      expect(Object.keys(doc.paths[path].get.responses['200'].content), path).toContain(type)
    }
  })

  it('validates real answers (the test client checks every JSON answer against it)', async () => {
    const admin = await ctx.as(await ctx.make.user({ role: 'admin' }))
    const created = await admin.post('/areas', { name: 'Corvetto', nilId: 9901, municipio: 4, isTarget: true })
    expect(created.status).toBe(201)
    expect((await ctx.anonymous.get('/areas')).status).toBe(200)
    expect((await ctx.anonymous.post('/auth/login', { email: 'nobody@example.it', password: 'x' })).status).toBe(401)
    // and the check does refuse an answer that does not match
    const check = responseChecker((await ctx.anonymous.get('/openapi.json')).body)
    expect(check('GET', '/areas', 200, 'application/json', [{ id: 1 }])).toMatch(/GET \/areas 200/)
    expect(check('GET', '/areas', 200, 'application/json', [])).toBeNull()
  })
})
