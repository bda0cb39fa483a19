// The shell's two doors to the active rules: read (POS ingestion, the portals, jobs) and
// publish. Both go through the process's cache when the composition root wired one, so a
// publish is announced to every process the moment it commits. Redemptions are the one
// exception: they read the version inside their own transaction (ADR 0008).
import type { Redis } from 'ioredis'
import type { Db } from '../infra/db'
import type { AppDeps } from '../infra/deps'
import type { TenantScope } from '../infra/scope'
import { type ActiveRulesCache, createActiveRulesCache } from './active-rules-cache'
import { loadActiveRuleVersion } from './load-active-rule-version'
import { type PublishInput, publishRuleVersion } from './publish-rule-version'
import type { StoredRuleVersion } from './rules.repo'

type Deps = Pick<AppDeps, 'activeRules' | 'dbh' | 'clock'>

/** The process's cache of active versions, loaded from the database; the composition root wires it as deps.activeRules. */
export function createActiveRules(db: Db, redis: Redis, clock: () => Date): ActiveRulesCache {
  return createActiveRulesCache({ redis, load: (tenantId) => loadActiveRuleVersion(db, tenantId, clock()) })
}

export function getActiveRules(deps: Deps, tenantId: string): Promise<StoredRuleVersion> {
  return deps.activeRules
    ? deps.activeRules.getActiveRules(tenantId)
    : loadActiveRuleVersion(deps.dbh.db, tenantId, deps.clock())
}

export async function publishRules(deps: Deps, scope: TenantScope, input: PublishInput): Promise<StoredRuleVersion> {
  const published = await publishRuleVersion(deps.dbh.db, scope, input)
  await deps.activeRules?.announcePublished(scope.tenantId)
  return published
}
