// The sale decider, given what is stored and what the sale's signals resolved to, when a
// delivery arrives, then what happens to the sale: counted as a repeat, awarded (and the POS
// customer's waiting sales followed), or left unmatched with the reason a merchant sees.
import { describe, expect, test } from 'bun:test'
import type { Resolution } from '../../../src/pos/ingest/resolve-identity'
import {
  decideAward,
  decideSale,
  followsCustomer,
  type SaleFacts,
  type SaleState,
} from '../../../src/pos/ingest/sale-decision'
import type { StoredIdentity, TransactionState } from '../../../src/pos/pos.schema'

const TXN = 'txn_1'
/** The row this delivery inserted: nothing was known or awarded before. */
const givenNewRow = (identity: StoredIdentity): SaleState => ({ txn: { state: 'pending', identity }, created: true })
const givenStoredRow = (state: TransactionState, identity: StoredIdentity = {}): SaleState => ({
  txn: { state, identity },
  created: false,
})
const delivery = (identity: StoredIdentity, totalMinor = 1250): SaleFacts => ({
  totalMinor,
  amounts: { tax: 100 },
  currency: 'USD',
  identity,
})
const member = (memberId: string): Resolution => ({ kind: 'member', memberId })
const unmatched = (reason: Extract<Resolution, { kind: 'unmatched' }>['reason']): Resolution => ({
  kind: 'unmatched',
  reason,
})

describe('a sale delivery', () => {
  test('new sale with a member: awarded to them, as a fresh row', () => {
    // given: no sale stored yet (this delivery made the row); its phone names mem_1
    const identity = { phone: '+15550100001' }
    // when
    const decision = decideSale(givenNewRow(identity), delivery(identity))
    const actions = decideAward({ id: TXN, identity }, member('mem_1'), { fresh: true })
    // then
    expect(decision).toEqual({ kind: 'resolve', fresh: true, update: null })
    expect(actions).toEqual([{ kind: 'award', memberId: 'mem_1', fresh: true }])
  })

  test('new sale without identity: unmatched for want of a customer, nothing awarded', () => {
    // given
    const state = givenNewRow({})
    // when
    const decision = decideSale(state, delivery({}))
    const actions = decideAward({ id: TXN, identity: {} }, unmatched('no_identity'), { fresh: true })
    // then
    expect(decision.kind).toBe('resolve')
    expect(actions).toEqual([{ kind: 'markUnmatched', reason: 'no_identity' }])
  })

  test('repeat delivery of an awarded sale: counted as a duplicate, the first award stands', () => {
    // given
    const state = givenStoredRow('awarded', { phone: '+15550100001' })
    // when: the POS sends the payment again, now with a bigger total and an email
    const decision = decideSale(state, delivery({ phone: '+15550100001', email: 'ana@example.com' }, 9900))
    // then
    expect(decision).toEqual({ kind: 'countDuplicate' })
  })

  test('repeat delivery adding identity to an unmatched sale: the row learns it, then it is awarded', () => {
    // given: a sale stored unmatched with only a phone nobody matched
    const state = givenStoredRow('unmatched', { phone: '+15550100001' })
    // when: the POS sends it again with an email, another phone and a corrected total
    const decision = decideSale(state, delivery({ phone: '+15550199999', email: 'ana@example.com' }, 1400))
    // then: what we knew stays, the gap is filled, the delivery's amounts are taken
    expect(decision).toEqual({
      kind: 'resolve',
      fresh: false,
      update: {
        totalMinor: 1400,
        amounts: { tax: 100 },
        currency: 'USD',
        identity: { phone: '+15550100001', email: 'ana@example.com' },
      },
    })
    // and when the grown identity names a member: awarded, not as a fresh row (an award may exist)
    const identity = decision.kind === 'resolve' ? decision.update!.identity : {}
    expect(decideAward({ id: TXN, identity }, member('mem_2'), { fresh: false })).toEqual([
      { kind: 'award', memberId: 'mem_2', fresh: false },
    ])
  })

  test('identity conflict: unmatched for a person to decide, and no waiting sale follows', () => {
    // given: the phone names one member, the email another; the POS customer id is known
    const identity = { phone: '+15550100001', email: 'bo@example.com', providerCustomerId: 'CUST-7' }
    // when
    const actions = decideAward({ id: TXN, identity }, unmatched('identity_conflict'), { fresh: true })
    // then
    expect(actions).toEqual([{ kind: 'markUnmatched', reason: 'identity_conflict' }])
  })

  test('reversed sale: a later delivery does not award it again', () => {
    // given: fully refunded, its points taken back
    const state = givenStoredRow('reversed', { email: 'ana@example.com' })
    // when
    const decision = decideSale(state, delivery({ email: 'ana@example.com' }))
    // then
    expect(decision).toEqual({ kind: 'countDuplicate' })
  })

  test('a sale teaching a POS customer id: awarded, then that customer’s waiting sales follow', () => {
    // given: this sale carries both a phone (mem_1) and the POS customer id CUST-7
    const identity = { phone: '+15550100001', providerCustomerId: 'CUST-7' }
    // when
    const actions = decideAward({ id: TXN, identity }, member('mem_1'), { fresh: true })
    // then: award first (it remembers CUST-7 → mem_1), then the others waiting for CUST-7
    expect(actions).toEqual([
      { kind: 'award', memberId: 'mem_1', fresh: true },
      { kind: 'awardWaitingFor', providerCustomerId: 'CUST-7', identity, exceptId: TXN },
    ])
    // and of the sales waiting for CUST-7: not this one, not a flagged conflict, every other
    expect(followsCustomer({ id: 'txn_0', reason: 'waiting_for_contact' }, TXN)).toBe(true)
    expect(followsCustomer({ id: TXN, reason: 'waiting_for_contact' }, TXN)).toBe(false)
    expect(followsCustomer({ id: 'txn_2', reason: 'identity_conflict' }, TXN)).toBe(false)
  })
})
