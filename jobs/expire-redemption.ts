// Delayed job: return an unused code's points once it expires. Safe to run twice (the status
// flip decides), and a no-op when the code was used or the sweeper got there first.
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { expireRedemption } from '../src/ledger'

const payload = z.object({ tenantId: z.string().min(1), redemptionId: z.string().min(1) })

export async function expireRedemptionJob(deps: AppDeps, data: unknown): Promise<{ returned: boolean }> {
  const p = payload.parse(data)
  const entry = await expireRedemption(deps.dbh.db, { tenantId: p.tenantId }, p.redemptionId, deps.clock())
  return { returned: entry !== null }
}
