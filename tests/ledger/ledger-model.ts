// An in-memory model of one wallet, written independently of src/ledger: the property test
// runs the same commands against both and compares after every step.
export type Cmd =
  | { k: 'earn'; points: number; expiryDays: number | null }
  | { k: 'redeem'; points: number }
  | { k: 'complete'; pick: number }
  | { k: 'expire'; pick: number }
  | { k: 'adjust'; points: number }
  | { k: 'refund'; pick: number }

type Lot = { seq: number; expiresAt: number | null; createdAt: number; remaining: number; earnRef?: string }
type Red = {
  points: number
  expiresAt: number
  state: 'issued' | 'completed' | 'expired'
  completedAt?: number
  allocations: { expiresAt: number | null; points: number }[]
}

export class WalletModel {
  balance = 0
  lots: Lot[] = []
  reds: Red[] = []
  earns: { ref: string; points: number; reversed: boolean }[] = []
  private seq = 0

  private order(a: Lot, b: Lot) {
    const ea = a.expiresAt ?? Number.POSITIVE_INFINITY
    const eb = b.expiresAt ?? Number.POSITIVE_INFINITY
    return ea - eb || a.createdAt - b.createdAt || a.seq - b.seq
  }

  credit(points: number, now: number, split: { expiresAt: number | null; points: number }[], earnRef?: string) {
    this.balance += points
    for (const s of split)
      this.lots.push({
        seq: this.seq++,
        expiresAt: s.expiresAt,
        createdAt: now,
        remaining: s.points,
        ...(earnRef ? { earnRef } : {}),
      })
  }

  /** Null when the balance is short (the real ledger answers insufficient_points). */
  debit(points: number, preferRef?: string): { expiresAt: number | null; points: number }[] | null {
    if (points > this.balance) return null
    this.balance -= points
    const open = this.lots.filter((l) => l.remaining > 0).sort((a, b) => this.order(a, b))
    const own = open.findIndex((l) => preferRef !== undefined && l.earnRef === preferRef)
    if (own > 0) open.unshift(...open.splice(own, 1))
    const taken: { expiresAt: number | null; points: number }[] = []
    let left = points
    for (const l of open) {
      if (!left) break
      const t = Math.min(l.remaining, left)
      l.remaining -= t
      left -= t
      taken.push({ expiresAt: l.expiresAt, points: t })
    }
    return taken
  }

  /** Open points per expiry date: what the consumer can lose when. */
  buckets(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const l of this.lots)
      if (l.remaining > 0) out[String(l.expiresAt)] = (out[String(l.expiresAt)] ?? 0) + l.remaining
    return out
  }
}
