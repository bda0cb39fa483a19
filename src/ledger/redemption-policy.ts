// Which redemption limits and reward catalog apply to a tenant right now: the active rule
// version's, or the api-v1.md default when a tenant has no stored version yet. One function, so
// how rules are loaded (cache, effective dates) can change without touching the redemption flow.
import type { Tx } from '../infra/db'
import {
  activeRuleVersion,
  defaultRuleSet,
  type RedemptionPolicy,
  type RewardCatalog,
  redemptionPolicy,
  rewardCatalog,
} from '../rules'
import { getTenant } from '../tenancy'

export type RedemptionTerms = { policy: RedemptionPolicy; catalog: RewardCatalog; ruleVersionId: string | null }

export async function redemptionTermsFor(tx: Tx, tenantId: string): Promise<RedemptionTerms> {
  const active = await activeRuleVersion(tx, tenantId)
  if (active)
    return {
      policy: redemptionPolicy(active.ruleSet),
      catalog: rewardCatalog(active.ruleSet),
      ruleVersionId: active.id,
    }
  const tenant = await getTenant(tx, tenantId)
  const fallback = defaultRuleSet(tenant?.currency ?? 'USD')
  return { policy: redemptionPolicy(fallback), catalog: rewardCatalog(fallback), ruleVersionId: null }
}
