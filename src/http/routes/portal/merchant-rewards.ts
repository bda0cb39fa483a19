// Merchant portal: the reward catalog. Staff see it; the owner saves it, which publishes a rule
// version through the same use case as PUT /api/v1/merchant/rewards.
import { Elysia, t } from 'elysia'
import { type RewardRow, RewardsPage } from '../../../../views/merchant/rewards'
import type { AppDeps } from '../../../infra/deps'
import { getActiveRules, publishRewards, type RewardDraft, rewardCatalog } from '../../../rules'
import { AppError } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { redirect } from './portal-helpers'

type Body = Record<string, unknown>
const str = (b: Body, k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '')

/** The posted rows, blank ones dropped; row n is reward n of the draft, so messages find their row. */
function readRows(b: Body): { rows: RewardRow[]; drafts: RewardDraft[]; errors: Record<string, string> } {
  const indices = [...new Set(Object.keys(b).flatMap((k) => /^rewards\.(\d+)\./.exec(k)?.[1] ?? []))]
    .map(Number)
    .sort((x, y) => x - y)
  const rows: RewardRow[] = []
  const drafts: RewardDraft[] = []
  const errors: Record<string, string> = {}
  for (const i of indices) {
    const row = {
      reward_id: str(b, `rewards.${i}.reward_id`),
      name: str(b, `rewards.${i}.name`),
      points: str(b, `rewards.${i}.points`),
      active: str(b, `rewards.${i}.active`) !== '',
    }
    if (!row.name && !row.points) continue
    rows.push(row)
    if (!/^\d{1,10}$/.test(row.points)) errors[`rewards.${rows.length - 1}.points`] = 'Enter a whole number of points'
    drafts.push({
      ...(row.reward_id ? { reward_id: row.reward_id } : {}),
      name: row.name,
      points: Number(row.points),
      active: row.active,
    })
  }
  return { rows, drafts, errors }
}

export function merchantRewardsPortal(deps: AppDeps) {
  const page = async (
    actor: Parameters<typeof merchantScope>[0],
    csrfToken: string,
    extra: {
      rows?: RewardRow[]
      allowCustomPoints?: boolean
      errors?: Record<string, string>
      notice?: string | undefined
    } = {},
  ) => {
    const active = await getActiveRules(deps, merchantScope(actor).tenantId)
    const catalog = rewardCatalog(active.ruleSet)
    return RewardsPage({
      rows:
        extra.rows ??
        catalog.items.map((r) => ({
          reward_id: r.reward_id,
          name: r.name,
          points: String(r.points),
          active: r.active,
        })),
      allowCustomPoints: extra.allowCustomPoints ?? catalog.allowCustomPoints,
      canEdit: actor.tenant?.role === 'merchant_owner',
      activeVersion: active.version,
      csrfToken,
      errors: extra.errors ?? {},
      notice: extra.notice,
    })
  }
  return new Elysia({ name: 'portal-merchant-rewards' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/rewards',
      ({ actor, csrfToken, query }) =>
        page(actor, csrfToken(), { notice: query.saved ? `Saved: version ${query.saved} is live.` : undefined }),
      {
        auth: 'merchant',
        query: t.Object({ saved: t.Optional(t.String({ pattern: '^[0-9]{1,9}$' })) }),
      },
    )
    .post(
      '/merchant/rewards',
      async ({ actor, body, csrfToken, set }) => {
        const b = body as Body
        const { rows, drafts, errors } = readRows(b)
        const allowCustomPoints = str(b, 'allow_custom_points') !== ''
        const refuse = (fields: Record<string, string>) => {
          set.status = 422
          return page(actor, csrfToken(), {
            rows,
            allowCustomPoints,
            errors: { ...fields, _form: 'Nothing was saved: fix the fields marked below.' },
          })
        }
        if (Object.keys(errors).length) return refuse(errors)
        try {
          const live = await publishRewards(deps, merchantScope(actor), {
            rewards: drafts,
            allowCustomPoints,
            actorUserId: actor.userId,
          })
          return redirect(set, `/merchant/rewards?saved=${live.version}`)
        } catch (e) {
          if (!(e instanceof AppError) || !e.fields) throw e
          return refuse(e.fields)
        }
      },
      { auth: 'merchant_owner', body: t.Object({ _csrf: t.Optional(t.String()) }, { additionalProperties: true }) },
    )
}
