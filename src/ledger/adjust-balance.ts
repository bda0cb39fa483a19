// A balance correction, by a platform admin or by the shop's owner (issue 14.3). It goes
// through the same ledger as everything else (an adjustment entry, a lot when positive) and
// leaves an audit record with before/after in the same transaction, so neither exists without
// the other. Who made it shows in the member's explanation and the entry's reference type.
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { Tx } from '../infra/db'
import { asSystem } from '../infra/scope'
import type { Db } from '../infra/db'
import { AppError, notFound } from '../shared/errors'
import { newId } from '../shared/ids'
import { checkOperationPoints } from '../shared/points'
import { explainAdjustment, explainShopAdjustment } from './explain'
import { type Entry, lockWallet } from './ledger.repo'
import { postCredit, postDebit } from './record-entry'
import { wallets } from './ledger.schema'

export type AdjustInput = {
  walletId: string
  points: number
  reason: string
  actorUserId: string
  now: Date
  /** The shop's owner adjusting their own member; absent = SalesArck support. */
  byShop?: { name: string } | undefined
}

/** Which tenant a wallet belongs to; admins address wallets by id across tenants. */
export async function walletTenant(db: Db, walletId: string): Promise<string> {
  const [w] = await asSystem(db, (tx) =>
    tx.select({ tenantId: wallets.tenantId }).from(wallets).where(eq(wallets.id, walletId)),
  )
  if (!w) throw notFound('Wallet')
  return w.tenantId
}

/** Runs inside a transaction already scoped to the wallet's tenant. */
export async function adjustBalance(tx: Tx, tenantId: string, input: AdjustInput): Promise<Entry> {
  const reason = input.reason.trim()
  if (!reason) throw new AppError('validation_failed', 'A reason is required', { fields: { reason: 'is required' } })
  checkOperationPoints(input.points)
  if (input.points === 0) {
    throw new AppError('validation_failed', 'Points must be a whole number other than zero', {
      fields: { points: 'must be a non-zero integer' },
    })
  }
  const scope = { tenantId }
  const before = await lockWallet(tx, scope, input.walletId)
  if (!before) throw notFound('Wallet')
  const common = {
    walletId: input.walletId,
    referenceType: input.byShop ? 'shop_adjustment' : 'admin_adjustment',
    referenceId: newId('aud', input.now.getTime()),
    explanation: input.byShop
      ? explainShopAdjustment(input.points, input.byShop.name)
      : explainAdjustment(input.points),
    actorUserId: input.actorUserId,
    now: input.now,
  }
  const entry =
    input.points > 0
      ? await postCredit(tx, scope, { ...common, type: 'adjustment', points: input.points })
      : await postDebit(tx, scope, { ...common, type: 'adjustment', points: -input.points })
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'wallet.adjust',
    target: { type: 'wallet', id: input.walletId, tenantId },
    before: { balance: before.balance },
    after: {
      balance: entry.balanceAfter,
      entry_id: entry.id,
      points: input.points,
      by: input.byShop ? 'shop_owner' : 'platform_admin',
    },
    reason,
    at: input.now,
  })
  return entry
}
