// The only way points move. Each post runs inside the caller's tenant transaction and does, in
// order: the guarded balance UPDATE (which also takes the wallet's row lock, serialising every
// writer of this wallet), the lot changes, then the entry with the balance it produced. Lock
// order is always redemption → wallet → lots, so concurrent writers cannot deadlock.
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { AppError, notFound } from '../shared/errors'
import { newId } from '../shared/ids'
import { MAX_BALANCE } from '../shared/points'
import {
  type CreditTarget,
  creditWallet,
  drawFromLot,
  type Entry,
  insertAllocations,
  insertEntry,
  lockWallet,
  moveBalance,
  openLots,
} from './ledger.repo'
import type { EntryType } from './ledger.schema'
import { type Allocation, allocateSpend } from './lots'

type Common = {
  walletId: string
  referenceType: string
  referenceId: string
  explanation: string
  ruleVersionId?: string | null
  actorUserId?: string | null
  now: Date
}

export type CreditInput = Common & {
  type: Extract<EntryType, 'earn' | 'redeem_reversal' | 'adjustment'>
  points: number
  /** How the credit splits into lots; defaults to one lot of all the points, never expiring. */
  lots?: { points: number; expiresAt: Date | null }[]
}

export type DebitInput = Common & {
  type: Extract<EntryType, 'redeem' | 'earn_reversal' | 'adjustment' | 'expiry'>
  /** Points to take, as a positive number (the entry stores it negative). */
  points: number
  /** Lots to use, when the caller already knows (expiry of one lot); otherwise allocateSpend. */
  fromLots?: Allocation[]
  preferLotId?: string
}

async function ensureWalletExists(tx: Tx, scope: TenantScope, walletId: string) {
  if (!(await lockWallet(tx, scope, walletId))) throw notFound('Wallet')
}

export async function postCredit(tx: Tx, scope: TenantScope, input: CreditInput): Promise<Entry> {
  const entry = await credit(tx, scope, { walletId: input.walletId }, input)
  if (!entry) throw notFound('Wallet')
  return entry
}

/**
 * A credit into the member's wallet in this shop, found, or created on the member's first
 * credit, by the credit's own statement (no read first). Null, with nothing written, only if the
 * member's wallet is another shop's.
 */
export function postCreditToMember(
  tx: Tx,
  scope: TenantScope,
  memberId: string,
  input: Omit<CreditInput, 'walletId'>,
): Promise<Entry | null> {
  return credit(tx, scope, { memberId, newWalletId: newId('wal', input.now.getTime()) }, input)
}

async function credit(
  tx: Tx,
  scope: TenantScope,
  target: CreditTarget,
  input: Omit<CreditInput, 'walletId'>,
): Promise<Entry | null> {
  if (!Number.isSafeInteger(input.points) || input.points <= 0)
    throw new RangeError('credit points must be a positive integer')
  const split = input.lots ?? [{ points: input.points, expiresAt: null }]
  if (split.reduce((s, l) => s + l.points, 0) !== input.points)
    throw new Error('lot split does not add up to the credit')
  const row = entryRow(scope, input, input.points)
  const credited = await creditWallet(
    tx,
    target,
    row,
    split.map((l) => ({ id: newId('lot', input.now.getTime()), points: l.points, expiresAt: l.expiresAt })),
  )
  if (!credited) return null
  // Refused after the write, which rolls back with the caller's transaction: checking first
  // would need the wallet lock the UPDATE takes anyway.
  if (credited.balance > MAX_BALANCE)
    throw new AppError('rule_violation', `A wallet holds at most ${MAX_BALANCE.toLocaleString('en-US')} points`)
  return { ...row, walletId: credited.walletId, balanceAfter: credited.balance }
}

/** Throws insufficient_points (422) when the wallet holds fewer than `points`. */
export async function postDebit(tx: Tx, scope: TenantScope, input: DebitInput): Promise<Entry> {
  if (!Number.isSafeInteger(input.points) || input.points < 0)
    throw new RangeError('debit points must be a non-negative integer')
  const balance = await moveBalance(tx, scope, input.walletId, -input.points, input.now)
  if (balance === null) {
    await ensureWalletExists(tx, scope, input.walletId)
    throw new AppError('insufficient_points', 'There are not enough points in this wallet')
  }
  let allocations = input.fromLots
  if (!allocations) {
    const picked = allocateSpend(await openLots(tx, scope, input.walletId), input.points, input.preferLotId)
    // The balance guard passed, so the lots must cover it; if not, a projection is corrupt and
    // reconciliation will say which. Refuse rather than write an unexplained debit.
    if (!picked.ok) throw new Error('open lots do not cover the wallet balance')
    allocations = picked.value
  }
  for (const a of allocations) {
    if (!(await drawFromLot(tx, scope, a.lotId, a.points))) throw new Error('lot has fewer points than allocated')
  }
  const entry = await insertEntry(tx, {
    ...entryRow(scope, input, -input.points),
    walletId: input.walletId,
    balanceAfter: balance,
  })
  const entryId = entry.id
  await insertAllocations(
    tx,
    allocations.map((a) => ({
      id: newId('lot', input.now.getTime()),
      tenantId: scope.tenantId,
      entryId,
      lotId: a.lotId,
      points: a.points,
      createdAt: input.now,
    })),
  )
  return entry
}

/** The ledger row both directions write, but for its wallet and the balance it left: the signed points. */
function entryRow(scope: TenantScope, input: Omit<CreditInput | DebitInput, 'walletId'>, signedPoints: number) {
  return {
    id: newId('ent', input.now.getTime()),
    tenantId: scope.tenantId,
    type: input.type,
    points: signedPoints,
    referenceType: input.referenceType,
    referenceId: input.referenceId,
    ruleVersionId: input.ruleVersionId ?? null,
    explanation: input.explanation,
    actorUserId: input.actorUserId ?? null,
    createdAt: input.now,
  }
}
