// Pure core: lot allocation order, balance maths, redemption codes.
import { describe, expect, test } from 'bun:test'
import { foldBalance, nextBalance, refundable } from '../../src/ledger/balance'
import { allocateSpend, expiredLots, type OpenLot } from '../../src/ledger/lots'
import { CODE_BITS, codeFromBytes, formatCode, normalizeCode } from '../../src/ledger/redemption-code'

const lot = (id: string, remaining: number, expires: string | null, created = '2026-01-01'): OpenLot => ({
  id,
  remaining,
  expiresAt: expires ? new Date(expires) : null,
  createdAt: new Date(created),
})

describe('allocateSpend', () => {
  const lots = [lot('never', 50, null), lot('late', 30, '2026-06-01'), lot('soon', 20, '2026-02-01')]
  test('oldest-expiring first, never-expiring last', () => {
    expect(allocateSpend(lots, 60)).toEqual({
      ok: true,
      value: [
        { lotId: 'soon', points: 20 },
        { lotId: 'late', points: 30 },
        { lotId: 'never', points: 10 },
      ],
    })
  })
  test('a preferred lot (the refunded purchase) is drained first', () => {
    expect(allocateSpend(lots, 55, 'never')).toEqual({
      ok: true,
      value: [
        { lotId: 'never', points: 50 },
        { lotId: 'soon', points: 5 },
      ],
    })
  })
  test('short by exactly what is missing', () => {
    expect(allocateSpend(lots, 101)).toEqual({ ok: false, error: { shortBy: 1 } })
  })
  test('expired lots are those past expiry with points left', () => {
    expect(expiredLots(lots, new Date('2026-03-01')).map((l) => l.id)).toEqual(['soon'])
  })
})

describe('balance', () => {
  test('fold, guard and refundable', () => {
    expect(foldBalance([{ points: 10 }, { points: -4 }])).toBe(6)
    expect(nextBalance(5, -6)).toEqual({ ok: false, error: { shortBy: 1 } })
    expect(nextBalance(5, -5)).toEqual({ ok: true, value: 0 })
    expect(refundable(30, 50)).toBe(30)
    expect(refundable(80, 50)).toBe(50)
  })
})

describe('redemption codes', () => {
  test('at least 8 characters and 40 bits, unambiguous alphabet', () => {
    const code = codeFromBytes(crypto.getRandomValues(new Uint8Array(10)))
    expect(code.length).toBeGreaterThanOrEqual(8)
    expect(CODE_BITS).toBeGreaterThanOrEqual(40)
    expect(code).not.toMatch(/[01IO]/)
  })
  test('every byte maps uniformly (256 is a multiple of 32)', () => {
    const seen = new Set<string>()
    for (let b = 0; b < 256; b++) seen.add(codeFromBytes(new Uint8Array(10).fill(b))[0]!)
    expect(seen.size).toBe(32)
  })
  test('staff input is forgiving about case and dashes, strict about the alphabet', () => {
    expect(normalizeCode('abcde-fghjk')).toBe('ABCDEFGHJK')
    expect(normalizeCode(formatCode('ABCDEFGHJK'))).toBe('ABCDEFGHJK')
    expect(normalizeCode('ABCDEFGHJ0')).toBeNull()
    expect(normalizeCode('short')).toBeNull()
  })
})
