// What a sale delivery does, decided purely from the row it found (or made) and whom the sale's
// signals resolve to. apply-event.ts loads that state, asks, and performs the actions. Two
// steps, because resolving may create a member, which a repeated delivery must never do: first
// the row (count a repeat, or grow what we know), then, once resolved, award or say why not.
import type { StoredIdentity } from '../pos.schema'
import { mergeSignals, type NormalisedSignals } from './identity-decision'
import type { Resolution } from './resolve-identity'
import type { PosTransaction } from './transactions.repo'

/** The sale's row under its lock; `created`: this delivery inserted it, so nothing was awarded yet. */
export type SaleState = { txn: Pick<PosTransaction, 'state' | 'identity'>; created: boolean }

/** What a delivery says about the sale, its signals normalised. */
export type SaleFacts = Pick<PosTransaction, 'totalMinor' | 'amounts' | 'currency'> & { identity: NormalisedSignals }

export type SaleDecision =
  /** The first award stands: a later delivery of an awarded or reversed sale is only counted. */
  | { kind: 'countDuplicate' }
  /** Find whom the sale belongs to; a row that already existed first takes the delivery's facts. */
  | { kind: 'resolve'; fresh: boolean; update: SaleFacts | null }

export type SaleAction =
  | { kind: 'markUnmatched'; reason: Extract<Resolution, { kind: 'unmatched' }>['reason'] }
  /** `fresh` lets the ledger skip looking for an earlier award of a row made moments ago. */
  | { kind: 'award'; memberId: string; fresh: boolean }
  /** The sale named a POS customer: their earlier sales waiting for contact details follow. */
  | { kind: 'awardWaitingFor'; providerCustomerId: string; identity: StoredIdentity; exceptId: string }

export function decideSale(state: SaleState, sale: SaleFacts): SaleDecision {
  if (state.created) return { kind: 'resolve', fresh: true, update: null }
  if (state.txn.state === 'awarded' || state.txn.state === 'reversed') return { kind: 'countDuplicate' }
  return {
    kind: 'resolve',
    fresh: false,
    update: { ...sale, identity: mergeSignals(state.txn.identity, sale.identity) },
  }
}

/** The sale in hand (delivered, or given a customer by the merchant) once its signals are resolved. */
export function decideAward(
  txn: Pick<PosTransaction, 'id' | 'identity'>,
  resolution: Resolution,
  { fresh }: { fresh: boolean },
): SaleAction[] {
  if (resolution.kind === 'unmatched') return [{ kind: 'markUnmatched', reason: resolution.reason }]
  const award: SaleAction = { kind: 'award', memberId: resolution.memberId, fresh }
  const customerId = txn.identity.providerCustomerId
  return customerId
    ? [award, { kind: 'awardWaitingFor', providerCustomerId: customerId, identity: txn.identity, exceptId: txn.id }]
    : [award]
}

/**
 * Whether a sale waiting for that customer is tried again: not the sale that taught us, and not
 * one flagged as an identity conflict, which waits for a person to decide.
 */
export const followsCustomer = (waiting: Pick<PosTransaction, 'id' | 'reason'>, exceptId: string | null) =>
  waiting.id !== exceptId && waiting.reason !== 'identity_conflict'
