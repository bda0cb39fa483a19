// Phone numbers as a till or an owner's import file writes them. Bare North American digits
// skip the full parser (a 100k-row import spends most of its planning there), so they must come
// out exactly as the parser would have them; every other shape still goes through it.
import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { normalizePhone } from '../../src/members'

const parsed = (raw: string) => {
  const p = parsePhoneNumberFromString(raw.trim(), 'US')
  return p?.isPossible() ? p.number : null
}

describe('normalizePhone', () => {
  test('bare digits, with +1, 1 or nothing before them, come out as the parser has them in every area code', () => {
    for (let area = 200; area <= 999; area++) {
      const digits = `${area}${String((area * 7_919) % 10_000_000).padStart(7, '0')}`
      for (const raw of [digits, `1${digits}`, `+1${digits}`, ` +1${digits} `])
        expect(normalizePhone(raw)).toBe(parsed(raw))
    }
  })

  test('any ten digits, with or without a leading +1 or 1, agree with the parser', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\+1|1)?\d{10}$/), (raw) => normalizePhone(raw) === parsed(raw)),
      { numRuns: 5_000 },
    )
  })

  test('other shapes go through the parser: formatted, foreign, or no number at all', () => {
    expect(normalizePhone('(415) 555-0101')).toBe('+14155550101')
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
    expect(normalizePhone('+4155550101')).toBeNull()
    expect(normalizePhone('555-0101')).toBeNull()
    expect(normalizePhone('not a phone')).toBeNull()
  })
})
