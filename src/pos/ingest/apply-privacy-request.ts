// Shopify's compliance requests, applied inside the shop's tenant transaction. Balances and the
// ledger never change: only identities (members, POS customer links, pos_transactions.identity)
// and the stored webhook bodies that carry them are erased. Each request leaves an audit record
// naming ids only, which is how an admin sees a data request to answer (audit log, actor
// `provider:shopify`).
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import { recordAudit } from '../../audit'
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { erasePosCustomer, normalizeEmail, normalizePhone, unlinkPosCustomers } from '../../members'
import { posConnections, posTransactions, inboxEvents } from '../pos.schema'
import type { PrivacyRequest } from '../pos-event'
import { connectionFor } from './inbox.repo'

type Ctx = { scope: TenantScope; now: Date; inboxEventId: string }
export type PrivacyOutcome = 'privacy_applied' | 'ignored'

/** What an erased inbox event keeps: its envelope (provider, ids, type, status), as retention does. */
const ERASED_BODY = { rawBody: '', headers: {} }

const REASONS: Record<PrivacyRequest['request'], string> = {
  customer_data_request: 'Shopify customers/data_request: send this customer’s data (ids below) to the shop owner',
  customer_redact: 'Shopify customers/redact: the customer’s identity in this shop was erased; balances unchanged',
  shop_redact:
    'Shopify shop/redact: the shop’s POS identities, stored bodies and tokens were erased; balances unchanged',
}

export async function applyPrivacyRequest(tx: Tx, ctx: Ctx, e: PrivacyRequest): Promise<PrivacyOutcome> {
  const connection = await connectionFor(tx, e.provider, e.externalMerchantId)
  if (!connection || connection.tenantId !== ctx.scope.tenantId) return 'ignored'
  let after: Record<string, unknown> = {
    provider_customer_id: e.customer?.providerCustomerId ?? null,
    order_ids: e.orderIds,
    ...(e.requestId && { data_request_id: e.requestId }),
  }
  let reason = REASONS[e.request]
  if (e.request === 'customer_redact') after = { ...after, erased: await redactCustomer(tx, ctx, e) }
  if (e.request === 'shop_redact') {
    // Only after an uninstall Shopify confirmed (the access_revoked event before this one).
    if (connection.status !== 'revoked' && connection.status !== 'disconnected') {
      reason = 'Shopify shop/redact refused: the app is still installed on this shop (a replayed request?)'
      after = { erased: null }
    } else after = { erased: await redactShop(tx, ctx, e, connection.id) }
  }
  await recordAudit(tx, {
    actorUserId: `provider:${e.provider}`,
    action: `pos.privacy.${e.request}`,
    target: { type: 'pos_connection', id: connection.id, tenantId: ctx.scope.tenantId },
    before: null,
    after,
    reason,
    at: ctx.now,
  })
  return 'privacy_applied'
}

async function redactCustomer(tx: Tx, ctx: Ctx, e: PrivacyRequest) {
  const c = e.customer ?? {}
  const tenant = eq(posTransactions.tenantId, ctx.scope.tenantId)
  const email = normalizeEmail(c.email)
  const phone = normalizePhone(c.phone)
  const matches: SQL[] = [
    ...(e.orderIds.length ? [inArray(posTransactions.providerTransactionId, e.orderIds)] : []),
    ...(c.providerCustomerId
      ? [sql`${posTransactions.identity}->>'providerCustomerId' = ${c.providerCustomerId}`]
      : []),
    ...(email ? [sql`${posTransactions.identity}->>'email' = ${email}`] : []),
    ...(phone ? [sql`${posTransactions.identity}->>'phone' = ${phone}`] : []),
  ]
  const txns = matches.length
    ? await tx
        .update(posTransactions)
        .set({ identity: {}, updatedAt: ctx.now })
        .where(and(tenant, eq(posTransactions.provider, e.provider), or(...matches)))
        .returning({ inboxEventId: posTransactions.inboxEventId })
    : []
  const members = await erasePosCustomer(
    tx,
    ctx.scope,
    {
      provider: e.provider,
      ...(c.providerCustomerId && { externalCustomerId: c.providerCustomerId }),
      ...(c.phone && { phone: c.phone }),
      ...(c.email && { email: c.email }),
    },
    ctx.now,
  )
  // Bodies: those behind the erased sales, any naming the customer id or email, and this request's own.
  const needles = [
    ...(c.providerCustomerId ? [`"id":${c.providerCustomerId}`, `"customer_id":${c.providerCustomerId}`] : []),
    ...(email ? [email] : []),
  ]
  const linked = [ctx.inboxEventId, ...txns.flatMap((t) => (t.inboxEventId ? [t.inboxEventId] : []))]
  const bodies = await tx
    .update(inboxEvents)
    .set(ERASED_BODY)
    .where(
      and(
        eq(inboxEvents.tenantId, ctx.scope.tenantId),
        eq(inboxEvents.provider, e.provider),
        or(
          inArray(inboxEvents.id, linked),
          ...needles.map((n) => sql`strpos(lower(${inboxEvents.rawBody}), ${n.toLowerCase()}) > 0`),
        ),
      ),
    )
    .returning({ id: inboxEvents.id })
  return { members, transactions: txns.length, bodies: bodies.length }
}

async function redactShop(tx: Tx, ctx: Ctx, e: PrivacyRequest, connectionId: string) {
  const txns = await tx
    .update(posTransactions)
    .set({ identity: {}, updatedAt: ctx.now })
    .where(and(eq(posTransactions.tenantId, ctx.scope.tenantId), eq(posTransactions.provider, e.provider)))
    .returning({ id: posTransactions.id })
  const links = await unlinkPosCustomers(tx, ctx.scope, e.provider)
  const bodies = await tx
    .update(inboxEvents)
    .set(ERASED_BODY)
    .where(
      and(
        eq(inboxEvents.tenantId, ctx.scope.tenantId),
        eq(inboxEvents.provider, e.provider),
        eq(inboxEvents.externalMerchantId, e.externalMerchantId),
      ),
    )
    .returning({ id: inboxEvents.id })
  await tx
    .update(posConnections)
    .set({ accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null })
    .where(and(eq(posConnections.tenantId, ctx.scope.tenantId), eq(posConnections.id, connectionId)))
  return { transactions: txns.length, customer_links: links, bodies: bodies.length }
}
