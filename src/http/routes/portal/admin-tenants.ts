// The first admin page: list tenants, create one, suspend or reinstate with a reason. All the
// rules (validation, audit, conflicts) live in the tenancy use cases; this only renders.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { createTenant, listTenants, setTenantStatus } from '../../../tenancy'
import { AdminTenantsPage, CreateTenantForm, TenantRowView } from '../../../../views/admin/tenants'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

type Form = Record<string, unknown>

export function adminTenantsPortal(deps: AppDeps) {
  const statusRoute = (status: 'active' | 'suspended') =>
    async ({ actor, params, body, set }: { actor: { userId: string }; params: { id: string }; body: unknown; set: { status?: number | string } }) => {
      try {
        return TenantRowView({ t: await setTenantStatus(deps.dbh.db, actor.userId, params.id, status, (body as Form | null)?.reason, deps.clock()) })
      } catch (e) {
        // Not found stays the error mapper's (404 page/fragment); a missing reason is shown inline.
        if (!(e instanceof AppError) || e.code === 'not_found') throw e
        set.status = e.status
        const [t] = (await listTenants(deps.dbh.db)).filter((x) => x.id === params.id)
        return TenantRowView({ t: t!, error: e.fields?.reason ? 'Give a reason' : e.message })
      }
    }

  return new Elysia({ name: 'portal-admin-tenants' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/tenants',
      async ({ actor, csrfToken }) =>
        AdminTenantsPage({ chrome: await portalChrome(deps.dbh.db, actor, csrfToken(), '/admin/tenants'), tenants: await listTenants(deps.dbh.db) }),
      { auth: 'admin' },
    )
    .post(
      '/admin/tenants',
      async ({ actor, body, set, request }) => {
        try {
          await createTenant(deps.dbh.db, actor.userId, body, deps.clock())
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = e.status === 409 ? 409 : 422
          return CreateTenantForm({ errors: e.fields, message: e.message })
        }
        // Reload the page so the list shows the new tenant (htmx follows HX-Location in place).
        if (request.headers.get('hx-request') === 'true') {
          set.headers['hx-location'] = '/admin/tenants'
          return CreateTenantForm({})
        }
        set.status = 303
        set.headers.location = '/admin/tenants'
        return ''
      },
      { auth: 'admin' },
    )
    .post('/admin/tenants/:id/suspend', statusRoute('suspended'), { auth: 'admin' })
    .post('/admin/tenants/:id/reinstate', statusRoute('active'), { auth: 'admin' })
}
