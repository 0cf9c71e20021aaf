import { sql } from 'kysely'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from '../../db/connect.ts'
import type { Deps } from '../http/context.ts'

/**
 * The process's Prometheus metrics (GET /metrics, routes in metrics-route.ts): requests by route and their
 * latency, the outbox's backlog and failures, the database pool. Routes are the registered patterns
 * (`/api/v1/labs/:id`), never raw paths, so that the number of series stays bounded.
 */
export interface Metrics {
  registry: Registry
  observeRequest(method: string, route: string, status: number, seconds: number): void
}

export interface MetricsSources {
  deps: Pick<Deps, 'db'>
  pool: () => PoolStats
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'spazi_' })
  const requests = new Counter({
    name: 'spazi_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'spazi_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const db = sources.deps.db
  new Gauge({
    name: 'spazi_outbox_messages',
    // the same table seen from every worker: not summed over them
    aggregator: 'max',
    help: 'Outbox messages by status (pending = the backlog, failed = given up after 24 h of retries)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .where('status', 'in', ['pending', 'failed'])
        .groupBy('status')
        .execute()
      this.reset()
      this.set({ status: 'pending' }, 0)
      this.set({ status: 'failed' }, 0)
      for (const row of rows) this.set({ status: row.status }, Number(row.n))
    },
  })
  new Gauge({
    name: 'spazi_outbox_oldest_pending_seconds',
    // the same table seen from every worker: not summed over them
    aggregator: 'max',
    help: 'Age of the oldest pending outbox message (0 when none)',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('outbox')
        .select(sql<number | null>`extract(epoch from now() - min(created_at))::float8`.as('age'))
        .where('status', '=', 'pending')
        .executeTakeFirst()
      this.set(Math.max(0, Number(row?.age ?? 0)))
    },
  })
  new Gauge({
    name: 'spazi_outbox_retrying_messages',
    // the same table seen from every worker: not summed over them
    aggregator: 'max',
    help: 'Pending outbox messages that failed at least once and wait for a retry',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('outbox')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'pending')
        .where('last_error', 'is not', null)
        .executeTakeFirst()
      this.set(Number(row?.n ?? 0))
    },
  })
  new Gauge({
    name: 'spazi_db_pool_connections',
    help: 'Database pool connections by state (max = the pool size; waiting = requests queued for one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = sources.pool()
      this.set({ state: 'max' }, s.max)
      this.set({ state: 'total' }, s.total)
      this.set({ state: 'idle' }, s.idle)
      this.set({ state: 'in_use' }, s.total - s.idle)
      this.set({ state: 'waiting' }, s.waiting)
    },
  })
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) })
      latency.observe({ method, route }, seconds)
    },
  }
}
