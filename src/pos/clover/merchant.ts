// Which Clover merchant a fresh token belongs to. The OAuth callback and an App Market launch
// both name the merchant in a query parameter anyone can edit, so the id we link is the one
// Clover's API confirms for the new token, never the parameter alone.
import { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import { type FetchContext, type FetchDetailsError, getProviderJson } from '../adapter'

/** GET /v3/merchants/{mId}: only `id` (and the display name) is read. */
const cloverMerchant = z.looseObject({ id: z.string().min(1), name: z.string().nullish() })

export type CloverMerchantCheck = { code: 'mismatch' } | FetchDetailsError

/**
 * Clover access tokens are merchant-specific: GET /v3/merchants/{claimed} with the new token
 * answers only for the merchant that approved it (401/403/404 for any other), and the body's
 * `id` must equal the claimed one. Network trouble stays distinguishable (`unavailable`).
 */
export async function confirmCloverMerchant(
  ctx: FetchContext,
  claimedMerchantId: string,
): Promise<Result<{ id: string; name: string | null }, CloverMerchantCheck>> {
  const r = await getProviderJson(ctx, `/v3/merchants/${encodeURIComponent(claimedMerchantId)}`, cloverMerchant)
  if (!r.ok) {
    const refusedForThisMerchant =
      r.error.code === 'unauthorized' || r.error.code === 'forbidden' || r.error.code === 'not_found'
    return err(refusedForThisMerchant ? { code: 'mismatch' } : r.error)
  }
  if (r.value.id !== claimedMerchantId) return err({ code: 'mismatch' })
  return ok({ id: r.value.id, name: r.value.name ?? null })
}
