// One normalised event applied inside the tenant's transaction. Each outcome is guarded by a
// unique key: the sale row per provider transaction, the refund row per provider refund, the
// ledger effect per reference. So repeated, concurrent or out-of-order deliveries converge.
// What a sale does is decided in sale-decision.ts; this file loads the state and acts.
import type { Tx } from '../../infra/db'
import type { CustomerLinked, PosEvent, Refund, SaleCompleted } from '../pos-event'
import { applyPrivacyRequest } from './apply-privacy-request'
import { type AwardContext, awardTransaction } from './award-transaction'
import { type IdentitySignal, mergeSignals } from './identity-decision'
import { normaliseSignals, resolveMember } from './resolve-identity'
import { decideAward, decideSale, followsCustomer } from './sale-decision'
import { settleRefunds } from './settle-refunds'
import {
  countDuplicate,
  lockOrCreateTransaction,
  lockTransaction,
  type PosTransaction,
  recordRefund,
  updateTransaction,
  waitingForCustomer,
} from './transactions.repo'

export type ApplyContext = AwardContext & { priority: readonly IdentitySignal[]; inboxEventId: string }
export type ApplyOutcome =
  | 'awarded'
  | 'unmatched'
  | 'duplicate'
  | 'refund_recorded'
  | 'customer_linked'
  | 'connection_revoked'
  | 'privacy_applied'
  | 'ignored'

export async function applyEvent(tx: Tx, ctx: ApplyContext, event: PosEvent): Promise<ApplyOutcome> {
  switch (event.type) {
    case 'sale_completed':
      return applySale(tx, ctx, event)
    case 'refund':
      return applyRefund(tx, ctx, event)
    case 'customer_linked':
      return applyCustomerLinked(tx, ctx, event)
    case 'access_revoked':
      // Acted on before this transaction (processInboxEvent): the connection's state machine
      // and its one email live outside any tenant transaction.
      return 'connection_revoked'
    case 'privacy_request':
      return applyPrivacyRequest(tx, ctx, event)
    case 'ignored':
      return 'ignored'
  }
}

async function applySale(tx: Tx, ctx: ApplyContext, sale: SaleCompleted): Promise<ApplyOutcome> {
  if (sale.amounts === null) throw new Error('a sale notice reached processing without its details')
  const { total, ...amounts } = sale.amounts
  const facts = { totalMinor: total, amounts, currency: sale.currency, identity: normaliseSignals(sale.identity) }
  const state = await lockOrCreateTransaction(
    tx,
    ctx.scope,
    {
      provider: sale.provider,
      providerTransactionId: sale.providerTransactionId,
      occurredAt: new Date(sale.occurredAt),
      ...facts,
      inboxEventId: ctx.inboxEventId,
    },
    ctx.now,
  )
  const decision = decideSale(state, facts)
  if (decision.kind === 'countDuplicate') {
    await countDuplicate(tx, ctx.scope, state.txn.id, ctx.now)
    return 'duplicate'
  }
  const known = decision.update
    ? await updateTransaction(tx, ctx.scope, state.txn.id, decision.update, ctx.now)
    : state.txn
  return resolveAndAward(tx, ctx, known, { fresh: decision.fresh })
}

/** Resolve the row's identity and award it, or record why it cannot be awarded yet. */
export async function resolveAndAward(
  tx: Tx,
  ctx: ApplyContext,
  txn: PosTransaction,
  { fresh = false } = {},
): Promise<'awarded' | 'unmatched'> {
  const resolution = await resolveMember(tx, ctx.scope, txn.provider, txn.identity, ctx.priority, ctx.now)
  let outcome: 'awarded' | 'unmatched' = 'awarded'
  for (const action of decideAward(txn, resolution, { fresh })) {
    switch (action.kind) {
      case 'markUnmatched':
        await updateTransaction(tx, ctx.scope, txn.id, { state: 'unmatched', reason: action.reason }, ctx.now)
        outcome = 'unmatched'
        break
      case 'award':
        await awardTransaction(tx, ctx, txn, action.memberId, { fresh: action.fresh })
        break
      case 'awardWaitingFor':
        await awardWaiting(tx, ctx, txn.provider, action.providerCustomerId, action.identity, action.exceptId)
        break
    }
  }
  return outcome
}

async function awardWaiting(
  tx: Tx,
  ctx: ApplyContext,
  provider: PosTransaction['provider'],
  customerId: string,
  identity: PosTransaction['identity'],
  exceptId: string | null,
): Promise<number> {
  let awarded = 0
  for (const waiting of await waitingForCustomer(tx, ctx.scope, provider, customerId)) {
    if (!followsCustomer(waiting, exceptId)) continue
    const locked = await lockTransaction(tx, ctx.scope, waiting)
    if (locked?.state !== 'unmatched') continue
    const merged = await updateTransaction(
      tx,
      ctx.scope,
      locked.id,
      { identity: mergeSignals(locked.identity, identity) },
      ctx.now,
    )
    const resolution = await resolveMember(tx, ctx.scope, provider, merged.identity, ctx.priority, ctx.now)
    // Still not enough to know them: the sale keeps waiting as it was.
    if (resolution.kind !== 'member') continue
    await awardTransaction(tx, ctx, merged, resolution.memberId)
    awarded++
  }
  return awarded
}

async function applyRefund(tx: Tx, ctx: ApplyContext, refund: Refund): Promise<ApplyOutcome> {
  await recordRefund(
    tx,
    ctx.scope,
    {
      provider: refund.provider,
      providerRefundId: refund.refundId,
      providerTransactionId: refund.originalTransactionId,
      amountMinor: refund.amount,
      currency: refund.currency,
      occurredAt: new Date(refund.occurredAt),
      inboxEventId: ctx.inboxEventId,
    },
    ctx.now,
  )
  // Sale not seen yet: the refund waits in pos_refunds and is settled when the sale is awarded.
  const txn = await lockTransaction(tx, ctx.scope, {
    provider: refund.provider,
    providerTransactionId: refund.originalTransactionId,
  })
  if (txn) await settleRefunds(tx, ctx, txn)
  return 'refund_recorded'
}

/** The POS now knows this customer's phone or email: sales that were waiting for it are awarded. */
async function applyCustomerLinked(tx: Tx, ctx: ApplyContext, event: CustomerLinked): Promise<ApplyOutcome> {
  const signals = normaliseSignals({ ...event.identity, providerCustomerId: event.providerCustomerId })
  const n = await awardWaiting(tx, ctx, event.provider, event.providerCustomerId, signals, null)
  return n > 0 ? 'customer_linked' : 'ignored'
}
