// The shell around decideIdentity: normalise the signals, look up whom each one names, and
// when the decision is a member (found or new), get it through the members front door, which
// also remembers the POS customer id for next time.
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { findOrCreateMemberByIdentity, matchIdentitySignals, normalizeEmail, normalizePhone } from '../../members'
import type { IdentitySignals } from '../pos-event'
import type { StoredIdentity } from '../pos.schema'
import {
  decideIdentity,
  type IdentitySignal,
  matchesMatter,
  type NormalisedSignals,
  usableSignals,
} from './identity-decision'

export type Resolution =
  | { kind: 'member'; memberId: string }
  | { kind: 'unmatched'; reason: 'no_identity' | 'waiting_for_contact' | 'identity_conflict' }

/** Normalised signals only; an unparseable phone or email is dropped rather than guessed at. */
export function normaliseSignals(raw: IdentitySignals | StoredIdentity): NormalisedSignals {
  const out: NormalisedSignals = {}
  const phone = normalizePhone(raw.phone)
  const email = normalizeEmail(raw.email)
  if (phone) out.phone = phone
  if (email) out.email = email
  if (raw.providerCustomerId) out.providerCustomerId = raw.providerCustomerId
  return out
}

export async function resolveMember(
  tx: Tx,
  scope: TenantScope,
  provider: string,
  signals: NormalisedSignals,
  priority: readonly IdentitySignal[],
  now: Date,
): Promise<Resolution> {
  const pos = signals.providerCustomerId ? { provider, externalCustomerId: signals.providerCustomerId } : null
  // Without a possible conflict the lookups cannot change the outcome: one statement less per sale.
  const matches = matchesMatter(signals, priority)
    ? await matchIdentitySignals(tx, scope, { phone: signals.phone ?? null, email: signals.email ?? null, pos })
    : {}
  const decision = decideIdentity(signals, matches, priority)
  if (decision.kind === 'unmatched') return decision
  if (decision.kind === 'conflict') return { kind: 'unmatched', reason: 'identity_conflict' }
  const usable = usableSignals(signals, priority)
  const member = await findOrCreateMemberByIdentity(
    tx,
    scope,
    { phone: usable.phone ?? null, email: usable.email ?? null, ...(pos ? { pos } : {}) },
    now,
  )
  return { kind: 'member', memberId: member.id }
}
