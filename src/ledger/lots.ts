// Lot arithmetic, pure: which lots a spend consumes and which lots have expired. The shell
// loads open lots, calls these with `now` where it matters, and persists the result.
import { err, ok, type Result } from '../shared/result'

export type OpenLot = { id: string; remaining: number; expiresAt: Date | null; createdAt: Date }
export type Allocation = { lotId: string; points: number }

/**
 * Oldest-expiring first, so points that would lapse soonest are used before safer ones; lots
 * without expiry go last. Ties break on age, then id, so the order is total and repeatable.
 */
export function spendOrder(a: OpenLot, b: OpenLot): number {
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY
  if (ea !== eb) return ea < eb ? -1 : 1
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime()
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Takes `points` from `lots`, oldest-expiring first. `preferLotId` is drained first (a refund
 * takes back the very points its purchase earned). A lot past its expiry that the expiry job
 * has not reached yet still counts: until the expiry entry exists, its points are the
 * member's, and using them first is what the member would want.
 */
export function allocateSpend(
  lots: readonly OpenLot[],
  points: number,
  preferLotId?: string,
): Result<Allocation[], { shortBy: number }> {
  const usable = lots.filter((l) => l.remaining > 0).sort(spendOrder)
  const preferred = usable.findIndex((l) => l.id === preferLotId)
  if (preferred > 0) usable.unshift(...usable.splice(preferred, 1))
  const out: Allocation[] = []
  let left = points
  for (const lot of usable) {
    if (left === 0) break
    const take = Math.min(lot.remaining, left)
    out.push({ lotId: lot.id, points: take })
    left -= take
  }
  return left > 0 ? err({ shortBy: left }) : ok(out)
}

/** Lots whose expiry has passed with points still in them, oldest first. */
export function expiredLots(lots: readonly OpenLot[], now: Date): OpenLot[] {
  return lots.filter((l) => l.remaining > 0 && l.expiresAt !== null && l.expiresAt <= now).sort(spendOrder)
}
