// Merchant settings: the shop itself (name, time zone with a preview of the campaigns a change
// moves, branding, contact) and how sales are matched to members (the identity-priority
// setting that POS ingestion reads). Staff can see it; only the owner can change it.
import { Elysia, t } from 'elysia'
import {
  IdentityForm,
  type PriorityChoice,
  SettingsPage,
  ShopForm,
  type ShopFormErrors,
  ZonePreview,
} from '../../../../views/merchant/settings'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { identityPriority, setIdentityPriority } from '../../../pos/ingest'
import { AppError } from '../../../shared/errors'
import { getShopSettings, isTimeZone, type ShopSettings, TIME_ZONES, updateShopSettings } from '../../../tenancy'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { movedCampaigns } from '../api/merchant-settings'
import { brandStyle } from '../brand-css'

const CHOICES: Record<PriorityChoice, ('phone' | 'email')[]> = {
  'phone,email': ['phone', 'email'],
  'email,phone': ['email', 'phone'],
  phone: ['phone'],
  email: ['email'],
}
const isChoice = (v: string): v is PriorityChoice => v in CHOICES

const field = () => t.Optional(t.String({ maxLength: 2048 }))
const shopForm = t.Object({
  name: field(),
  time_zone: field(),
  currency: field(),
  brand_color: field(),
  logo_url: field(),
  contact_email: field(),
  redemption_value_per_100_points: field(),
})

const brand = (s: ShopSettings) => (s.brand_color ? brandStyle(s.brand_color) : undefined)

export function merchantSettingsPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-settings' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/settings',
      async ({ actor, csrfToken }) => {
        const scope = merchantScope(actor)
        const [current, shop] = await inTenant(
          db,
          scope,
          async (tx) => [(await identityPriority(tx, scope)).join(','), await getShopSettings(tx, scope)] as const,
        )
        return SettingsPage({
          current: isChoice(current) ? current : 'phone,email',
          canEdit: actor.tenant?.role === 'merchant_owner',
          csrfToken: csrfToken(),
          shop,
          brand: brand(shop),
          timeZones: TIME_ZONES,
        })
      },
      { auth: 'merchant' },
    )
    .get(
      '/merchant/settings/zone-preview',
      async ({ actor, query }) => {
        const scope = merchantScope(actor)
        const to = query.time_zone?.trim() ?? ''
        if (!isTimeZone(to)) return ZonePreview({ moved: [], to: null })
        const shop = await inTenant(db, scope, (tx) => getShopSettings(tx, scope))
        return ZonePreview({ moved: await movedCampaigns(deps, scope.tenantId, shop.time_zone, to), to })
      },
      { auth: 'merchant_owner', query: t.Object({ time_zone: t.Optional(t.String({ maxLength: 100 })) }) },
    )
    .post(
      '/merchant/settings/shop',
      async ({ actor, body, set }) => {
        const scope = merchantScope(actor)
        const { currency: _shown, ...edits } = body // shown read-only; it changes with the rules
        try {
          const change = await inTenant(db, scope, (tx) =>
            updateShopSettings(tx, scope, { raw: edits, actorUserId: actor.userId, now: deps.clock() }),
          )
          const moved = await movedCampaigns(deps, scope.tenantId, change.before.time_zone, change.after.time_zone)
          return ShopForm({
            shop: change.after,
            canEdit: true,
            errors: {},
            brand: brand(change.after),
            saved: { moved },
          })
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e
          set.status = 422
          const shop = await inTenant(db, scope, (tx) => getShopSettings(tx, scope))
          // Keep what was typed so the owner corrects rather than retypes.
          const typed = {
            ...shop,
            ...Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, v ?? null])),
          } as ShopSettings
          return ShopForm({
            shop: typed,
            canEdit: true,
            errors: { ...(e.fields as ShopFormErrors), form: 'Nothing was saved: check the fields marked above.' },
          })
        }
      },
      { auth: 'merchant_owner', body: shopForm },
    )
    .post(
      '/merchant/settings/identity',
      async ({ actor, body }) => {
        const scope = merchantScope(actor)
        if (!isChoice(body.priority))
          throw new AppError('validation_failed', 'Choose one of the options', {
            fields: { priority: 'Choose one of the options' },
          })
        await inTenant(db, scope, (tx) =>
          setIdentityPriority(tx, scope, CHOICES[body.priority as PriorityChoice], deps.clock()),
        )
        return IdentityForm({ current: body.priority, canEdit: true, saved: true })
      },
      { auth: 'merchant_owner', body: t.Object({ priority: t.String({ maxLength: 20 }) }) },
    )
}
