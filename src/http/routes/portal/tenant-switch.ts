// The signed-in account page and the tenant switcher behind it. Switching re-checks the
// membership on the server and re-issues the cookie pair scoped to the chosen tenant.
import { Elysia } from 'elysia'
import { birthdayOf, getMe, switchTenant } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { AccountPage } from '../../../../views/auth/account'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { REFRESH_COOKIE, setSessionCookies } from '../../session-cookies'
import { portalChrome } from './chrome'

export function tenantSwitchPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-tenant-switch' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/account',
      async ({ actor, csrfToken, query }) => {
        const me = await getMe(deps.dbh.db, actor)
        return AccountPage({
          chrome: await portalChrome(deps.dbh.db, actor, csrfToken(), '/account'),
          roles: me.roles.map((r) => ({ role: r.role, tenantName: r.tenant_name, status: r.tenant_status })),
          activeTenantName: actor.tenant?.name ?? null,
          birthday: await birthdayOf(deps.dbh.db, actor.userId),
          contacts: { email: me.email, phone: me.phone },
          notice: query.switched === '1' ? 'Switched shop.' : undefined,
        })
      },
      { auth: 'consumer' },
    )
    .post(
      '/account/tenant',
      async ({ actor, body, cookie, set }) => {
        const tenantId = (body as Record<string, unknown> | null)?.tenant_id
        const refresh = cookie[REFRESH_COOKIE]?.value
        const pair = await switchTenant(deps, actor, tenantId, typeof refresh === 'string' ? refresh : undefined)
        setSessionCookies(cookie, pair, deps.config.COOKIE_SECURE)
        set.status = 303
        set.headers.location = '/account?switched=1'
        return ''
      },
      { auth: 'consumer' },
    )
}
