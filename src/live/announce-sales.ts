// After a batch of sales committed: each sale to its shop's merchants (`transaction`) and each
// award's new balance to the consumer it belongs to (`balance`). Ids and numbers only: events
// carry no contact, name or amount a screen could not already show its viewer.
import type { Redis } from 'ioredis'
import { log } from '../infra/logger'
import { tenantChannel, userChannel } from './live-channels'
import { type Publication, publishLive } from './publish-live'

export type SaleAnnouncement = {
  tenantId: string
  transactionId: string
  state: string
  points: number
  award: { userId: string; walletId: string; balance: number } | null
}

/** Best effort: a lost announcement costs a page its live update, never a sale (polling remains). */
export async function announceSales(redis: Redis, prefix: string, sales: readonly SaleAnnouncement[]): Promise<void> {
  const events: Publication[] = []
  for (const s of sales) {
    events.push({
      channel: tenantChannel(prefix, s.tenantId),
      event: 'transaction',
      data: { transaction_id: s.transactionId, state: s.state, points: s.points },
    })
    if (s.award)
      events.push({
        channel: userChannel(prefix, s.award.userId),
        event: 'balance',
        data: { wallet_id: s.award.walletId, tenant_id: s.tenantId, balance: s.award.balance },
      })
  }
  try {
    await publishLive(redis, events)
  } catch (error) {
    log.warn({ err: error }, 'live: could not announce sales')
  }
}
