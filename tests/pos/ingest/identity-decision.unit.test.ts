// Whom a sale belongs to, decided from its signals and whom each signal matches. Resolution
// skips looking the signals up when matchesMatter says they cannot change the outcome; these
// check that claim over every combination of signals, priorities and matches.
import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import {
  decideIdentity,
  type IdentitySignal,
  matchesMatter,
  type NormalisedSignals,
} from '../../../src/pos/ingest/identity-decision'
import type { SignalMatches } from '../../../src/members'

const signals: fc.Arbitrary<NormalisedSignals> = fc.record(
  { phone: fc.constant('+15550100001'), email: fc.constant('ana@example.com'), providerCustomerId: fc.constant('C1') },
  { requiredKeys: [] },
)
const priority: fc.Arbitrary<IdentitySignal[]> = fc
  .subarray(['phone', 'email'] as IdentitySignal[])
  .chain((s) => fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))
const member = fc.constantFrom('mem_1', 'mem_2')
const matches: fc.Arbitrary<SignalMatches> = fc.record(
  { pos: member, phone: member, email: member },
  { requiredKeys: [] },
)

/** What resolution does with a decision: a member and a new member both go to "find or create" by the same signals. */
const outcome = (d: ReturnType<typeof decideIdentity>) =>
  d.kind === 'member' || d.kind === 'create' ? 'find_or_create' : d.kind === 'conflict' ? 'conflict' : d.reason

describe('identity resolution without the lookups', () => {
  test('when the matches do not matter, any matches lead to what no matches lead to', () => {
    fc.assert(
      fc.property(signals, priority, matches, (s, p, found) => {
        fc.pre(!matchesMatter(s, p))
        // a signal the sale did not carry was never looked up
        const m = {
          ...(s.providerCustomerId && found.pos ? { pos: found.pos } : {}),
          ...(s.phone && found.phone ? { phone: found.phone } : {}),
          ...(s.email && found.email ? { email: found.email } : {}),
        }
        // given signals that cannot conflict, when decided with and without knowing whom they match
        // then resolution does the same
        expect(outcome(decideIdentity(s, m, p))).toBe(outcome(decideIdentity(s, {}, p)))
      }),
    )
  })

  test('a sale with one contact needs no lookup; a POS customer id or two contacts do', () => {
    expect(matchesMatter({ email: 'ana@example.com' }, ['phone', 'email'])).toBe(false)
    expect(matchesMatter({ phone: '+15550100001' }, ['phone', 'email'])).toBe(false)
    // an email the shop does not trust is no second contact
    expect(matchesMatter({ phone: '+15550100001', email: 'ana@example.com' }, ['phone'])).toBe(false)
    expect(matchesMatter({ phone: '+15550100001', email: 'ana@example.com' }, ['phone', 'email'])).toBe(true)
    expect(matchesMatter({ email: 'ana@example.com', providerCustomerId: 'C1' }, ['phone', 'email'])).toBe(true)
  })
})
