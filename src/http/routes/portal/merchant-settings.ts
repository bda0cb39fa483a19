// Merchant settings: how sales are matched to members (the identity-priority setting that POS
// ingestion reads). Staff can see it; only the owner can change it.
import { Elysia, t } from 'elysia'
import { IdentityForm, type PriorityChoice, SettingsPage, type TeamView } from '../../../../views/merchant/settings'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { identityPriority, setIdentityPriority } from '../../../pos/ingest'
import { AppError } from '../../../shared/errors'
import { inviteStaff, teamInvites } from '../../../tenancy'
import { csrfTokenOf } from './portal-helpers'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

const CHOICES: Record<PriorityChoice, ('phone' | 'email')[]> = { 'phone,email': ['phone', 'email'], 'email,phone': ['email', 'phone'], phone: ['phone'], email: ['email'] }
const isChoice = (v: string): v is PriorityChoice => v in CHOICES

export function merchantSettingsPortal(deps: AppDeps) {
  const db = deps.dbh.db

  async function settingsPage(ctx: unknown, actor: Parameters<typeof merchantScope>[0], team: Omit<TeamView, 'invites'>) {
    const scope = merchantScope(actor)
    const current = (await inTenant(db, scope, (tx) => identityPriority(tx, scope))).join(',')
    return SettingsPage({
      current: isChoice(current) ? current : 'phone,email',
      canEdit: actor.tenant?.role === 'merchant_owner',
      csrfToken: csrfTokenOf(ctx) ?? '',
      team: { ...team, invites: await teamInvites(deps, scope) },
    })
  }
  return new Elysia({ name: 'portal-merchant-settings' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get('/merchant/settings', (ctx) => settingsPage(ctx, ctx.actor, {}), { auth: 'merchant' })
    .post(
      '/merchant/team/invites',
      async (ctx) => {
        const { actor, body, set } = ctx
        try {
          const r = await inviteStaff(deps, merchantScope(actor), body.email, deps.clock())
          return settingsPage(ctx, actor, { invited: r.email })
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e
          set.status = 422
          return settingsPage(ctx, actor, { error: e.message, typed: body.email.slice(0, 254) })
        }
      },
      { auth: 'merchant_owner', body: t.Object({ email: t.String({ maxLength: 400 }), _csrf: t.Optional(t.String()) }) },
    )
    .post(
      '/merchant/settings/identity',
      async ({ actor, body }) => {
        const scope = merchantScope(actor)
        if (!isChoice(body.priority)) throw new AppError('validation_failed', 'Choose one of the options', { fields: { priority: 'Choose one of the options' } })
        await inTenant(db, scope, (tx) => setIdentityPriority(tx, scope, CHOICES[body.priority as PriorityChoice], deps.clock()))
        return IdentityForm({ current: body.priority, canEdit: true, saved: true })
      },
      { auth: 'merchant_owner', body: t.Object({ priority: t.String({ maxLength: 20 }) }) },
    )
}
