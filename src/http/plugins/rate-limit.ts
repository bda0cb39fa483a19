// The general per-IP limit on every public endpoint. Runs before routing, so probing unknown
// paths counts too. Fails open when Redis is down (logged by consumeLimit); sign-in's own
// stricter limits fail closed (src/auth/signin-limits.ts). POS webhooks are not limited here:
// a signed delivery is never refused for volume, and only posts that fail verification count,
// per IP, in the webhook route (ADR 0019) — so a webhook costs no Redis call before its INSERT.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../infra/deps'
import { consumeLimit } from '../../infra/rate-limit'
import { AppError } from '../../shared/errors'
import { clientIp } from '../client-ip'

/** Operational endpoints are scraped by our own infrastructure (limiting them hides outages); webhooks limit in their route. */
const EXEMPT = ['/health/', '/metrics', '/assets/', '/webhooks/']

export function rateLimits(deps: AppDeps) {
  return new Elysia({ name: 'rate-limits' }).onRequest(async ({ request, server }) => {
    const path = new URL(request.url).pathname
    if (EXEMPT.some((p) => path.startsWith(p))) return
    const r = await consumeLimit(deps, 'public-ip', clientIp(deps.config, request, server))
    if (r.ok === false)
      throw new AppError('rate_limited', 'Too many requests. Please slow down.', { retryAfter: r.retryAfterS })
  })
}
