// What the shell hands to routes and jobs. Built once by src/app-deps.ts for each composition
// root (server, tests' harness, scripts) and passed down; nothing reaches for globals.
import type { Redis } from 'ioredis'
import type { Keyring } from '../auth'
import type { LiveHub } from '../live'
import type { ActiveRulesCache } from '../rules'
import type { Clock } from '../shared/clock'
import type { Config } from '../config'
import type { DbHandle } from './db'
import type { Metrics } from './metrics'
import type { Queues } from './queue'

export type AppDeps = {
  config: Config
  dbh: DbHandle
  redis: Redis
  queues: Queues
  metrics: Metrics
  clock: Clock
  /** ES256 keys for access tokens (type only: infra does not depend on auth's code). */
  keyring: Keyring
  /** Flipped on SIGTERM: readiness answers 503 so the load balancer stops routing here. */
  lifecycle: { draining: boolean }
  /** This process's one subscriber to live events, fanned out to its open streams (ADR 0024). */
  live: LiveHub
  /** Active rule version per tenant, invalidated across processes on publish (ADR 0008). */
  activeRules?: ActiveRulesCache
}
