// Who each contact signal points at, separately, so the caller can see a conflict (phone names
// one member, email another) instead of having one silently win. Read-only: resolving the
// conflict is the caller's decision (POS ingestion flags it for review; it never merges).
import type { Db, Tx } from '../infra/db'
import { runPrepared } from '../infra/prepared'
import { type TenantScope, withTenant } from '../infra/scope'

export type SignalMatches = { pos?: string; phone?: string; email?: string }

/**
 * Signals must already be normalised (normalizePhone / normalizeEmail). One prepared statement
 * for all three (every sale asks): a signal not given matches nobody.
 */
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
    if (!signals.pos && !signals.phone && !signals.email) return out
    const [row] = await runPrepared<{ pos: string | null; phone: string | null; email: string | null }>(
      tx,
      `select
         (select member_id from member_pos_ids where tenant_id = $1 and provider = $2 and external_customer_id = $3)::text as pos,
         (select id from members where tenant_id = $1 and phone = $4)::text as phone,
         (select id from members where tenant_id = $1 and email = $5)::text as email`,
      [
        scope.tenantId,
        signals.pos?.provider ?? null,
        signals.pos?.externalCustomerId ?? null,
        signals.phone ?? null,
        signals.email ?? null,
      ],
    )
    if (row?.pos) out.pos = row.pos
    if (row?.phone) out.phone = row.phone
    if (row?.email) out.email = row.email
    return out
  })
}
