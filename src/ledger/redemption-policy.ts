// Which redemption limits apply to a tenant right now: the active rule version's, or the
// api-v1.md default when a tenant has no stored version yet. One function, so how rules are
// loaded (cache, effective dates) can change without touching the redemption flow.
import type { Tx } from '../infra/db'
import { activeRuleVersion, defaultRuleSet, type RedemptionPolicy, redemptionPolicy } from '../rules'
import { getTenant } from '../tenancy'

export async function redemptionPolicyFor(tx: Tx, tenantId: string): Promise<RedemptionPolicy> {
  const active = await activeRuleVersion(tx, tenantId)
  if (active) return redemptionPolicy(active.ruleSet)
  const tenant = await getTenant(tx, tenantId)
  return redemptionPolicy(defaultRuleSet(tenant?.currency ?? 'USD'))
}
