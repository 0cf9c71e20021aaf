import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Hono } from 'hono'
import type { AppEnv } from './context.ts'
import { buildOpenApiDocument, doc } from './openapi.ts'

const require = createRequire(import.meta.url)
const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'))
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
}

// Our own script, not inline: the CSP allows scripts from 'self' only.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#api', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' })
`

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spazi Comuni API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script></body></html>
`

/**
 * `GET /api/v1/openapi.json` (built once, on first request, from the routes `app` registers) and the page
 * for people at `/api/docs` (swagger-ui, served from our own origin).
 */
export function apiDocsRoutes(app: { routes: Parameters<typeof buildOpenApiDocument>[0]['routes'] }, version: string) {
  let document: string | undefined
  const docs = new Hono<AppEnv>()
  docs.get(
    '/api/v1/openapi.json',
    doc({
      tag: 'Operations',
      summary: 'This API described: an OpenAPI 3.1 document (shown to people at /api/docs)',
      responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
    }),
    (c) => {
      document ??= JSON.stringify(buildOpenApiDocument(app, { version }))
      c.header('Cache-Control', 'no-cache')
      return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' })
    },
  )
  docs.get('/api/docs', (c) => c.html(PAGE))
  docs.get('/api/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  docs.get('/api/docs/:asset', (c) => {
    const asset = c.req.param('asset')
    const type = ASSETS[asset]
    if (!type) return c.notFound()
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(fs.readFileSync(path.join(SWAGGER_DIR, asset)), 200, { 'Content-Type': type })
  })
  return docs
}
