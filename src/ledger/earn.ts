// Awards and lot expiry, for POS ingestion and anything else that credits by a natural
// key. The reference (e.g. transaction id) is the idempotency key: the same award twice is one
// entry, and the unique index catches the race two concurrent deliveries could run.
import { type Db, isUniqueViolation, type Tx } from '../infra/db'
import { type TenantScope, withTenant } from '../infra/scope'
import { explainExpiry } from './explain'
import { type Entry, findEffect, lockWallet, lotsByIds, openLots } from './ledger.repo'
import { expiredLots } from './lots'
import { postCredit, postCreditToMember, postDebit } from './record-entry'
import { ensureWallet } from './wallets'

export type Posted = { entry: Entry; replayed: boolean }

export type EarnInput = {
  walletId: string
  points: number
  referenceType: string
  referenceId: string
  ruleVersionId: string | null
  explanation: string
  expiresAt?: Date | null
  now?: Date
  /**
   * The reference was created in the caller's transaction (a sale row just inserted), so no
   * entry can carry it yet: the effect lookup and its savepoint are skipped. The unique index
   * still guards it.
   */
  newReference?: boolean
}

/**
 * Runs `post` once per effect key. A savepoint keeps a lost race from aborting the caller's
 * transaction: the loser rolls back to it and returns the winner's entry as a replay.
 */
export async function once(
  tx: Tx,
  key: Parameters<typeof findEffect>,
  post: (tx: Tx) => Promise<Entry>,
): Promise<Posted> {
  const existing = await findEffect(...key)
  if (existing) return { entry: existing, replayed: true }
  try {
    return { entry: await tx.transaction(post), replayed: false }
  } catch (e) {
    if (!isUniqueViolation(e, 'ledger_entries_effect_once')) throw e
    const winner = await findEffect(...key)
    if (!winner) throw e
    return { entry: winner, replayed: true }
  }
}

/** Credits an award as one lot. Pass the caller's Tx to commit it with the caller's work. */
export function earn(d: Db | Tx, scope: TenantScope, input: EarnInput): Promise<Posted> {
  const now = input.now ?? new Date()
  return withTenant(d, scope, async (tx) => {
    const post = (sp: Tx) => postCredit(sp, scope, { ...creditOf(input, now), walletId: input.walletId })
    if (input.newReference) return { entry: await post(tx), replayed: false }
    return once(tx, [tx, scope, 'earn', input.referenceType, input.referenceId], post)
  })
}

/**
 * An award into the member's wallet in this shop, created on first use. For a new reference the
 * credit finds or creates the wallet itself: one statement instead of a read, maybe an insert,
 * and a credit (ADR 0019). The entry names the wallet.
 */
export function earnForMember(
  d: Db | Tx,
  scope: TenantScope,
  memberId: string,
  input: Omit<EarnInput, 'walletId'>,
): Promise<Posted> {
  const now = input.now ?? new Date()
  return withTenant(d, scope, async (tx) => {
    if (input.newReference) {
      const entry = await postCreditToMember(tx, scope, memberId, creditOf(input, now))
      if (entry) return { entry, replayed: false }
    }
    const wallet = await ensureWallet(tx, scope, memberId, now)
    return earn(tx, scope, { ...input, walletId: wallet.id, now })
  })
}

/** An award as the credit it posts: one lot of all its points. */
const creditOf = (input: Omit<EarnInput, 'walletId'>, now: Date) => ({
  type: 'earn' as const,
  points: input.points,
  referenceType: input.referenceType,
  referenceId: input.referenceId,
  ruleVersionId: input.ruleVersionId,
  explanation: input.explanation,
  lots: [{ points: input.points, expiresAt: input.expiresAt ?? null }],
  now,
})

/** Writes one expiry entry per lot past its expiry; running it twice writes nothing new. */
export function expireLots(d: Db | Tx, scope: TenantScope, walletId: string, now = new Date()): Promise<Entry[]> {
  return withTenant(d, scope, async (tx) => {
    const out: Entry[] = []
    for (const lot of expiredLots(await openLots(tx, scope, walletId), now)) {
      const r = await once(tx, [tx, scope, 'expiry', 'lot', lot.id], async (sp) => {
        // Re-read under the wallet lock: a spend may have drawn from the lot meanwhile.
        await lockWallet(sp, scope, walletId)
        const [fresh] = await lotsByIds(sp, scope, [lot.id])
        const left = fresh?.remaining ?? 0
        return postDebit(sp, scope, {
          type: 'expiry',
          walletId,
          points: left,
          fromLots: left ? [{ lotId: lot.id, points: left }] : [],
          referenceType: 'lot',
          referenceId: lot.id,
          explanation: explainExpiry(left),
          now,
        })
      })
      if (!r.replayed) out.push(r.entry)
    }
    return out
  })
}
