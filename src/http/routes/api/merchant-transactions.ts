// GET /api/v1/merchant/transactions (api-v1.md, Merchant): POS transactions with their
// processing state and the reason, filtered by state, provider and a search term. Tenant from
// the token only. `state=duplicate` lists sales that had repeated deliveries suppressed.
import { Elysia } from 'elysia'
import { z } from 'zod'
import type { AppDeps } from '../../../infra/deps'
import { listTransactions, type TransactionView } from '../../../pos/ingest'
import { posProviders } from '../../../pos'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { transactionStates } from '../../../infra/schema'

const query = z.object({
  state: z.enum(transactionStates).optional(),
  provider: z.enum(posProviders).optional(),
  q: z.string().max(100).optional(),
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
})

export const transactionJson = (t: TransactionView) => ({
  id: t.id,
  provider: t.provider,
  provider_transaction_id: t.providerTransactionId,
  occurred_at: t.occurredAt.toISOString(),
  received_at: t.createdAt.toISOString(),
  total: t.totalMinor,
  currency: t.currency,
  state: t.state,
  reason: t.reason,
  reason_text: t.reasonText,
  points_awarded: t.pointsAwarded,
  points_reversed: t.pointsReversed,
  refunded: t.refundedMinor,
  duplicates_suppressed: t.duplicates,
  rule_version_id: t.ruleVersionId,
  explanation: t.explanation,
  member_id: t.memberId,
  contact: t.contact,
})

export function merchantTransactionsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-merchant-transactions' }).use(authPlugin(deps)).get(
    '/api/v1/merchant/transactions',
    async ({ actor, query: q }) => {
      const rows = await listTransactions(deps.dbh.db, merchantScope(actor), {
        ...(q.state && { state: q.state }),
        ...(q.provider && { provider: q.provider }),
        ...(q.q && { q: q.q }),
        ...(q.before && { before: new Date(q.before) }),
        ...(q.limit && { limit: q.limit }),
      })
      return rows.map(transactionJson)
    },
    { auth: 'merchant', query },
  )
}
