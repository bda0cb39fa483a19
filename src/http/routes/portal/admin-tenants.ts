// The first admin page: list tenants, create one, suspend or reinstate with a reason. All the
// rules (validation, audit, conflicts) live in the tenancy use cases; this only renders.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { createTenant } from '../../../onboarding'
import { inviteOwner, listTenants, setTenantStatus } from '../../../tenancy'
import {
  AdminTenantsPage,
  CreateTenantForm,
  type CreateTenantValues,
  TenantRowView,
} from '../../../../views/admin/tenants'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

type Form = Record<string, unknown>

/** The typed strings, to show the form again as it was (never anything but those four fields). */
function typedValues(body: unknown): CreateTenantValues {
  const f = (body ?? {}) as Form
  const str = (k: string) => (typeof f[k] === 'string' ? (f[k] as string).slice(0, 254) : undefined)
  return { name: str('name'), slug: str('slug'), owner_email: str('owner_email'), currency: str('currency') }
}

export function adminTenantsPortal(deps: AppDeps) {
  const statusRoute =
    (status: 'active' | 'suspended') =>
    async ({
      actor,
      params,
      body,
      set,
    }: {
      actor: { userId: string }
      params: { id: string }
      body: unknown
      set: { status?: number | string }
    }) => {
      try {
        return TenantRowView({
          t: await setTenantStatus(
            deps.dbh.db,
            actor.userId,
            params.id,
            status,
            (body as Form | null)?.reason,
            deps.clock(),
          ),
        })
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
        AdminTenantsPage({
          chrome: await portalChrome(deps.dbh.db, actor, csrfToken(), '/admin/tenants'),
          tenants: await listTenants(deps.dbh.db),
        }),
      { auth: 'admin' },
    )
    .post(
      '/admin/tenants',
      async ({ actor, body, set, request, csrfToken }) => {
        let created: Awaited<ReturnType<typeof createTenant>>
        try {
          created = await createTenant(deps.dbh.db, actor.userId, body, deps.clock())
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = e.status === 409 ? 409 : 422
          return CreateTenantForm({
            errors: e.fields,
            message: 'Check the fields marked below.',
            values: typedValues(body),
          })
        }
        const invitedEmail = await inviteOwner(deps, created.id)
        // htmx: show the confirmation in place and add the new row to the list (a second
        // target); without JS, the full page again with the confirmation on top.
        if (request.headers.get('hx-request') === 'true') {
          return (
            (await CreateTenantForm({ created, invitedEmail })) +
            `<hx-partial hx-target="#tenant-rows" hx-swap="beforeend">${await TenantRowView({ t: created })}</hx-partial>`
          )
        }
        return AdminTenantsPage({
          chrome: await portalChrome(deps.dbh.db, actor, csrfToken(), '/admin/tenants'),
          tenants: await listTenants(deps.dbh.db),
          created: { t: created, invitedEmail },
        })
      },
      { auth: 'admin' },
    )
    .post('/admin/tenants/:id/suspend', statusRoute('suspended'), { auth: 'admin' })
    .post('/admin/tenants/:id/reinstate', statusRoute('active'), { auth: 'admin' })
}
