// Publishing = appending the next version. The draft is parsed first (nothing is written when
// it is invalid), the history text is computed against the version it actually replaces, and
// the unique (tenant_id, version) index decides between concurrent publishers.
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { AppError } from '../shared/errors'
import { diffRuleSets } from './diff-rule-sets'
import { loadActiveRuleVersion } from './load-active-rule-version'
import { parseRuleSet } from './parse-rule-set'
import { activeRuleVersion, insertRuleVersion, isVersionTaken, type StoredRuleVersion } from './rules.repo'

export type PublishInput = {
  ruleSetInput: unknown
  actorUserId: string
  now: Date
  /**
   * The version the editor started from. When given, publishing over a newer version is a 409
   * (someone else published meanwhile, or this is a double submit) instead of a silent overwrite.
   */
  baseVersion?: number | undefined
}

/** Blind publishes (no baseVersion) that lose a race are retried against the new active version. */
const MAX_ATTEMPTS = 3

export async function publishRuleVersion(db: Db, scope: TenantScope, input: PublishInput): Promise<StoredRuleVersion> {
  const parsed = parseRuleSet(input.ruleSetInput)
  if (!parsed.ok) throw new AppError('validation_failed', parsed.error.message, { fields: parsed.error.fields })
  const draft = parsed.value
  // Backfills version 1 for a tenant that predates rule versions, so there is a base to diff.
  await loadActiveRuleVersion(db, scope.tenantId, input.now)

  for (let attempt = 1; ; attempt++) {
    try {
      return await inTenant(db, scope, async (tx) => {
        const active = (await activeRuleVersion(tx, scope.tenantId))!
        if (input.baseVersion !== undefined && input.baseVersion !== active.version) throw staleBase(active.version)
        // A rule set in another currency would make every sale earn 0 (precedence step 1).
        if (draft.currency !== active.ruleSet.currency) {
          throw new AppError('validation_failed', 'The rules have errors', {
            fields: { currency: `Use the shop's currency, ${active.ruleSet.currency}` },
          })
        }
        const changes = diffRuleSets(active.ruleSet, draft)
        if (changes.length === 0)
          throw new AppError('rule_violation', 'These rules are the same as the active version; nothing to publish')
        return insertRuleVersion(tx, {
          tenantId: scope.tenantId,
          version: active.version + 1,
          ruleSet: draft,
          changes,
          createdBy: input.actorUserId,
          at: input.now,
        })
      })
    } catch (error) {
      if (!isVersionTaken(error)) throw error
      if (input.baseVersion !== undefined || attempt >= MAX_ATTEMPTS) throw staleBase(null)
    }
  }
}

function staleBase(activeVersion: number | null): AppError {
  const now = activeVersion === null ? '' : ` (now version ${activeVersion})`
  return new AppError('conflict', `The rules were changed by someone else${now}; reload to see them before publishing`)
}
