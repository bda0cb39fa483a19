// Nightly: every shop's member tiers from the ledger, so a tier lapses when its points leave the
// rolling window even if the member buys nothing (awards recompute their own wallet at once).
// Shops without tiers in their rules have their stored tiers cleared.
import type { AppDeps } from '../src/infra/deps'
import { recomputeTenantTiers } from '../src/ledger'
import { getActiveRules } from '../src/rules'
import { listTenants } from '../src/tenancy'

export async function recomputeTiersJob(deps: AppDeps): Promise<{ tenantId: string; wallets: number }[]> {
  const now = deps.clock()
  const out: { tenantId: string; wallets: number }[] = []
  for (const tenant of await listTenants(deps.dbh.db)) {
    const rules = await getActiveRules(deps, tenant.id)
    out.push({
      tenantId: tenant.id,
      wallets: await recomputeTenantTiers(deps.dbh.db, { tenantId: tenant.id }, rules, now),
    })
  }
  return out
}
