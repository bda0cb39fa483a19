// Changing the reward catalog publishes a rule version like any other rule change: the history
// says what changed, and codes issued earlier keep the version (and reward name) they were
// issued under. Sending the catalog that is already live changes nothing and is not an error,
// so PUT /rewards can be repeated safely.
import type { AppDeps } from '../infra/deps'
import type { TenantScope } from '../infra/scope'
import { AppError } from '../shared/errors'
import { newId } from '../shared/ids'
import { getActiveRules, publishRules } from './active-rules'
import { type RewardDraft, withRewards } from './reward-catalog'
import type { StoredRuleVersion } from './rules.repo'

type Deps = Pick<AppDeps, 'activeRules' | 'dbh' | 'clock'>

export type PublishRewardsInput = {
  rewards: RewardDraft[]
  allowCustomPoints?: boolean | undefined
  actorUserId: string
  baseVersion?: number | undefined
}

/** The rule version live afterwards: a new one, or the active one when nothing changed. */
export async function publishRewards(
  deps: Deps,
  scope: TenantScope,
  input: PublishRewardsInput,
): Promise<StoredRuleVersion> {
  const now = deps.clock()
  const active = await getActiveRules(deps, scope.tenantId)
  const ruleSetInput = withRewards(active.ruleSet, input.rewards, input.allowCustomPoints, () =>
    newId('rwd', now.getTime()),
  )
  try {
    return await publishRules(deps, scope, {
      ruleSetInput,
      actorUserId: input.actorUserId,
      now,
      baseVersion: input.baseVersion ?? active.version,
    })
  } catch (e) {
    // The one field-less rule_violation of a publish: "the same as the active version".
    if (e instanceof AppError && e.code === 'rule_violation' && !e.fields) return active
    if (e instanceof AppError && e.fields)
      throw new AppError(e.code, 'The rewards have errors', { fields: catalogFields(e.fields) })
    throw e
  }
}

/** "rules.4.config.items.2.name" → "rewards.2.name": the n-th reward as the caller sent it. */
const catalogFields = (fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [
      path.replace(/^rules\.\d+\.config\.items\./, 'rewards.').replace(/^rules\.\d+\.config\./, ''),
      message,
    ]),
  )
