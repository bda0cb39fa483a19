// ioredis connections. BullMQ workers need maxRetriesPerRequest: null; everything else shares
// the same options so a Redis outage shows up as fast errors instead of hung requests.
import { Redis } from 'ioredis'

export function createRedis(url: string, opts: { forWorkers?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.forWorkers ? null : 1,
    enableOfflineQueue: opts.forWorkers ?? false,
    connectTimeout: 2_000,
    // Keep trying forever with a short cap: /health/ready recovers on its own when Redis returns.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  })
}

/** Resolves when Redis answers PING within the timeout; rejects otherwise. */
export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      // Without an offline queue a command fails at once while (re)connecting; wait for
      // 'ready' within the same deadline instead of reporting a healthy Redis as down.
      (redis.status === 'ready' ? Promise.resolve() : new Promise((r) => redis.once('ready', r))).then(() =>
        redis.ping(),
      ),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
