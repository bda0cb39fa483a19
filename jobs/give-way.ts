// ROLE=all: the receipt and the processing worker share one process. While deliveries arrive
// faster than processing could keep up with anyway, the processing queue runs one job at a time
// so the acknowledgements keep the CPU: a provider that is not answered quickly retries, and
// every retry is more work. The rows are durable, so nothing waits that would not have waited;
// the backlog drains at full concurrency within a second of the rush easing (ADR 0019).
// A worker in its own process (ROLE=worker) sees no receipt here and always runs at full speed.

/** Deliveries per second above which the ack comes first: above what processing drains (docs/BENCHMARKS.md, ingest). */
export const RUSH_PER_SECOND = 1_000
const CHECK_MS = 100

/** The processing queue's concurrency for this receipt rate. */
export const concurrencyFor = (receiptsPerSecond: number, full: number): number =>
  receiptsPerSecond > RUSH_PER_SECOND ? 1 : full

/** Keeps `worker`'s concurrency in step with the receipt; returns the function that stops it. */
export function giveWayToReceipt(
  worker: { concurrency: number },
  full: number,
  receiptsPerSecond: () => number,
): () => void {
  const timer = setInterval(() => {
    const want = concurrencyFor(receiptsPerSecond(), full)
    if (worker.concurrency !== want) worker.concurrency = want
  }, CHECK_MS)
  timer.unref()
  return () => clearInterval(timer)
}
