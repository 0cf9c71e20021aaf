import cluster, { type Worker } from 'node:cluster'
import type { Config } from './config.ts'
import type { Logger } from './observability/logger.ts'
import { serveClusterMetrics } from './observability/metrics-route.ts'
import { listeningUrl, SHUTDOWN_GRACE_MS } from './serve.ts'

/**
 * WORKERS > 1 (PostgreSQL only, config.ts): this process, having migrated and seeded, forks that many
 * server processes (node:cluster), which share the one port; each has its own pool and outbox worker (the
 * outbox is safe with any number of workers, backend/outbox/worker.ts). The primary serves no request: it
 * prints where the service listens once all workers do, restarts a worker that dies, answers the workers'
 * requests for the cluster's metrics, and on SIGTERM/SIGINT stops them all gracefully, then itself.
 */
export function runPrimary({ config, logger }: { config: Config; logger: Logger }): void {
  serveClusterMetrics()
  let stopping = false
  let announced = false
  const listening = new Set<number>()
  const alive = new Set<number>()

  const fork = () => alive.add(cluster.fork().id)
  cluster.on('listening', (worker: Worker, address) => {
    listening.add(worker.id)
    if (!announced && listening.size >= config.workers) {
      announced = true
      logger.info(`${config.workers} workers ready`)
      logger.announce(`listening on ${listeningUrl({ address: address.address ?? config.host, port: address.port })}`)
    }
  })
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id)
    alive.delete(worker.id)
    if (stopping) {
      if (alive.size === 0) process.exit(0)
      return
    }
    logger.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`)
    setTimeout(fork, 1000).unref()
  })
  for (let i = 0; i < config.workers; i++) fork()

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: stopping ${config.workers} workers…`)
    // Signalled as a group (systemd, a terminal's Ctrl-C), the workers already have it; asking twice is harmless.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    if (alive.size === 0) process.exit(0)
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS + 2_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}
