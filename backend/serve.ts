import cluster from 'node:cluster'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { createAdaptorServer } from '@hono/node-server'
import type { DatabaseHandle } from '../db/connect.ts'
import { buildApp } from './app.ts'
import { AdminInput } from './cli/admin-input.ts'
import type { Config } from './config.ts'
import { startControlChannel } from './control/channel.ts'
import { startProgressReminders } from './features/outcomes/progress-reminders.ts'
import { scheduleRetention } from './features/privacy/retention.ts'
import { createOrPromoteAdmin } from './features/users/admin-bootstrap.ts'
import { afterResponseIdle } from './http/after-response.ts'
import type { Deps } from './http/context.ts'
import type { Logger } from './observability/logger.ts'
import { startOutboxWorker } from './outbox/worker.ts'

/** How long in-flight requests may take to finish after SIGTERM before the process stops anyway (< 30 s). */
export const SHUTDOWN_GRACE_MS = 25_000

export interface ServeOptions {
  config: Config
  logger: Logger
  handle: DatabaseHandle
  clientDir: string
}

/**
 * One serving process: the app, its outbox worker, the HTTP server; and its graceful stop on SIGTERM or
 * SIGINT (or, in a cluster worker, when the primary goes away).
 */
export async function serveProcess({ config, logger, handle, clientDir }: ServeOptions): Promise<void> {
  const deps: Deps = { db: handle.db, engine: handle.engine, config }
  // Bind first: with PORT=0 the port is known only now, and the links in emails and feeds (PUBLIC_URL's
  // default), the CSRF origin and the outbox all read it when the app is built just below.
  let app: ReturnType<typeof buildApp> | undefined
  const server = createAdaptorServer({
    fetch: (request, env) => app?.fetch(request, env) ?? new Response('starting', { status: 503, headers: { 'Retry-After': '1' } }),
  })
  const bound = await listen(server, config.port, config.host)
  if (!config.publicUrlGiven) config.publicUrl = `http://localhost:${bound.port}`
  app = buildApp(deps, {
    clientDir,
    logger,
    pool: handle.pool,
    log: (msg, err) => logger.error(msg, err),
  })
  const worker = startOutboxWorker(deps, { log: (msg, err) => logger.error(msg, err) })
  const progressReminders = startProgressReminders(deps)
  const stopRetention = scheduleRetention(handle.db, config, (msg, err) => logger.error(msg, err))
  let closeControl: (() => Promise<void>) | undefined
  let stopping = false
  const shutdown = async (why: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${why}: finishing in-flight requests…`)
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
    // Work started after an answer (e.g. the sign-in link of a magic-link request) ends before the database closes.
    await Promise.race([afterResponseIdle(), delay(SHUTDOWN_GRACE_MS)])
    try {
      stopRetention()
      await closeControl?.()
      await worker.stop()
      await progressReminders.stop()
      await handle.close()
    } catch (err) {
      logger.error('shutdown failed:', err)
      process.exit(1)
    }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  // A worker whose primary is gone (killed) has no one to answer to: it stops as on SIGTERM.
  if (cluster.isWorker) cluster.worker?.on('disconnect', () => void shutdown('primary gone'))

  // The embedded engine's one handle is this process's: backups and admin:create ask it (control/channel.ts).
  const { snapshot } = handle
  if (snapshot) {
    closeControl = await startControlChannel(config.dataDir, {
      backup: async () => ({ payload: await snapshot() }),
      'admin-create': async (request) => {
        const input = AdminInput.parse(request)
        return { fields: { ...(await createOrPromoteAdmin(handle.db, input, config.publicUrl)) } }
      },
    })
  }
  // Said last, when the signal handlers and the control channel are in place: whoever waits for this line (a
  // test, a supervisor) may signal the process at once and find it stops gracefully. In a cluster the primary
  // prints the line once, when every worker listens (cluster.ts).
  if (cluster.isPrimary) logger.announce(`listening on ${listeningUrl(bound)}`)
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

/** `http://address:port`, an IPv6 address in brackets. */
export function listeningUrl(bound: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = bound.address.includes(':') ? `[${bound.address}]` : bound.address
  return `http://${host}:${bound.port}`
}
