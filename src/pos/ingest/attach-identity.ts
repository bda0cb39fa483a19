// A merchant names the customer of an unmatched sale (phone or email typed at the counter or
// read off a receipt) and the sale is awarded. The merchant's word decides: only the attached
// signal is used, which is also how a flagged identity conflict gets resolved.
import { recordAudit } from '../../audit'
import type { AppDeps } from '../../infra/deps'
import { inTenant, type TenantScope } from '../../infra/scope'
import { normalizeEmail, normalizePhone } from '../../members'
import { getActiveRules } from '../../rules'
import { AppError, notFound } from '../../shared/errors'
import { getTenant } from '../../tenancy'
import { resolveAndAward } from './apply-event'
import { lockTransactionById, updateTransaction } from './transactions.repo'

export async function attachIdentity(
  deps: AppDeps,
  scope: TenantScope,
  actorUserId: string,
  transactionId: string,
  contact: string,
): Promise<'awarded' | 'unmatched'> {
  const raw = contact.trim()
  const email = raw.includes('@') ? normalizeEmail(raw) : null
  const phone = email ? null : normalizePhone(raw)
  if (!email && !phone)
    throw new AppError('validation_failed', 'Enter a phone number or an email address', {
      fields: { contact: 'is not a phone number or an email address' },
    })
  const tenant = await getTenant(deps.dbh.db, scope.tenantId)
  if (!tenant) throw notFound('Shop')
  const rules = await getActiveRules(deps, scope.tenantId)
  const now = deps.clock()
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const txn = await lockTransactionById(tx, scope, transactionId)
    if (!txn) throw notFound('Transaction')
    if (txn.state !== 'unmatched') throw new AppError('conflict', 'Only an unmatched sale can be given a customer')
    const identity = phone ? { phone } : { email: email! }
    const updated = await updateTransaction(tx, scope, txn.id, { identity }, now)
    // The attached signal alone, whatever the tenant's priority: a person chose it.
    const priority = phone ? (['phone'] as const) : (['email'] as const)
    const outcome = await resolveAndAward(
      tx,
      { scope, rules, timeZone: tenant.timeZone, now, priority, inboxEventId: txn.inboxEventId ?? '' },
      updated,
    )
    await recordAudit(tx, {
      actorUserId,
      action: 'pos_transaction.attach_identity',
      target: { type: 'pos_transaction', id: txn.id, tenantId: scope.tenantId },
      before: { state: txn.state, reason: txn.reason },
      after: { state: outcome, signal: phone ? 'phone' : 'email' },
      reason: 'customer named by the merchant',
      at: now,
    })
    return outcome
  })
}
