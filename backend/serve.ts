import cluster from 'node:cluster'
import { serve } from '@hono/node-server'
import type { DatabaseHandle } from '../db/connect.ts'
import { buildApp } from './app.ts'
import { AdminInput } from './cli/admin-input.ts'
import { startControlChannel } from './control/channel.ts'
import { scheduleRetention } from './features/privacy/retention.ts'
import { createOrPromoteAdmin } from './features/users/admin-bootstrap.ts'
import type { Config } from './config.ts'
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
  const app = buildApp(deps, {
    clientDir,
    logger,
    pool: handle.pool,
    log: (msg, err) => logger.error(msg, err),
  })
  const worker = startOutboxWorker(deps, { log: (msg, err) => logger.error(msg, err) })
  const stopRetention = scheduleRetention(handle.db, config, (msg, err) => logger.error(msg, err))

  const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (info) => {
    // PORT=0 picks the port only now: links in emails and feeds must carry the real one.
    if (config.port === 0 && !process.env.PUBLIC_URL) config.publicUrl = `http://localhost:${info.port}`
    // In a cluster the primary prints the line once, when every worker listens.
    if (cluster.isPrimary) logger.announce(`listening on http://127.0.0.1:${info.port}`)
  })

  // The embedded engine's one handle is this process's: backups and admin:create ask it (control/channel.ts).
  const { snapshot } = handle
  const closeControl = snapshot
    ? await startControlChannel(config.dataDir, {
        backup: async () => ({ payload: await snapshot() }),
        'admin-create': async (request) => {
          const input = AdminInput.parse(request)
          return { fields: { ...(await createOrPromoteAdmin(handle.db, input, config.publicUrl)) } }
        },
      })
    : undefined

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
    try {
      stopRetention()
      await closeControl?.()
      await worker.stop()
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
}
