// What a consumer should be told before it happens: the next date some of their points expire
// and how many, so expiry is never a surprise (the top loyalty complaint, loyalty-features §4).
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { openLots } from './ledger.repo'

export type NextExpiry = { points: number; at: Date } | null

export async function nextExpiry(db: Db, scope: TenantScope, walletId: string, now: Date): Promise<NextExpiry> {
  const open = await inTenant(db, scope, (tx) => openLots(tx, scope, walletId))
  const dated = open.filter((l) => l.expiresAt && l.expiresAt > now)
  const first = dated[0]?.expiresAt
  if (!first) return null
  // Everything lapsing on that same calendar day counts together.
  const day = first.toISOString().slice(0, 10)
  const points = dated
    .filter((l) => l.expiresAt!.toISOString().slice(0, 10) === day)
    .reduce((s, l) => s + l.remaining, 0)
  return { points, at: first }
}
