// The signed-in consumer's own wallets across shops. These run in system scope by design (a
// person spans tenants) and always filter by the person's user id.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { members, tenants } from '../infra/schema'
import { asSystem } from '../infra/scope'
import { wallets } from './ledger.schema'

export type PersonWallet = {
  walletId: string
  tenantId: string
  tenantName: string
  currency: string
  balance: number
  memberId: string
}

const personWallet = {
  walletId: wallets.id,
  tenantId: wallets.tenantId,
  tenantName: tenants.name,
  currency: tenants.currency,
  balance: wallets.balance,
  memberId: members.id,
}

/** The signed-in consumer's wallets, one per shop. */
export function walletsOfUser(db: Db, userId: string): Promise<PersonWallet[]> {
  return asSystem(db, (tx) =>
    tx
      .select(personWallet)
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .innerJoin(tenants, eq(tenants.id, wallets.tenantId))
      .where(eq(members.userId, userId))
      .orderBy(tenants.name),
  )
}

/** One wallet, only if it belongs to this user: anything else is "not found". */
export async function ownedWallet(db: Db, userId: string, walletId: string): Promise<PersonWallet | null> {
  const [w] = await asSystem(db, (tx) =>
    tx
      .select(personWallet)
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .innerJoin(tenants, eq(tenants.id, wallets.tenantId))
      .where(and(eq(wallets.id, walletId), eq(members.userId, userId))),
  )
  return w ?? null
}
