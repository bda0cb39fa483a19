// The wallet: one per member and shop, its balance the ledger's projection (written in the same
// transaction as each entry, see record-entry.ts). Created on first use, by whoever first moves
// points for the member.
import type { Db, Tx } from '../infra/db'
import { columnsOf, runPrepared } from '../infra/prepared'
import { type TenantScope, withTenant } from '../infra/scope'
import { newId } from '../shared/ids'
import { wallets } from './ledger.schema'

export type Wallet = typeof wallets.$inferSelect

const wallet = columnsOf(wallets)

/** The member's wallet in this tenant, created on first use. Pass a Tx to join the caller's work. */
export function ensureWallet(d: Db | Tx, scope: TenantScope, memberId: string, now = new Date()): Promise<Wallet> {
  return withTenant(d, scope, async (tx) => {
    // Read first: nearly every award is to a member who has a wallet already (one round trip,
    // prepared: infra/prepared.ts).
    const walletOf = async () => {
      const [row] = await runPrepared(
        tx,
        `select ${wallet.list} from wallets where tenant_id = $1 and member_id = $2`,
        [scope.tenantId, memberId],
      )
      return row && wallet.row(row)
    }
    const existing = await walletOf()
    if (existing) return existing
    const [created] = await tx
      .insert(wallets)
      .values({ id: newId('wal', now.getTime()), tenantId: scope.tenantId, memberId })
      .onConflictDoNothing()
      .returning()
    const w = created ?? (await walletOf())
    if (!w) throw new Error('wallet vanished after insert')
    return w
  })
}
