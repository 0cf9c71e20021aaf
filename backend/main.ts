import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { connectDatabase, lockDataDir, migrateToLatest } from '../db/connect.ts'
import { seedDemoIfEmpty } from '../db/seed/demo.ts'
import { buildApp } from './app.ts'
import { CLIENT_DIST, clientIsStale } from './client-build.ts'
import { loadConfig } from './config.ts'
import { startOutboxWorker } from './outbox/worker.ts'
import { startProgressReminders } from './features/outcomes/progress-reminders.ts'

/** How long in-flight requests may take to finish after SIGTERM before the process stops anyway. */
const SHUTDOWN_GRACE_MS = 25_000

let clientBuilder: ChildProcess | undefined

/**
 * Builds the client (backend/client-build.ts) in a child process when it is missing or stale, so that Vite
 * works on another core while this one starts the database. A failed build is logged, not fatal: the API
 * still serves, and the pages answer that the client is not built.
 */
function buildClientInBackground(log: (msg: string) => void): Promise<void> {
  if (!clientIsStale()) return Promise.resolve()
  const started = Date.now()
  log('building the client (frontend/dist)…')
  const module = pathToFileURL(path.join(import.meta.dirname, 'client-build.ts')).href
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import(${JSON.stringify(module)}).then((m) => m.ensureClientBuilt(() => {}))`],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  clientBuilder = child
  return new Promise((resolve) => {
    child.on('error', (err) => {
      console.error(`the client build could not start: ${err.message}`)
      resolve()
    })
    child.on('exit', (code) => {
      if (code === 0) log(`client built in ${Date.now() - started} ms`)
      else console.error(`the client build failed (exit ${code}); the API is served, the pages are not`)
      resolve()
    })
  })
}

/** Listens on host:port and resolves with the address and port actually bound. */
function listen(server: ReturnType<typeof createAdaptorServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })
}

/** An IPv6 address goes in brackets in a URL. */
function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

async function main() {
  const config = loadConfig()
  const log = (msg: string) => {
    if (config.logLevel === 'info') console.log(msg)
  }
  const started = Date.now()
  fs.mkdirSync(config.dataDir, { recursive: true })
  const pgliteDataDir = path.join(config.dataDir, 'pglite')
  // A second process on the same embedded database stops here, before it touches the client build.
  if (!config.databaseUrl) lockDataDir(pgliteDataDir)
  const clientBuild = buildClientInBackground(log)
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir })
  await migrateToLatest(handle.db)
  log(`database ready (${handle.engine}) in ${Date.now() - started} ms`)
  if (config.seedDemo && (await seedDemoIfEmpty(handle.db))) log('demo data seeded')
  await clientBuild

  const deps = { db: handle.db, engine: handle.engine, config }
  // Bind first: with PORT=0 the port is known only now, and the links in emails and feeds (PUBLIC_URL's
  // default), the CSRF origin and the outbox all read it when the app is built just below.
  let app: ReturnType<typeof buildApp> | undefined
  const server = createAdaptorServer({
    fetch: (request, env) => app?.fetch(request, env) ?? new Response('starting', { status: 503, headers: { 'Retry-After': '1' } }),
  })
  const bound = await listen(server, config.port, config.host)
  if (!config.publicUrlGiven) config.publicUrl = `http://localhost:${bound.port}`
  app = buildApp(deps, { clientDir: CLIENT_DIST, log: (msg, err) => console.error(msg, err) })
  const worker = startOutboxWorker(deps)
  const progressReminders = startProgressReminders(deps)
  console.log(`listening on http://${urlHost(bound.address)}:${bound.port}`)

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: finishing in-flight requests…`)
    // close() stops accepting connections and resolves once every open connection has ended; idle
    // keep-alive connections are closed as soon as their request is answered, and a deadline bounds it all.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    const http = server as Partial<{ closeIdleConnections(): void; closeAllConnections(): void }>
    http.closeIdleConnections?.()
    const sweeper = setInterval(() => http.closeIdleConnections?.(), 100)
    const deadline = setTimeout(() => http.closeAllConnections?.(), SHUTDOWN_GRACE_MS)
    await closed
    clearInterval(sweeper)
    clearTimeout(deadline)
    try {
      await worker.stop()
      await progressReminders.stop()
      await handle.close()
    } catch (err) {
      console.error('shutdown failed:', err instanceof Error ? err.message : err)
      process.exit(1)
    }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  if (clientBuilder?.exitCode === null) clientBuilder.kill()
  process.exit(1)
})
