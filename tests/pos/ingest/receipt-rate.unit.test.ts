import { describe, expect, test } from 'bun:test'
import { createReceiptRate } from '../../../src/pos/ingest/receipt-rate'

describe('receipt rate (what a worker in the same process gives way to)', () => {
  test('counts the deliveries of the last second, and forgets older ones', () => {
    const rate = createReceiptRate()
    rate.note(10_000, 300)
    rate.note(10_450, 200)
    rate.note(10_950)
    expect(rate.perSecond(10_990)).toBe(501)
    // 10,000–10,099 leaves the window first, then the rest.
    expect(rate.perSecond(11_050)).toBe(201)
    expect(rate.perSecond(11_960)).toBe(0)
  })

  test('a long quiet spell clears the whole window, not only the slots it passed', () => {
    const rate = createReceiptRate()
    for (let t = 0; t < 1_000; t += 100) rate.note(t, 50)
    expect(rate.perSecond(999)).toBe(500)
    expect(rate.perSecond(60_000)).toBe(0)
    rate.note(60_010, 7)
    expect(rate.perSecond(60_020)).toBe(7)
  })
})
