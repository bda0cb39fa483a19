// The general per-IP limit on every public endpoint, and a generous per-provider limit for POS
// webhooks (providers send from shared, changing IPs, so the provider is the useful key).
// Runs before routing, so probing unknown paths counts too. Fails open when Redis is down
// (logged by consumeLimit); sign-in's own stricter limits fail closed (src/auth/signin-limits.ts).
import { Elysia } from 'elysia'
import type { AppDeps } from '../../infra/deps'
import { consumeLimit } from '../../infra/rate-limit'
import { AppError } from '../../shared/errors'
import { clientIp } from '../client-ip'

/** Operational endpoints are scraped by our own infrastructure; limiting them hides outages. */
const EXEMPT = ['/health/', '/metrics', '/assets/']

export function rateLimits(deps: AppDeps) {
  return new Elysia({ name: 'rate-limits' }).onRequest(async ({ request, server }) => {
    const path = new URL(request.url).pathname
    if (EXEMPT.some((p) => path.startsWith(p))) return
    const webhook = /^\/webhooks\/([a-z0-9-]{1,32})(?:\/|$)/.exec(path)
    const r = webhook
      ? await consumeLimit(deps, 'webhook-provider', webhook[1]!)
      : await consumeLimit(deps, 'public-ip', clientIp(deps.config, request, server))
    if (r.ok === false) throw new AppError('rate_limited', 'Too many requests. Please slow down.', { retryAfter: r.retryAfterS })
  })
}
