// How fast this process is acknowledging deliveries, so that a worker sharing the process
// (ROLE=all) can give way to the receipt during a rush (ADR 0019, "the ack first"). Counted per
// process on purpose: a worker in its own process (ROLE=worker) never sees a rush here and
// always runs at full concurrency.

const SLOT_MS = 100
const SLOTS = 10 // one second

/** Deliveries acknowledged (redeliveries too) per 100 ms slot over the last second; the time is an argument, for tests. */
export function createReceiptRate() {
  const counts = new Array<number>(SLOTS).fill(0)
  let slot = 0 // the slot number (ms / SLOT_MS) that counts[slot % SLOTS] belongs to
  const advance = (nowMs: number) => {
    const current = Math.floor(nowMs / SLOT_MS)
    for (let s = Math.max(slot + 1, current - SLOTS + 1); s <= current; s++) counts[s % SLOTS] = 0
    slot = Math.max(slot, current)
  }
  return {
    note(nowMs: number, n = 1) {
      advance(nowMs)
      counts[slot % SLOTS] = (counts[slot % SLOTS] ?? 0) + n
    },
    /** Deliveries in the last second. */
    perSecond(nowMs: number): number {
      advance(nowMs)
      return counts.reduce((a, b) => a + b, 0)
    },
  }
}

/** This process's receipt. */
export const receiptRate = createReceiptRate()
