// The shell's two doors to the active rules: read (POS ingestion, redemptions, the portal) and
// publish. Both go through the process's cache when the composition root wired one, so a
// publish is announced to every process the moment it commits.
import type { AppDeps } from '../infra/deps'
import type { TenantScope } from '../infra/scope'
import { loadActiveRuleVersion } from './load-active-rule-version'
import { type PublishInput, publishRuleVersion } from './publish-rule-version'
import type { StoredRuleVersion } from './rules.repo'

type Deps = Pick<AppDeps, 'activeRules' | 'dbh' | 'clock'>

export function getActiveRules(deps: Deps, tenantId: string): Promise<StoredRuleVersion> {
  return deps.activeRules ? deps.activeRules.getActiveRules(tenantId) : loadActiveRuleVersion(deps.dbh.db, tenantId, deps.clock())
}

export async function publishRules(deps: Deps, scope: TenantScope, input: PublishInput): Promise<StoredRuleVersion> {
  const published = await publishRuleVersion(deps.dbh.db, scope, input)
  await deps.activeRules?.announcePublished(scope.tenantId)
  return published
}
