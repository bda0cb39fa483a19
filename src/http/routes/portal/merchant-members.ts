// Merchant members: list with search (htmx swaps only the rows), a page at a time (keyset
// cursor in the "Older members" link), and a member's page.
import { Elysia, t } from 'elysia'
import { MemberPage, MemberRows, MembersPage } from '../../../../views/merchant/members'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { walletStatement } from '../../../ledger'
import { decodeMemberCursor, encodeMemberCursor, getMember, listMembers, type MemberRow, type MerchantRole, memberContact } from '../../../members'
import { AppError, notFound } from '../../../shared/errors'
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
        const after = query.cursor ? decodeMemberCursor(query.cursor) : null
        if (query.cursor && !after) throw new AppError('validation_failed', 'That link to more members is not valid', { fields: { cursor: 'is invalid' } })
        const page = await inTenant(db, scope, (tx) => listMembers(tx, scope, { q, after }))
        const role = actor.tenant?.role ?? 'merchant_staff'
        const rows = page.rows.map((m) => listRow(m, role))
        const next = page.next ? `/merchant/members?${new URLSearchParams({ ...(q && { q }), cursor: encodeMemberCursor(page.next) })}` : null
        set.headers.vary = 'HX-Request'
        return request.headers.get('hx-request') === 'true' ? MemberRows({ rows, next }) : MembersPage({ rows, q, next })
      },
      { auth: 'merchant', query: t.Object({ q: t.Optional(t.String({ maxLength: 100 })), cursor: t.Optional(t.String({ maxLength: 200 })) }) },
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
