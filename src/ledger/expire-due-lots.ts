// The scheduled side of point expiry: every wallet that holds a lot past its expiry gets an
// `expiry` entry for what is left of it (one per lot, unique, so a rerun writes nothing new).
import { and, gt, isNotNull, lte } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { expireLots } from './earn'
import { lots } from './ledger.schema'

export async function expireDueLots(db: Db, now: Date, batch = 500): Promise<{ wallets: number; entries: number }> {
  // Finding the wallets is cross-tenant by nature (a scheduled job); each expiry then runs in
  // its own tenant's scope.
  const due = await asSystem(db, (tx) =>
    tx
      .selectDistinct({ tenantId: lots.tenantId, walletId: lots.walletId })
      .from(lots)
      .where(and(isNotNull(lots.expiresAt), lte(lots.expiresAt, now), gt(lots.remaining, 0)))
      .limit(batch),
  )
  let entries = 0
  for (const w of due) entries += (await expireLots(db, { tenantId: w.tenantId }, w.walletId, now)).length
  return { wallets: due.length, entries }
}
