// Prometheus metrics. Labels use route templates and closed sets only, so cardinality stays bounded.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
      registers,
    }),
    webhooks: new Counter({
      name: 'webhooks_total',
      help: 'POS webhooks received',
      labelNames: ['provider', 'outcome'] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'job_duration_seconds',
      help: 'Job run time',
      labelNames: ['queue', 'job'] as const,
      registers,
    }),
    jobFailures: new Counter({
      name: 'job_failures_total',
      help: 'Failed job attempts',
      labelNames: ['queue', 'job', 'final'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'queue_depth',
      help: 'Jobs waiting or delayed per queue',
      labelNames: ['queue', 'state'] as const,
      registers,
    }),
    dlqSize: new Gauge({ name: 'dlq_size', help: 'Jobs in the dead-letter queue', registers }),
    /** Receipt to processed, per provider and outcome: the "points within a second" promise. */
    posProcessing: new Histogram({
      name: 'pos_event_processing_seconds',
      help: 'POS event latency from receipt to processed',
      labelNames: ['provider', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers,
    }),
    notifications: new Counter({
      name: 'notifications_total',
      help: 'Notification deliveries',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    /** Every delivery attempt, ok or error: failure rate = rate(result="error") / rate(all), for alerting. */
    notificationAttempts: new Counter({
      name: 'notification_attempts_total',
      help: 'Notification delivery attempts by result',
      labelNames: ['channel', 'result'] as const,
      registers,
    }),
    reconciliationFindings: new Counter({
      name: 'reconciliation_findings_total',
      help: 'Ledger reconciliation findings',
      labelNames: ['kind'] as const,
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'pos_token_refresh_total',
      help: 'POS token refresh attempts by outcome',
      labelNames: ['outcome'] as const,
      registers,
    }),
    // Read at scrape time (src/http/routes/platform-gauges.ts): what the alert rules in ops/alerts.yml watch.
    inboxLag: new Gauge({
      name: 'pos_inbox_oldest_unprocessed_seconds',
      help: 'Age of the oldest inbox event not yet processed (0 when none)',
      registers,
    }),
    posConnections: new Gauge({
      name: 'pos_connections',
      help: 'POS connections by provider and status',
      labelNames: ['provider', 'status'] as const,
      registers,
    }),
    redisUp: new Gauge({ name: 'redis_up', help: '1 when Redis answered PING at the last scrape', registers }),
    dbConnections: new Gauge({
      name: 'db_connections',
      help: 'Server connections to this database by state (pg_stat_activity)',
      labelNames: ['state'] as const,
      registers,
    }),
    dbConnectionsMax: new Gauge({ name: 'db_connections_max', help: 'Postgres max_connections', registers }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
