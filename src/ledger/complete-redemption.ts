// Staff accept a code at the till. One guarded UPDATE decides; when it refuses, the code's
// history says why: never seen (404), already used (409), or past its time (410).
// A repeat of a confirm this shop made moments ago (a double click, a retried request, a second
// till reacting to the same customer) is the same success, not "already used" (ADR 0021).
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { AppError, notFound } from '../shared/errors'
import { normalizeCode } from './redemption-code'
import { findByCode, markCompleted, type Redemption } from './redemption.repo'

export async function completeRedemption(
  tx: Tx,
  scope: TenantScope,
  input: { code: string; staffUserId: string; now: Date },
): Promise<Redemption> {
  const code = normalizeCode(input.code)
  if (!code) throw notFound('Code')
  const done = await markCompleted(tx, scope, code, input.staffUserId, input.now)
  if (done) return done
  const seen = await findByCode(tx, scope, code)
  if (!seen) throw notFound('Code')
  if (isRepeatConfirm(seen.redemption, input.now)) return seen.redemption
  if (seen.redemption.status === 'completed') throw new AppError('already_used', 'This code has already been used')
  throw new AppError(
    'expired',
    seen.redemption.status === 'cancelled' ? 'This code was cancelled' : 'This code has expired',
  )
}

/** How long after a completion the same shop confirming the same code again is the same success. */
export const REPEAT_CONFIRM_WINDOW_MS = 2 * 60_000

/** Pure: completed in this tenant (the lookup is tenant-scoped) no longer than the window ago. */
export function isRepeatConfirm(r: Pick<Redemption, 'status' | 'completedAt'>, now: Date): boolean {
  if (r.status !== 'completed' || !r.completedAt) return false
  const since = now.getTime() - r.completedAt.getTime()
  return since >= 0 && since <= REPEAT_CONFIRM_WINDOW_MS
}

/** What staff see before confirming: points, status and a masked member. */
export async function previewRedemption(tx: Tx, scope: TenantScope, rawCode: string) {
  const code = normalizeCode(rawCode)
  const seen = code ? await findByCode(tx, scope, code) : null
  if (!seen) throw notFound('Code')
  return seen
}
