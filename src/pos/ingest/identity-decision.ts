// Who a sale belongs to, decided purely from the signals it carried and whom each one matches.
// Never invents identity: with no phone or email, nobody is created. Never merges: when two
// signals name two members, the sale waits for a person to decide.
import type { SignalMatches } from '../../members'
import type { StoredIdentity } from '../pos.schema'

export type IdentitySignal = 'phone' | 'email'
export const DEFAULT_IDENTITY_PRIORITY: readonly IdentitySignal[] = ['phone', 'email']

export type NormalisedSignals = { phone?: string; email?: string; providerCustomerId?: string }

export type IdentityDecision =
  | { kind: 'member'; memberId: string }
  /** A new member from the usable signals (a phone or email nobody holds yet). */
  | { kind: 'create' }
  | { kind: 'unmatched'; reason: 'no_identity' | 'waiting_for_contact' }
  /** Signals name different members; `suggested` is the one the tenant's priority prefers. */
  | { kind: 'conflict'; suggested: string }

/** What a later event adds to what we knew: new signals fill gaps, never overwrite. */
export const mergeSignals = (known: StoredIdentity, incoming: NormalisedSignals): NormalisedSignals => ({
  ...incoming,
  ...known,
})

/** The signals this tenant trusts, in its order; the POS customer id always counts. */
export function usableSignals(signals: NormalisedSignals, priority: readonly IdentitySignal[]): NormalisedSignals {
  const out: NormalisedSignals = {}
  for (const s of priority) if (signals[s]) out[s] = signals[s]
  if (signals.providerCustomerId) out.providerCustomerId = signals.providerCustomerId
  return out
}

/**
 * Whether whom each signal matches can change the decision: only with a POS customer id (a
 * remembered one links, an unknown one waits for a contact) or with both a phone and an email
 * (they may name two members). One usable contact alone always leads to its member, found or
 * created, and none to nobody, so most sales need not look the signals up before resolving.
 */
export function matchesMatter(signals: NormalisedSignals, priority: readonly IdentitySignal[]): boolean {
  const usable = usableSignals(signals, priority)
  return !!usable.providerCustomerId || (!!usable.phone && !!usable.email)
}

export function decideIdentity(
  signals: NormalisedSignals,
  matches: SignalMatches,
  priority: readonly IdentitySignal[],
): IdentityDecision {
  const usable = usableSignals(signals, priority)
  // A remembered POS customer id is the strongest link: the POS itself said it is that person.
  const ordered = [matches.pos, ...priority.filter((s) => usable[s]).map((s) => matches[s])].filter(
    (id): id is string => !!id,
  )
  const distinct = [...new Set(ordered)]
  if (distinct.length > 1) return { kind: 'conflict', suggested: distinct[0]! }
  if (distinct.length === 1) return { kind: 'member', memberId: distinct[0]! }
  if (usable.phone || usable.email) return { kind: 'create' }
  return { kind: 'unmatched', reason: usable.providerCustomerId ? 'waiting_for_contact' : 'no_identity' }
}
