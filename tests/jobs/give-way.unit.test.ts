import { describe, expect, test } from 'bun:test'
import { concurrencyFor, giveWayToReceipt, RUSH_PER_SECOND } from '../../jobs/give-way'

describe('processing gives way to a rush of acknowledgements (ROLE=all)', () => {
  test('full concurrency up to the rush threshold, one job at a time above it', () => {
    expect(concurrencyFor(0, 5)).toBe(5)
    expect(concurrencyFor(200, 5)).toBe(5) // a busy but steady lunch: points in real time
    expect(concurrencyFor(RUSH_PER_SECOND, 5)).toBe(5)
    expect(concurrencyFor(RUSH_PER_SECOND + 1, 5)).toBe(1)
  })

  test("a running worker's concurrency follows the receipt: down during the rush, back after", async () => {
    const worker = { concurrency: 5 }
    let perSecond = 0
    const stop = giveWayToReceipt(worker, 5, () => perSecond)
    try {
      perSecond = 8_000
      await Bun.sleep(250)
      expect(worker.concurrency).toBe(1)
      perSecond = 150
      await Bun.sleep(250)
      expect(worker.concurrency).toBe(5)
    } finally {
      stop()
    }
    perSecond = 8_000
    await Bun.sleep(250)
    expect(worker.concurrency).toBe(5) // stopped: no longer adjusted
  })
})
