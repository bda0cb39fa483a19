// Merchant rules API (api-v1.md, Merchant): the active version and its history, publishing a
// new version, and previewing a sale under a draft. Tenant from the token only. Staff may read
// and preview; publishing changes what the programme costs, so it is the owner's call.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import {
  evaluate,
  explain,
  getActiveRules,
  listRuleVersions,
  parseRuleSet,
  publishRules,
  type RuleSet,
  type StoredRuleVersion,
  transactionSchema,
} from '../../../rules'
import { AppError } from '../../../shared/errors'
import { getTenant } from '../../../tenancy'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { previewBody, publishBody, underKey } from './merchant-rules.model'

export const ruleVersionJson = (v: StoredRuleVersion, activeId: string) => ({
  rule_version_id: v.id,
  version: v.version,
  active: v.id === activeId,
  rule_set: v.ruleSet,
  changes: v.changes,
  created_by: v.createdBy,
  created_at: v.createdAt.toISOString(),
})

function parseDraft(input: unknown): RuleSet {
  const parsed = parseRuleSet(input)
  if (!parsed.ok)
    throw new AppError('validation_failed', parsed.error.message, { fields: underKey('rule_set', parsed.error.fields) })
  return parsed.value
}

export function merchantRulesApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-rules' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/rules',
      async ({ actor }) => {
        const scope = merchantScope(actor)
        const active = await getActiveRules(deps, scope.tenantId)
        const versions = await inTenant(db, scope, (tx) => listRuleVersions(tx, scope.tenantId))
        return {
          active: ruleVersionJson(active, active.id),
          versions: versions.map((v) => ruleVersionJson(v, active.id)),
        }
      },
      { auth: 'merchant' },
    )
    .post(
      '/api/v1/merchant/rules',
      async ({ actor, body, set }) => {
        const scope = merchantScope(actor)
        try {
          const published = await publishRules(deps, scope, {
            ruleSetInput: body.rule_set,
            actorUserId: actor.userId,
            now: deps.clock(),
            baseVersion: body.base_version,
          })
          set.status = 201
          return ruleVersionJson(published, published.id)
        } catch (e) {
          if (e instanceof AppError && e.fields)
            throw new AppError(e.code, e.message, { fields: underKey('rule_set', e.fields) })
          throw e
        }
      },
      { auth: 'merchant_owner', body: publishBody },
    )
    .post(
      '/api/v1/merchant/rules/preview',
      async ({ actor, body }) => {
        const scope = merchantScope(actor)
        const active = await getActiveRules(deps, scope.tenantId)
        const ruleSet = body.rule_set === undefined ? active.ruleSet : parseDraft(body.rule_set)
        const sale = transactionSchema.safeParse({ currency: ruleSet.currency, ...body.transaction })
        if (!sale.success) {
          const fields = Object.fromEntries(
            sale.error.issues.map((i) => [['transaction', ...i.path].join('.'), i.message]),
          )
          throw new AppError('validation_failed', 'The sale has errors', { fields })
        }
        const tenant = await getTenant(db, scope.tenantId)
        const now = body.occurred_at ? new Date(body.occurred_at) : deps.clock()
        const result = evaluate(ruleSet, sale.data, {
          now,
          timeZone: tenant?.timeZone ?? 'UTC',
          stats: { visitCount: body.visit_count ?? 0, tierPoints: body.tier_points ?? 0 },
        })
        return {
          points: result.points,
          explanation: explain(result.trace),
          trace: result.trace,
          rule_version_id: body.rule_set === undefined ? active.id : null,
        }
      },
      { auth: 'merchant', body: previewBody },
    )
}
