// The active rule version per tenant, held in memory so evaluating a webhook does not query
// rule_versions every time. A publish anywhere reaches every process through Redis pub/sub
// (channel `rules:published`, message = tenant id). Pub/sub is fire-and-forget: a process that
// is disconnected misses messages, so while the subscription is down entries live only a few
// seconds, and the whole cache is dropped when the subscription comes back.
import type { Redis } from 'ioredis'
import { log } from '../infra/logger'
import type { StoredRuleVersion } from './rules.repo'

export const RULES_PUBLISHED_CHANNEL = 'rules:published'

export type ActiveRulesCache = {
  /** The tenant's active version. Shared between callers: treat it as read-only. */
  getActiveRules(tenantId: string): Promise<StoredRuleVersion>
  /** Call after a publish commits: forgets the tenant here and tells every other process. */
  announcePublished(tenantId: string): Promise<void>
  /** True while invalidations are being received (otherwise entries expire after degradedTtlMs). */
  isListening(): boolean
  close(): Promise<void>
}

export type ActiveRulesCacheOptions = {
  /** Connection used to publish; a dedicated subscriber connection is duplicated from it. */
  redis: Redis
  load(tenantId: string): Promise<StoredRuleVersion>
  /** Bound on tenants held; the least recently used is dropped first. */
  maxEntries?: number
  /** Safety net even while subscribed, in case a publish could not be announced. */
  ttlMs?: number
  /** Lifetime of an entry while the subscription is down. */
  degradedTtlMs?: number
  channel?: string
  now?: () => number
}

type Entry = { value: StoredRuleVersion; loadedAt: number; loadedWhileListening: boolean }

export function createActiveRulesCache(opts: ActiveRulesCacheOptions): ActiveRulesCache {
  const maxEntries = opts.maxEntries ?? 5_000
  const ttlMs = opts.ttlMs ?? 120_000
  const degradedTtlMs = opts.degradedTtlMs ?? 5_000
  const channel = opts.channel ?? RULES_PUBLISHED_CHANNEL
  const now = opts.now ?? Date.now
  const entries = new Map<string, Entry>()
  const loading = new Map<string, Promise<StoredRuleVersion>>()
  let listening = false
  // Bumped by every invalidation: a load that started before one must not store its result,
  // because it may have read the version that was just replaced.
  let epoch = 0

  const forget = (tenantId: string) => {
    epoch++
    entries.delete(tenantId)
    loading.delete(tenantId)
  }
  const forgetAll = () => {
    epoch++
    entries.clear()
    loading.clear()
  }

  // Subscribing needs its own connection; it queues commands while offline and resubscribes
  // itself on every 'ready', so "listening" is only claimed once Redis confirmed the channel.
  const subscriber = opts.redis.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResubscribe: false,
  })
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        forgetAll()
        listening = true
      },
      (error: unknown) => log.warn({ err: error }, 'rules cache: subscribe failed'),
    )
  })
  subscriber.on('close', () => {
    listening = false
  })
  subscriber.on('error', () => {
    // Reported by health checks; reconnecting is automatic. Listening stays false meanwhile.
  })
  subscriber.on('message', (from: string, tenantId: string) => {
    if (from === channel) forget(tenantId)
  })

  const isFresh = (entry: Entry) => {
    const lifetime = listening && entry.loadedWhileListening ? ttlMs : degradedTtlMs
    return now() - entry.loadedAt < lifetime
  }

  function store(tenantId: string, entry: Entry) {
    entries.delete(tenantId)
    entries.set(tenantId, entry)
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
  }

  return {
    async getActiveRules(tenantId) {
      const entry = entries.get(tenantId)
      if (entry && isFresh(entry)) {
        // Re-insert: Map order is the LRU order.
        entries.delete(tenantId)
        entries.set(tenantId, entry)
        return entry.value
      }
      const running = loading.get(tenantId)
      if (running) return running
      const startedEpoch = epoch
      const loadedWhileListening = listening
      const loadedAt = now()
      const promise: Promise<StoredRuleVersion> = opts
        .load(tenantId)
        .then((value) => {
          if (epoch === startedEpoch) store(tenantId, { value, loadedAt, loadedWhileListening })
          return value
        })
        .finally(() => {
          if (loading.get(tenantId) === promise) loading.delete(tenantId)
        })
      loading.set(tenantId, promise)
      return promise
    },
    async announcePublished(tenantId) {
      forget(tenantId)
      try {
        await opts.redis.publish(channel, tenantId)
      } catch (error) {
        // Other processes fall back on their TTL; the publish itself has already committed.
        log.warn({ err: error }, 'rules cache: could not announce a publish')
      }
    },
    isListening: () => listening,
    async close() {
      listening = false
      forgetAll()
      subscriber.disconnect()
    },
  }
}
