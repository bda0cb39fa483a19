// "You earned N points": after a batch of sales committed, from the worker, for each award to a
// signed-up person who asked for it. Keyed by the sale, so a rerun of the job sends nothing new.
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { getTenant, type Tenant } from '../tenancy'
import { points, sendNotice } from './send-notice'

export type EarnedAward = {
  tenantId: string
  transactionId: string
  points: number
  award: { userId: string; balance: number } | null
}

export async function notifyPointsEarned(deps: AppDeps, sales: readonly EarnedAward[]): Promise<void> {
  // A batch's sales are mostly one shop's: its name is read once.
  const shops = new Map<string, Tenant>()
  for (const s of sales) {
    if (!s.award || s.points <= 0) continue
    try {
      const shop = shops.get(s.tenantId) ?? (await getTenant(deps.dbh.db, s.tenantId))
      if (!shop) continue
      shops.set(s.tenantId, shop)
      const text = `You earned ${points(s.points)}. Your balance is now ${points(s.award.balance)}.`
      await sendNotice(deps, {
        tenantId: s.tenantId,
        shopName: shop.name,
        userId: s.award.userId,
        kind: 'points_earned',
        key: `earned:${s.transactionId}`,
        text,
      })
    } catch (error) {
      // The award stands; a notification that cannot be sent is logged (ids only) and dropped.
      log.warn({ err: error, transactionId: s.transactionId }, 'points earned: notification not sent')
    }
  }
}
