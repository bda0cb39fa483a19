// Tenant B, seeded with one object of every kind the routes take ids for. The cross-tenant
// matrix calls every route as tenant A's people with these ids. When you add a table whose id
// appears in a route, seed one row here and add its id to ForeignIds.
import { memberActivity } from '../../src/analytics/analytics.schema'
import { asSystem } from '../../src/infra/scope'
import type { AppDeps } from '../../src/infra/deps'
import { redemptions, wallets } from '../../src/ledger/ledger.schema'
import { members } from '../../src/members/members.schema'
import { posConnections, posTransactions, inboxEvents } from '../../src/pos/pos.schema'
import { createBacktestRun } from '../../src/rules/backtest-progress'
import { newId } from '../../src/shared/ids'
import { makeCast, makeTenant } from '../helpers/identities'

export type ForeignIds = {
  tenantId: string
  tenantSlug: string
  tenantName: string
  userId: string
  memberId: string
  walletId: string
  redemptionId: string
  redemptionCode: string
  consumerPhone: string
  consumerEmail: string
  /** A back-test run of B's, in Redis. */
  backtestId: string
  /** B's POS connection (Square). */
  connectionId: string
  /** B's unmatched POS sale, and the inbox row it came from. */
  transactionId: string
  inboxEventId: string
}

export async function seedForeignTenant(deps: AppDeps): Promise<ForeignIds> {
  const t = await makeTenant(deps, { name: 'Foreign Shop B', slug: 'foreign-b' })
  const cast = await makeCast(deps, t)
  const memberId = newId('mbr')
  const walletId = newId('wal')
  const redemptionId = newId('red')
  const redemptionCode = 'BBBBCCCCDD'
  const consumerPhone = '+15550109999'
  const consumerEmail = 'foreign.consumer@b.test'
  const connectionId = newId('con')
  const transactionId = newId('txn')
  const inboxEventId = newId('whk')
  await asSystem(deps.dbh.db, async (tx) => {
    await tx.insert(members).values({
      id: memberId,
      tenantId: t.id,
      userId: cast.users.consumer.id,
      phone: consumerPhone,
      email: consumerEmail,
    })
    await tx.insert(wallets).values({ id: walletId, tenantId: t.id, memberId, balance: 500 })
    // B's busiest member, visiting today: would top tenant A's analytics if a read forgot its tenant.
    await tx.insert(memberActivity).values({
      tenantId: t.id,
      memberId,
      firstVisitAt: new Date(),
      lastVisitAt: new Date(),
      firstMonth: `${new Date().toISOString().slice(0, 8)}01`,
      visits: 999,
      pointsEarned: 99_999,
    })
    await tx.insert(redemptions).values({
      id: redemptionId,
      tenantId: t.id,
      walletId,
      code: redemptionCode,
      points: 100,
      expiresAt: new Date(Date.now() + 3600_000),
    })
    await tx.insert(posConnections).values({
      id: connectionId,
      tenantId: t.id,
      provider: 'square',
      externalMerchantId: 'FOREIGNSQMERCHANT',
      authMode: 'oauth',
    })
    await tx.insert(inboxEvents).values({
      id: inboxEventId,
      provider: 'square',
      providerEventId: 'foreign-evt',
      externalMerchantId: 'FOREIGNSQMERCHANT',
      tenantId: t.id,
      eventType: 'payment.updated',
      rawBody: '{}',
      status: 'processed',
    })
    await tx.insert(posTransactions).values({
      id: transactionId,
      tenantId: t.id,
      provider: 'square',
      providerTransactionId: 'foreign-pay',
      occurredAt: new Date(),
      currency: 'USD',
      totalMinor: 1000,
      state: 'unmatched',
      reason: 'no_identity',
      inboxEventId,
    })
  })
  const backtestId = newId('bkt')
  await createBacktestRun(deps.redis, { id: backtestId, tenantId: t.id, baseVersion: 1 })
  return {
    tenantId: t.id,
    tenantSlug: t.slug,
    tenantName: t.name,
    userId: cast.users.owner.id,
    memberId,
    walletId,
    redemptionId,
    redemptionCode,
    consumerPhone,
    consumerEmail,
    backtestId,
    connectionId,
    transactionId,
    inboxEventId,
  }
}

/** Strings that must never appear in a response to tenant A (ids and identifying values of B). */
export function foreignMarkers(f: ForeignIds): string[] {
  return [
    f.tenantId,
    f.tenantSlug,
    f.tenantName,
    f.memberId,
    f.walletId,
    f.redemptionId,
    f.redemptionCode,
    f.consumerPhone,
    f.consumerEmail,
    f.backtestId,
    f.connectionId,
    'FOREIGNSQMERCHANT',
  ]
}
