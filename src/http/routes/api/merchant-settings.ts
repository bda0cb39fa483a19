// GET/PATCH /api/v1/merchant/settings (api-v1.md): the shop's name, time zone, currency,
// branding and contact email. Everyone on the team reads; the owner writes (audited). A time
// zone change answers with the campaigns it moves, so an integration can warn like the portal.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { campaignsMovedByZone, getActiveRules, type MovedCampaign } from '../../../rules'
import { getShopSettings, type ShopSettings, updateShopSettings } from '../../../tenancy'
import { authPlugin, merchantScope } from '../../plugins/auth'

const movedJson = (m: MovedCampaign) => ({
  name: m.name,
  schedule: m.schedule,
  running: m.running,
  shift_minutes: m.shiftMinutes,
})

/** The campaigns a zone change from `from` to `to` moves, under the shop's active rules. */
export async function movedCampaigns(
  deps: AppDeps,
  tenantId: string,
  from: string,
  to: string,
): Promise<MovedCampaign[]> {
  if (from === to) return []
  const active = await getActiveRules(deps, tenantId)
  return campaignsMovedByZone(active.ruleSet, from, to, deps.clock())
}

export function merchantSettingsApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-settings' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/settings',
      async ({ actor }) => {
        const scope = merchantScope(actor)
        return inTenant(db, scope, (tx) => getShopSettings(tx, scope))
      },
      {
        auth: 'merchant',
        detail: {
          summary: 'The shop: {"name","time_zone","currency","brand_color","brand_text","logo_url","contact_email"}',
        },
      },
    )
    .patch(
      '/api/v1/merchant/settings',
      async ({ actor, body }) => {
        const scope = merchantScope(actor)
        const change = await inTenant(db, scope, (tx) =>
          updateShopSettings(tx, scope, { raw: body, actorUserId: actor.userId, now: deps.clock() }),
        )
        const moved = await movedCampaigns(deps, scope.tenantId, change.before.time_zone, change.after.time_zone)
        return {
          ...(change.after satisfies ShopSettings),
          changed: change.changed,
          moved_campaigns: moved.map(movedJson),
        }
      },
      {
        auth: 'merchant_owner',
        detail: {
          summary:
            'Owner: change any of name, time_zone (IANA), brand_color (#rrggbb), logo_url (https), contact_email; answers the settings, `changed` and the `moved_campaigns` a zone change moves',
        },
      },
    )
}
