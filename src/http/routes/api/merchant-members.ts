// Merchant members API (api-v1.md, Merchant). Tenant from the token only. Contacts go through
// memberContact (the same function as the portal): staff get them masked, owners in full.
import { Elysia, t } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import type { Tx } from '../../../infra/db'
import { adjustBalance, ensureWallet, entryJson, walletStatement } from '../../../ledger'
import {
  decodeMemberCursor,
  encodeMemberCursor,
  getMember,
  listMembers,
  type MemberRow,
  type MerchantRole,
  memberContact,
} from '../../../members'
import { AppError, notFound } from '../../../shared/errors'
import { idempotentReply } from '../../idempotent'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'

export function memberJson(m: MemberRow, role: MerchantRole) {
  const c = memberContact(m, role)
  return {
    member_id: m.id,
    name: c.name,
    phone: c.phone,
    email: c.email,
    contact_masked: c.masked,
    linked: m.userId !== null,
    wallet_id: m.walletId,
    balance: m.balance,
    created_at: m.createdAt.toISOString(),
  }
}

/**
 * The owner corrects one member's balance (issue 14.3): the admin adjustment use case, in the
 * shop's own name, audited in the same transaction. A member without a wallet gets one.
 */
export async function adjustMember(
  tx: Tx,
  actor: MerchantActor,
  memberId: string,
  input: { points: number; reason: string; now: Date },
) {
  const scope = merchantScope(actor)
  const m = await getMember(tx, scope, memberId)
  if (!m) throw notFound('Member')
  const walletId = m.walletId ?? (await ensureWallet(tx, scope, m.id, input.now)).id
  return adjustBalance(tx, scope.tenantId, {
    walletId,
    points: input.points,
    reason: input.reason,
    actorUserId: actor.userId,
    now: input.now,
    byShop: { name: actor.tenant.name },
  })
}

export function merchantMembersApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-members' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/members',
      async ({ actor, query }) => {
        const scope = merchantScope(actor)
        const after = query.cursor ? decodeMemberCursor(query.cursor) : null
        if (query.cursor && !after)
          throw new AppError('validation_failed', 'That cursor is not one this list gave out', {
            fields: { cursor: 'is invalid' },
          })
        const page = await inTenant(db, scope, (tx) =>
          listMembers(tx, scope, { q: query.q ?? '', limit: query.limit ?? 50, after }),
        )
        // Newest first; pass next_cursor back as `cursor` for the next page (null on the last).
        return {
          members: page.rows.map((m) => memberJson(m, actor.tenant?.role ?? 'merchant_staff')),
          next_cursor: page.next ? encodeMemberCursor(page.next) : null,
        }
      },
      {
        auth: 'merchant',
        query: t.Object({
          q: t.Optional(t.String({ maxLength: 100 })),
          limit: t.Optional(t.Number({ minimum: 1, maximum: 200 })),
          cursor: t.Optional(t.String({ maxLength: 200 })),
        }),
        detail: {
          summary:
            'Members, newest first: {"members":[…],"next_cursor"}; pass next_cursor back as `cursor` for the next page (null on the last)',
        },
      },
    )
    .get(
      '/api/v1/merchant/members/:memberId',
      async ({ actor, params }) => {
        const scope = merchantScope(actor)
        const m = await inTenant(db, scope, (tx) => getMember(tx, scope, params.memberId))
        if (!m) throw notFound('Member')
        const entries = m.walletId ? await walletStatement(db, scope, m.walletId) : []
        return { ...memberJson(m, actor.tenant?.role ?? 'merchant_staff'), entries: entries.map(entryJson) }
      },
      { auth: 'merchant' },
    )
    .post(
      '/api/v1/merchant/members/:memberId/adjustments',
      async ({ actor, params, body, request }) => {
        const scope = merchantScope(actor)
        const now = deps.clock()
        return idempotentReply(
          {
            db,
            request,
            tenantId: scope.tenantId,
            callerId: actor.userId,
            route: 'POST /api/v1/merchant/members/:memberId/adjustments',
            body: { member_id: params.memberId, ...body },
            now,
          },
          async (tx) => ({
            status: 201,
            body: entryJson(
              await adjustMember(tx, actor as MerchantActor, params.memberId, {
                points: body.points,
                reason: body.reason,
                now,
              }),
            ),
          }),
        )
      },
      {
        auth: 'merchant_owner',
        body: t.Object({ points: t.Integer(), reason: t.String({ maxLength: 500 }) }),
        detail: {
          summary:
            'Owner: adjust a balance {"points": ±n, "reason"} + Idempotency-Key → 201 ledger entry; audited; never below zero (422)',
        },
      },
    )
}
