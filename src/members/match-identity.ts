// Who each contact signal points at, separately, so the caller can see a conflict (phone names
// one member, email another) instead of having one silently win. Read-only: resolving the
// conflict is the caller's decision (POS ingestion flags it for review; it never merges).
import { and, eq } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { type TenantScope, withTenant } from '../infra/scope'
import { memberPosIds, members } from './members.schema'

export type SignalMatches = { pos?: string; phone?: string; email?: string }

/** Signals must already be normalised (normalizePhone / normalizeEmail). */
export function matchIdentitySignals(
  d: Db | Tx,
  scope: TenantScope,
  signals: {
    phone?: string | null
    email?: string | null
    pos?: { provider: string; externalCustomerId: string } | null
  },
): Promise<SignalMatches> {
  return withTenant(d, scope, async (tx) => {
    const out: SignalMatches = {}
    if (signals.pos) {
      const [row] = await tx
        .select({ id: memberPosIds.memberId })
        .from(memberPosIds)
        .where(
          and(
            eq(memberPosIds.tenantId, scope.tenantId),
            eq(memberPosIds.provider, signals.pos.provider),
            eq(memberPosIds.externalCustomerId, signals.pos.externalCustomerId),
          ),
        )
      if (row) out.pos = row.id
    }
    if (signals.phone) {
      const [row] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.tenantId, scope.tenantId), eq(members.phone, signals.phone)))
      if (row) out.phone = row.id
    }
    if (signals.email) {
      const [row] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.tenantId, scope.tenantId), eq(members.email, signals.email)))
      if (row) out.email = row.id
    }
    return out
  })
}
