// Prometheus metrics. Labels use route templates and closed sets only, so cardinality stays bounded.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'] as const, registers }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
      registers,
    }),
    webhooks: new Counter({ name: 'webhooks_total', help: 'POS webhooks received', labelNames: ['provider', 'outcome'] as const, registers }),
    jobDuration: new Histogram({ name: 'job_duration_seconds', help: 'Job run time', labelNames: ['queue', 'job'] as const, registers }),
    jobFailures: new Counter({ name: 'job_failures_total', help: 'Failed job attempts', labelNames: ['queue', 'job', 'final'] as const, registers }),
    queueDepth: new Gauge({ name: 'queue_depth', help: 'Jobs waiting or delayed per queue', labelNames: ['queue', 'state'] as const, registers }),
    dlqSize: new Gauge({ name: 'dlq_size', help: 'Jobs in the dead-letter queue', registers }),
    /** Receipt to processed, per provider and outcome: the "points within a second" promise. */
    posProcessing: new Histogram({
      name: 'pos_event_processing_seconds',
      help: 'POS event latency from receipt to processed',
      labelNames: ['provider', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers,
    }),
    notifications: new Counter({ name: 'notifications_total', help: 'Notification deliveries', labelNames: ['channel', 'outcome'] as const, registers }),
    /** Every delivery attempt, ok or error: failure rate = rate(result="error") / rate(all), for alerting. */
    notificationAttempts: new Counter({ name: 'notification_attempts_total', help: 'Notification delivery attempts by result', labelNames: ['channel', 'result'] as const, registers }),
    reconciliationFindings: new Counter({ name: 'reconciliation_findings_total', help: 'Ledger reconciliation findings', labelNames: ['kind'] as const, registers }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
