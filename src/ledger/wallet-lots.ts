// A wallet's open lots (points not yet spent or expired) with their expiry, soonest first:
// the merchant's member page shows what lapses when.
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { openLots } from './ledger.repo'
import type { OpenLot } from './lots'

export function walletLots(db: Db, scope: TenantScope, walletId: string): Promise<OpenLot[]> {
  return inTenant(db, scope, (tx) => openLots(tx, scope, walletId))
}
