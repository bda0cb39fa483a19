// What every signed-in portal page shows around its content: who is signed in, sign-out, the
// nav for their roles and the tenant switcher. Read fresh per request, like the actor.
import type { Actor } from '../../../auth'
import type { Db } from '../../../infra/db'
import { membershipsOf } from '../../../tenancy'
import type { Chrome } from '../../../../views/auth/account'

export async function portalChrome(db: Db, actor: Actor, csrfToken: string, current: string): Promise<Chrome> {
  const ms = await membershipsOf(db, actor.userId)
  const nav = [{ href: '/account', label: 'Account' }]
  if (actor.isAdmin) {
    nav.push(
      { href: '/admin/tenants', label: 'Tenants' },
      { href: '/admin/people', label: 'People' },
      { href: '/admin/audit', label: 'Audit log' },
      { href: '/admin/reconciliation', label: 'Reconciliation' },
      { href: '/admin/webhook-events', label: 'Webhooks' },
    )
  }
  return {
    csrfToken,
    userLabel: actor.email ?? actor.phone ?? 'Signed in',
    nav: nav.map((n) => ({ ...n, current: n.href === current })),
    switcher: {
      options: ms.map((m) => ({ tenantId: m.tenantId, name: m.tenantName, role: m.role, suspended: m.tenantStatus === 'suspended' })),
      activeTenantId: actor.tenant?.id ?? null,
    },
  }
}
