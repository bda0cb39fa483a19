// Merchant members API (api-v1.md, Merchant). Tenant from the token only.
import { Elysia, t } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { entryJson, walletStatement } from '../../../ledger'
import { getMember, type MemberRow, searchMembers } from '../../../members'
import { notFound } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'

export const memberJson = (m: MemberRow) => ({
  member_id: m.id,
  phone: m.phone,
  email: m.email,
  linked: m.userId !== null,
  wallet_id: m.walletId,
  balance: m.balance,
  created_at: m.createdAt.toISOString(),
})

export function merchantMembersApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-members' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/members',
      async ({ actor, query }) => {
        const scope = merchantScope(actor)
        return (await inTenant(db, scope, (tx) => searchMembers(tx, scope, query.q ?? '', query.limit ?? 50))).map(memberJson)
      },
      { auth: 'merchant', query: t.Object({ q: t.Optional(t.String({ maxLength: 100 })), limit: t.Optional(t.Number({ minimum: 1, maximum: 200 })) }) },
    )
    .get(
      '/api/v1/merchant/members/:memberId',
      async ({ actor, params }) => {
        const scope = merchantScope(actor)
        const m = await inTenant(db, scope, (tx) => getMember(tx, scope, params.memberId))
        if (!m) throw notFound('Member')
        const entries = m.walletId ? await walletStatement(db, scope, m.walletId) : []
        return { ...memberJson(m), entries: entries.map(entryJson) }
      },
      { auth: 'merchant' },
    )
}
