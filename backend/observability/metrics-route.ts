import cluster from 'node:cluster'
import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { AggregatorRegistry } from 'prom-client'
import type { AppEnv } from '../http/context.ts'
import type { Metrics } from './metrics.ts'

const ASK = 'spazi:metrics?'
const ANSWER = 'spazi:metrics!'

/**
 * GET /metrics, Prometheus text, to `Authorization: Bearer <METRICS_TOKEN>` only (401 otherwise; 404 when the
 * token is unset: the route does not exist). With several workers the answer covers all of them: the worker
 * that got the request asks the primary, which gathers every worker's registry (prom-client's
 * AggregatorRegistry) over the cluster's IPC channel.
 */
export function metricsRoute(token: string | undefined, metrics: Metrics | undefined) {
  const app = new Hono<AppEnv>()
  // Not the client's history routing either: without a token the address does not exist.
  if (!token || !metrics) {
    app.all('/metrics', (c) => c.text('Not Found\n', 404))
    return app
  }
  if (cluster.isWorker) {
    new AggregatorRegistry()
    AggregatorRegistry.setRegistries(metrics.registry)
  }
  app.get('/metrics', async (c) => {
    if (!bearerMatches(c.req.header('Authorization'), token)) {
      return c.text('Unauthorized\n', 401, { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' })
    }
    const text = cluster.isWorker ? await askPrimary() : await metrics.registry.metrics()
    return c.body(text, 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' })
  })
  return app
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

let asked = 0
function askPrimary(): Promise<string> {
  const id = `${process.pid}-${++asked}`
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage)
      reject(new Error('the primary process did not answer with the metrics'))
    }, 10_000)
    const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type !== ANSWER || message.id !== id) return
      clearTimeout(timer)
      process.off('message', onMessage)
      if (message.error) reject(new Error(message.error))
      else resolve(message.text ?? '')
    }
    process.on('message', onMessage)
    process.send?.({ type: ASK, id })
  })
}

/** In the primary: answers the workers' requests for the whole cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== ASK) return
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (err: Error) => worker.send({ type: ANSWER, id: message.id, error: err.message }),
    )
  })
}
