import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from './context.ts'

/** Serves the built client; any other GET outside /api gets index.html (history routing). */
export function staticClient(distDir: string) {
  const app = new Hono<AppEnv>()
  const root = path.relative(process.cwd(), distDir) || '.'
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.use('*', serveStatic({ root }))
  app.get('*', (c) => {
    const index = path.join(distDir, 'index.html')
    if (!fs.existsSync(index)) return c.text('Il client non è stato compilato: esegui npm run build.', 503)
    c.header('Cache-Control', 'no-cache')
    return c.html(fs.readFileSync(index, 'utf8'))
  })
  return app
}
