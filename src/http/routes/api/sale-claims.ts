// Claimable receipts (api-v1.md): the merchant reads a sale's claim code,
// GET /api/v1/merchant/transactions/{id}/claim; the signed-in customer claims it,
// POST /api/v1/consumer/claims {"code"} → 201 {"wallet_id","points"}. Guessing is limited per
// person (429); unknown 404, already claimed 409, past the window 410.
import { eq } from 'drizzle-orm'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { users } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { consumeLimit } from '../../../infra/rate-limit'
import { claimSale, issueSaleClaim, type SaleClaim } from '../../../pos/ingest'
import { AppError } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'

export const claimUrl = (deps: AppDeps, code: string) =>
  new URL(`/claim?code=${encodeURIComponent(code)}`, deps.config.APP_BASE_URL).toString()

export const claimJson = (deps: AppDeps, c: SaleClaim) => ({
  claim_code: c.code,
  claim_url: claimUrl(deps, c.code),
  expires_at: c.expiresAt.toISOString(),
})

/** The person claiming, with the contacts they verified (never an unverified one). */
export async function claimingUser(deps: AppDeps, userId: string) {
  const [u] = await deps.dbh.db.select().from(users).where(eq(users.id, userId))
  if (!u) throw new AppError('unauthorized', 'Your session has ended; sign in again')
  return u
}

/** A person gets ten tries an hour; a Redis outage does not stop a genuine claim. */
export async function limitClaims(deps: AppDeps, userId: string) {
  const r = await consumeLimit(deps, 'claim-user', userId)
  if (r.ok === false)
    throw new AppError('rate_limited', 'Too many claim attempts; try again later', { retryAfter: r.retryAfterS })
}

export function saleClaimsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-sale-claims' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/transactions/:id/claim',
      async ({ actor, params }) => claimJson(deps, await issueSaleClaim(deps, merchantScope(actor), params.id)),
      { auth: 'merchant' },
    )
    .post(
      '/api/v1/consumer/claims',
      async ({ actor, body, set }) => {
        await limitClaims(deps, actor.userId)
        const r = await claimSale(deps, await claimingUser(deps, actor.userId), body.code)
        set.status = 201
        return { wallet_id: r.walletId, points: r.points }
      },
      { auth: 'consumer', body: z.object({ code: z.string().trim().min(1).max(40) }) },
    )
}
