// Merchant members: list with search (htmx swaps only the rows) and a member's page.
import { Elysia, t } from 'elysia'
import { MemberPage, MemberRows, MembersPage } from '../../../../views/merchant/members'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { walletStatement } from '../../../ledger'
import { getMember, type MemberRow, type MerchantRole, memberContact, searchMembers } from '../../../members'
import { notFound } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { ledgerRows } from './portal-helpers'

// What each viewer sees of a contact is memberContact's decision (the same as the API's): staff
// get the POS name and masked contacts on the list and on the member's page alike.
const listRow = (m: MemberRow, role: MerchantRole) => ({ id: m.id, contact: memberContact(m, role), balance: m.balance, linked: m.userId !== null, joined: m.createdAt.toISOString().slice(0, 10) })

export function merchantMembersPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-members' })
    .use(authPlugin(deps))
    .get(
      '/merchant/members',
      async ({ actor, query, request, set }) => {
        const scope = merchantScope(actor)
        const q = query.q ?? ''
        const role = actor.tenant?.role ?? 'merchant_staff'
        const rows = (await inTenant(db, scope, (tx) => searchMembers(tx, scope, q))).map((m) => listRow(m, role))
        set.headers.vary = 'HX-Request'
        return request.headers.get('hx-request') === 'true' ? MemberRows({ rows }) : MembersPage({ rows, q })
      },
      { auth: 'merchant', query: t.Object({ q: t.Optional(t.String({ maxLength: 100 })) }) },
    )
    .get(
      '/merchant/members/:memberId',
      async ({ actor, params }) => {
        const scope = merchantScope(actor)
        const m = await inTenant(db, scope, (tx) => getMember(tx, scope, params.memberId))
        if (!m) throw notFound('Member')
        const entries = m.walletId ? await walletStatement(db, scope, m.walletId) : []
        return MemberPage({ contact: memberContact(m, actor.tenant?.role ?? 'merchant_staff'), balance: m.balance, rows: ledgerRows(entries) })
      },
      { auth: 'merchant' },
    )
}
