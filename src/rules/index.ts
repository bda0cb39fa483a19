/**
 * Reward rules: the front door. Everything here is pure: no database, no HTTP, no clock, no
 * environment. The shell loads a rule set version and the member's stats, passes `now` and
 * the tenant's time zone, and stores what comes back.
 *
 * Typical flow (POS purchase):
 *   const ruleSet = parseRuleSet(row.data)            // Result; stored data is re-validated
 *   const { points, trace } = evaluate(ruleSet, transaction, { now, timeZone, stats })
 *   ledger.earn(… points, explanation: explain(trace), ruleVersionId …)
 *
 * Redemption:
 *   const policy = redemptionPolicy(ruleSet)          // min/max points, code TTL
 *   const checked = checkRedemption(policy, requested) // Result before reserving points
 *
 * Merchant portal: parseRuleSet for forms (field errors keyed by dotted path),
 * diffRuleSets for version history, evaluate + explain for "what would this sale earn".
 *
 * Precedence (why a purchase earns what it earns) is documented in docs/rules-precedence.md.
 */

/** Untrusted input → RuleSet, with field-level messages on failure. Never throws. */
export { parseRuleSet, type RuleSetError, WHOLE_RULE_SET } from './parse-rule-set'
/** The rule set a new tenant starts with (api-v1.md). */
export { defaultRuleSet } from './default-rule-set'
/** Points for one purchase plus the structured trace of how they were reached. */
export { evaluate } from './evaluate'
/** The trace as a consumer-facing sentence: "$23.40 → 23 pts × 2 Happy hour = 46 pts". */
export { explain } from './explain'
/** Readable list of changes between two versions. */
export { diffRuleSets } from './diff-rule-sets'
/** The reward catalog (what points buy) and the member's tier, both read from the rule set. */
export {
  describeNextReward,
  type NextReward,
  nextReward,
  offeredReward,
  offeredRewards,
  type Reward,
  type RewardCatalog,
  rewardCatalog,
  type RewardDraft,
  withRewards,
} from './reward-catalog'
export { type PublishRewardsInput, publishRewards } from './publish-rewards'
export { type TierStanding, tierStanding, tiersOf } from './tier-standing'
export { checkRedemption, pointsExpiry, type RedemptionViolation, redemptionPolicy } from './redemption-policy'

/** Schemas for boundaries that accept these shapes (preview form, stored versions). */
export type { RuleSet, RuleSetInput } from './rule-set'
export { transactionSchema, type EvaluationContext, type MemberStats, type Transaction } from './transaction'
export { countsVisits } from './counts-visits'

export type { RedemptionPolicy } from './kind'
export type { RuleEntry, RuleEntryInput, RuleKind } from './registry'
export type { Evaluation, TraceStep } from './trace'

/** Storage (shell): immutable versions per tenant. */
export { activeRuleVersion, createInitialRuleVersion, ruleVersionById, type StoredRuleVersion } from './rules.repo'
/**
 * The active version for a tenant: read it with getActiveRules, the one door (cached per
 * process, docs/decisions/0008). Only a redemption reads activeRuleVersion instead, inside its
 * own transaction, so its check and its debit see the same version.
 */
export { createActiveRules, getActiveRules, publishRules } from './active-rules'
export { type ActiveRulesCache, createActiveRulesCache } from './active-rules-cache'
export { listRuleVersions } from './rules.repo'
export { type PublishInput, publishRuleVersion } from './publish-rule-version'
/** Back-test: replay the last 90 days under a draft, as a job with polled progress. */
export { BACKTEST_JOB, executeBacktest, startBacktest } from './backtest-job'
export { type BacktestRun, readBacktestRun } from './backtest-progress'
export type { BacktestDay, BacktestResult } from './backtest-replay'
export { runBacktest } from './run-backtest'
/** Campaign days and shop-local times, for forms. */
export { WEEKDAYS, type Weekday } from './local-time'
export { wallTimeToInstant } from './wall-time'
export { birthdayPoints } from './birthday'
export { type ReferralTerms, referralTerms } from './referral'
export { toLocalTime } from './local-time'
/** What a shop time-zone change does to its campaigns (settings page preview). */
export { campaignsMovedByZone, type MovedCampaign } from './zone-shift'
