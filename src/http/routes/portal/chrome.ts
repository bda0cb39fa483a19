// What every signed-in portal page shows around its content: who is signed in, sign-out, the
// nav for their roles and the tenant switcher. Read fresh per request, like the actor.
import type { Actor } from '../../../auth'
import type { Db } from '../../../infra/db'
import { walletsOfUser } from '../../../ledger'
import { membershipsOf } from '../../../tenancy'
import type { Chrome } from '../../../../views/auth/account'

export async function portalChrome(db: Db, actor: Actor, csrfToken: string, current: string): Promise<Chrome> {
  const ms = await membershipsOf(db, actor.userId)
  // Staff and admins only see "My wallets" when they collect points somewhere themselves.
  const worksHere = !!actor.tenant || actor.isAdmin
  const hasWallets = worksHere ? (await walletsOfUser(db, actor.userId)).length > 0 : true
  const nav = navFor(actor, hasWallets)
  return {
    csrfToken,
    userLabel: actor.email ?? actor.phone ?? 'Signed in',
    nav: markCurrent(nav, current),
    switcher: {
      options: ms.map((m) => ({
        tenantId: m.tenantId,
        name: m.tenantName,
        role: m.role,
        suspended: m.tenantStatus === 'suspended',
      })),
      activeTenantId: actor.tenant?.id ?? null,
    },
  }
}

type NavItem = { href: string; label: string }

/** One nav for every portal page, by what the viewer may do right now. */
export function navFor(actor: Actor, hasWallets = true): NavItem[] {
  const nav: NavItem[] = hasWallets ? [{ href: '/wallets', label: 'My wallets' }] : []
  if (actor.tenant && actor.tenant.status === 'active') {
    nav.push(
      { href: '/merchant', label: 'Overview' },
      { href: '/merchant/redeem', label: 'Redeem' },
      { href: '/merchant/transactions', label: 'Transactions' },
      { href: '/merchant/members', label: 'Members' },
      { href: '/merchant/rules', label: 'Rules' },
      { href: '/merchant/rewards', label: 'Rewards' },
      { href: '/merchant/connections', label: 'POS' },
      { href: '/merchant/settings', label: 'Settings' },
      { href: '/merchant/team', label: 'Team' },
    )
    if (actor.tenant.role === 'merchant_owner') nav.push({ href: '/merchant/data', label: 'Data' })
  }
  if (actor.isAdmin) {
    nav.push(
      { href: '/admin/tenants', label: 'Tenants' },
      { href: '/admin/people', label: 'People' },
      { href: '/admin/audit', label: 'Audit log' },
      { href: '/admin/reconciliation', label: 'Reconciliation' },
      { href: '/admin/webhook-events', label: 'Webhooks' },
      { href: '/admin/connections', label: 'Connections' },
      { href: '/admin/dead-letter', label: 'Dead letters' },
      { href: '/admin/pos', label: 'POS' },
    )
  }
  nav.push({ href: '/account', label: 'Account' })
  return nav
}

/** The item whose href is the longest prefix of the current path is the current one. */
function markCurrent(nav: NavItem[], path: string) {
  const best = nav
    .filter((n) => path === n.href || path.startsWith(`${n.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]
  return nav.map((n) => ({ ...n, current: n === best }))
}
