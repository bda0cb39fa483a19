// Rate limits on Redis (rate-limiter-flexible). Keys are namespaced by the deployment's queue
// prefix so test runs sharing one Redis never see each other, and hold hashes or IPs, never PII.
// When Redis is unreachable the caller decides: sign-in fails closed, everything else fails open.
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { AppDeps } from './deps'
import { log } from './logger'
import { pingRedis } from './redis'

export type LimitName =
  | 'signin-destination'
  | 'signin-ip'
  | 'signin-resend'
  | 'signin-wrong-codes'
  | 'public-ip'
  | 'webhook-unverified-ip'
  | 'webhook-verification'
  | 'claim-user'
export type LimitOutcome = { ok: true } | { ok: false; retryAfterS: number } | { ok: 'unavailable' }

const cache = new WeakMap<AppDeps, Map<LimitName, RateLimiterRedis>>()

function settings(deps: AppDeps, name: LimitName): { points: number; duration: number } {
  const c = deps.config
  switch (name) {
    case 'signin-destination':
      return { points: c.RATE_LIMIT_SIGNIN_PER_DESTINATION, duration: 15 * 60 }
    case 'signin-ip':
      return { points: c.RATE_LIMIT_SIGNIN_PER_IP, duration: 15 * 60 }
    case 'signin-resend':
      return { points: 1, duration: c.OTP_RESEND_COOLDOWN_S }
    case 'signin-wrong-codes':
      return { points: c.RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY, duration: 24 * 60 * 60 }
    case 'public-ip':
      return { points: c.RATE_LIMIT_PUBLIC_PER_IP, duration: 60 }
    case 'webhook-unverified-ip':
      return { points: c.RATE_LIMIT_WEBHOOK_UNVERIFIED_PER_IP, duration: 60 }
    case 'claim-user':
      // Receipt claim codes are 50 bits; ten tries an hour per person makes guessing hopeless.
      return { points: 10, duration: 60 * 60 }
    case 'webhook-verification':
      // Unsigned handshakes (Clover): an operator sets a webhook URL up a few times at most.
      return { points: 10, duration: 60 * 60 }
  }
}

function limiter(deps: AppDeps, name: LimitName): RateLimiterRedis {
  let byName = cache.get(deps)
  if (!byName) {
    byName = new Map()
    cache.set(deps, byName)
  }
  let l = byName.get(name)
  if (!l) {
    // rejectIfRedisNotReady: a down Redis is reported at once instead of queueing requests.
    l = new RateLimiterRedis({
      storeClient: deps.redis,
      keyPrefix: `rl:${deps.queues.prefix}:${name}`,
      rejectIfRedisNotReady: true,
      ...settings(deps, name),
    })
    byName.set(name, l)
  }
  return l
}

const lastOutageLog = new WeakMap<AppDeps, number>()
const wasReady = new WeakSet<object>()

/**
 * Just after start the client is not "ready" yet: wait briefly rather than report an outage
 * that is not one (stack-notes §5). Once it has been ready, not being ready IS an outage, and
 * every request answers at once instead of waiting (webhooks must still ack in milliseconds).
 */
async function redisUsable(deps: AppDeps): Promise<void> {
  const r = deps.redis
  if (r.status === 'ready') {
    wasReady.add(r)
    return
  }
  if (wasReady.has(r)) throw new Error('redis is not connected')
  await pingRedis(r, 1_000)
  wasReady.add(r)
}

export async function consumeLimit(deps: AppDeps, name: LimitName, key: string): Promise<LimitOutcome> {
  try {
    await redisUsable(deps)
    await limiter(deps, name).consume(key)
    return { ok: true }
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, retryAfterS: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) }
    // Throttled so an outage does not flood the logs, but always said at least every 10 s.
    if (Date.now() - (lastOutageLog.get(deps) ?? 0) > 10_000) {
      lastOutageLog.set(deps, Date.now())
      log.error(
        { limit: name, err: e },
        'rate limiter unavailable (redis down): sign-in fails closed, other routes fail open',
      )
    }
    return { ok: 'unavailable' }
  }
}

/** Gives back one point (an attempt that turned out legitimate). Best effort: a lost refund only errs strict. */
export async function refundLimit(deps: AppDeps, name: LimitName, key: string): Promise<void> {
  await limiter(deps, name)
    .reward(key, 1)
    .catch(() => {})
}
