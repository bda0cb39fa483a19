// Merchant portal: the rule editor. Every action posts the whole draft; the answer is a set of
// <hx-partial>s (each message slot filled or cleared, plus the action's own result), with 422
// when the draft is invalid: htmx 4 swaps 4xx, and an invalid draft is never saved. Staff may
// look, preview and back-test; publishing is the owner's (as in the JSON API).
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import {
  evaluate,
  explain,
  getActiveRules,
  listRuleVersions,
  publishRules,
  readBacktestRun,
  startBacktest,
  type StoredRuleVersion,
} from '../../../rules'
import type { Actor } from '../../../auth'
import { AppError, notFound } from '../../../shared/errors'
import { getTenant } from '../../../tenancy'
import { Notice, PreviewResult, RulesPage } from '../../../../views/merchant/rules'
import { BacktestFailed, BacktestProgress, BacktestResultView } from '../../../../views/merchant/rules-backtest'
import { RuleFormView } from '../../../../views/merchant/rules-form'
import { DraftAnswer } from '../../../../views/merchant/rules-form-partials'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { type PostedDraft, previewNotes, readDraft, readSale, SALE_FIELDS } from './rules-draft'
import { formFromRuleSet } from './rules-form-from-rule-set'
import { blankCampaign } from './rules-form.model'

type Set = { status?: number | string; headers: Record<string, string | number> }

/** The draft's messages plus the action's own fragment. */
function answer(
  set: Set,
  draft: Pick<PostedDraft, 'names' | 'errors'>,
  result: { target: string; body: JSX.Element },
  status = 200,
) {
  set.status = status
  return DraftAnswer({ names: draft.names, errors: draft.errors, target: result.target, body: result.body })
}

/** The reward catalog is edited on its own page; every draft from this editor keeps it. */
const rewardsEntry = (active: StoredRuleVersion) => active.ruleSet.rules.filter((e) => e.kind === 'rewards')

const fixFirst = () => Notice({ tone: 'error', text: 'Nothing was saved: fix the highlighted fields first.' })

export function merchantRulesPortal(deps: AppDeps) {
  const db = deps.dbh.db
  const shop = async (actor: Actor) => {
    const scope = merchantScope(actor)
    const [active, tenant] = await Promise.all([getActiveRules(deps, scope.tenantId), getTenant(db, scope.tenantId)])
    return { scope, active, timeZone: tenant?.timeZone ?? 'UTC' }
  }
  const canPublish = (actor: Actor) => actor.tenant?.role === 'merchant_owner'

  return new Elysia({ name: 'portal-merchant-rules' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/rules',
      async ({ actor, csrfToken, query }) => {
        const { scope, active } = await shop(actor)
        const versions = await inTenant(db, scope, (tx) => listRuleVersions(tx, scope.tenantId))
        const published = Number(query.published)
        return RulesPage({
          csrfToken: csrfToken(),
          form: formFromRuleSet(active.ruleSet),
          errors: {},
          currency: active.ruleSet.currency,
          baseVersion: active.version,
          activeVersion: active.version,
          canPublish: canPublish(actor),
          history: versions.map((v: StoredRuleVersion) => ({
            version: v.version,
            active: v.id === active.id,
            createdAt: v.createdAt.toISOString(),
            changes: v.changes,
          })),
          notice: published === active.version ? `Version ${published} is published and live.` : undefined,
        })
      },
      { auth: 'merchant' },
    )
    .post(
      '/merchant/rules/check',
      async ({ actor, body, set }) => {
        const { active } = await shop(actor)
        const draft = readDraft(body, active.ruleSet.currency, rewardsEntry(active))
        const status = draft.ruleSet ? 200 : 422
        const text = draft.ruleSet ? 'These rules are valid.' : 'Some fields need attention.'
        return answer(
          set,
          draft,
          { target: '#publish-result', body: Notice({ tone: draft.ruleSet ? 'ok' : 'warn', text }) },
          status,
        )
      },
      { auth: 'merchant' },
    )
    .post(
      '/merchant/rules/campaigns',
      async ({ actor, body }) => {
        const { active } = await shop(actor)
        const draft = readDraft(body, active.ruleSet.currency, rewardsEntry(active))
        const form = { ...draft.form, campaigns: [...draft.form.campaigns.filter((c) => !c.remove), blankCampaign()] }
        return RuleFormView({
          form,
          errors: {},
          currency: active.ruleSet.currency,
          baseVersion: draft.baseVersion ?? active.version,
          canPublish: canPublish(actor),
        })
      },
      { auth: 'merchant' },
    )
    .post(
      '/merchant/rules/preview',
      async ({ actor, body, set }) => {
        const { active, timeZone } = await shop(actor)
        const draft = readDraft(body, active.ruleSet.currency, rewardsEntry(active))
        const sale = readSale(body, active.ruleSet.currency, timeZone, deps.clock())
        const withSale = {
          names: [...draft.names, ...SALE_FIELDS],
          errors: { ...draft.errors, ...('errors' in sale ? sale.errors : {}) },
        }
        if (!draft.ruleSet || 'errors' in sale)
          return answer(set, withSale, { target: '#preview-result', body: fixFirst() }, 422)
        const result = evaluate(draft.ruleSet, sale.sale, {
          now: sale.at,
          timeZone,
          stats: { visitCount: 0, tierPoints: sale.tierPoints },
        })
        const view = PreviewResult({
          points: result.points,
          sentence: explain(result.trace),
          notes: previewNotes(result.trace),
        })
        return answer(set, withSale, { target: '#preview-result', body: view })
      },
      { auth: 'merchant' },
    )
    .post(
      '/merchant/rules/backtests',
      async ({ actor, body, set }) => {
        const { scope, active } = await shop(actor)
        const draft = readDraft(body, active.ruleSet.currency, rewardsEntry(active))
        if (!draft.ruleSet) return answer(set, draft, { target: '#backtest-result', body: fixFirst() }, 422)
        let id: string
        try {
          id = await startBacktest(deps, scope, { draft: draft.ruleSet, current: active })
        } catch {
          // Redis (the queue) is down. Said in place with a 200: the portal's htmx never swaps 5xx.
          return answer(set, draft, {
            target: '#backtest-result',
            body: Notice({ tone: 'warn', text: 'Back-tests are unavailable right now. Try again in a minute.' }),
          })
        }
        const run = { id, status: 'queued' as const, done: 0, total: 0, baseVersion: active.version, result: null }
        return answer(set, draft, { target: '#backtest-result', body: BacktestProgress({ run }) }, 202)
      },
      { auth: 'merchant' },
    )
    .get(
      '/merchant/rules/backtests/:id',
      async ({ actor, params }) => {
        const scope = merchantScope(actor)
        const run = await readBacktestRun(deps.redis, params.id, scope.tenantId)
        if (!run) throw notFound('Back-test')
        if (run.status === 'failed') return BacktestFailed()
        if (run.status === 'done' && run.result)
          return BacktestResultView({ result: run.result, baseVersion: run.baseVersion })
        return BacktestProgress({ run })
      },
      { auth: 'merchant' },
    )
    .post(
      '/merchant/rules/publish',
      async ({ actor, body, set }) => {
        const { scope, active } = await shop(actor)
        const draft = readDraft(body, active.ruleSet.currency, rewardsEntry(active))
        if (!draft.ruleSet) return answer(set, draft, { target: '#publish-result', body: fixFirst() }, 422)
        try {
          const published = await publishRules(deps, scope, {
            ruleSetInput: draft.ruleSet,
            actorUserId: actor.userId,
            now: deps.clock(),
            baseVersion: draft.baseVersion,
          })
          set.headers['hx-redirect'] = `/merchant/rules?published=${published.version}`
          return answer(set, draft, {
            target: '#publish-result',
            body: Notice({ tone: 'ok', text: `Version ${published.version} is live.` }),
          })
        } catch (e) {
          if (!(e instanceof AppError) || e.fields) throw e
          // 409 (someone published meanwhile) and 422 (nothing changed) are messages, not pages.
          return answer(
            set,
            draft,
            { target: '#publish-result', body: Notice({ tone: 'warn', text: e.message }) },
            e.status,
          )
        }
      },
      { auth: 'merchant_owner' },
    )
}
