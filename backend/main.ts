import fs from 'node:fs'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { connectDatabase, migrateToLatest } from '../db/connect.ts'
import { seedDemoIfEmpty } from '../db/seed/demo.ts'
import { buildApp } from './app.ts'
import { CLIENT_DIST, ensureClientBuilt } from './client-build.ts'
import { loadConfig } from './config.ts'
import { startOutboxWorker } from './outbox/worker.ts'

async function main() {
  const config = loadConfig()
  const log = (msg: string) => {
    if (config.logLevel === 'info') console.log(msg)
  }
  const clientBuild = ensureClientBuilt(log)
  fs.mkdirSync(config.dataDir, { recursive: true })
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite') })
  await migrateToLatest(handle.db)
  if (config.seedDemo && (await seedDemoIfEmpty(handle.db))) log('demo data seeded')
  await clientBuild

  const deps = { db: handle.db, engine: handle.engine, config }
  const app = buildApp(deps, { clientDir: CLIENT_DIST, log: (msg, err) => console.error(msg, err) })
  const worker = startOutboxWorker(deps)

  const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (info) => {
    console.log(`listening on http://127.0.0.1:${info.port}`)
  })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: finishing in-flight requests…`)
    // close() stops accepting connections and resolves once the in-flight requests have been answered.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    if ('closeIdleConnections' in server) server.closeIdleConnections()
    await closed
    await worker.stop()
    await handle.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
