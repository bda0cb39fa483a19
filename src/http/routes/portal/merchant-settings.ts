// Merchant settings: how sales are matched to members (the identity-priority setting that POS
// ingestion reads). Staff can see it; only the owner can change it.
import { Elysia, t } from 'elysia'
import { IdentityForm, type PriorityChoice, SettingsPage } from '../../../../views/merchant/settings'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { identityPriority, setIdentityPriority } from '../../../pos/ingest'
import { AppError } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

const CHOICES: Record<PriorityChoice, ('phone' | 'email')[]> = { 'phone,email': ['phone', 'email'], 'email,phone': ['email', 'phone'], phone: ['phone'], email: ['email'] }
const isChoice = (v: string): v is PriorityChoice => v in CHOICES

export function merchantSettingsPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-settings' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/settings',
      async ({ actor, csrfToken }) => {
        const scope = merchantScope(actor)
        const current = (await inTenant(db, scope, (tx) => identityPriority(tx, scope))).join(',')
        return SettingsPage({ current: isChoice(current) ? current : 'phone,email', canEdit: actor.tenant?.role === 'merchant_owner', csrfToken: csrfToken() })
      },
      { auth: 'merchant' },
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
