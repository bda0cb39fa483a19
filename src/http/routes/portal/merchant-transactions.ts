// Merchant portal: POS transactions. The page, its rows fragment (filters and search), the
// self-polling "new rows" fragment, and attaching a customer to an unmatched sale, which
// answers with the updated row (422 with the same row and a message when the input is bad).
import { Elysia } from 'elysia'
import { z } from 'zod'
import {
  NewRows,
  TransactionRow,
  TransactionRows,
  TransactionsPage,
  type TxnFilters,
  type TxnRow,
} from '../../../../views/merchant/transactions'
import type { AppDeps } from '../../../infra/deps'
import { attachIdentity, listTransactions, type TransactionFilter, type TransactionView } from '../../../pos/ingest'
import { posProviders, providerName, providerOptions } from '../../../pos'
import { AppError } from '../../../shared/errors'
import { formatMoney } from '../../../shared/money'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfTokenOf } from './portal-helpers'
import { transactionStates } from '../../../infra/schema'

const filterQuery = z.object({
  state: z.union([z.enum(transactionStates), z.literal('')]).optional(),
  provider: z.union([z.enum(posProviders), z.literal('')]).optional(),
  q: z.string().max(100).optional(),
  since: z.iso.datetime().optional(),
})
type FilterQuery = z.infer<typeof filterQuery>

const toFilters = (q: FilterQuery): TxnFilters => ({ state: q.state ?? '', provider: q.provider ?? '', q: q.q ?? '' })
const toFilter = (q: FilterQuery): TransactionFilter => ({
  ...(q.state && { state: q.state }),
  ...(q.provider && { provider: q.provider }),
  ...(q.q && { q: q.q }),
})

export const txnRow = (t: TransactionView): TxnRow => ({
  id: t.id,
  provider: t.provider,
  providerName: providerName(t.provider),
  providerTransactionId: t.providerTransactionId,
  occurredAt: t.occurredAt.toISOString(),
  amount: formatMoney(t.totalMinor, t.currency),
  state: t.state,
  reasonText: t.reasonText,
  points: t.pointsAwarded,
  pointsReversed: t.pointsReversed,
  duplicates: t.duplicates,
  contact: t.contact,
  explanation: t.explanation,
})

/** The newest row's time, so the poller asks only for what came after the page was drawn. */
const sinceOf = (rows: TransactionView[], fallback: Date) => (rows[0]?.createdAt ?? fallback).toISOString()

export function merchantTransactionsPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-transactions' })
    .use(authPlugin(deps))
    .get(
      '/merchant/transactions',
      async (ctx) => {
        const { actor, query, request, set } = ctx
        const rows = await listTransactions(db, merchantScope(actor), toFilter(query))
        const view = { rows: rows.map(txnRow), since: sinceOf(rows, deps.clock()), filters: toFilters(query) }
        set.headers.vary = 'HX-Request'
        return request.headers.get('hx-request') === 'true'
          ? TransactionRows(view)
          : TransactionsPage({ ...view, providers: providerOptions, csrfToken: csrfTokenOf(ctx) })
      },
      { auth: 'merchant', query: filterQuery },
    )
    .get(
      '/merchant/transactions/new',
      async ({ actor, query }) => {
        const since = query.since ? new Date(query.since) : deps.clock()
        const rows = await listTransactions(db, merchantScope(actor), { ...toFilter(query), after: since })
        return NewRows({ rows: rows.map(txnRow), since: sinceOf(rows, since), filters: toFilters(query) })
      },
      { auth: 'merchant', query: filterQuery },
    )
    .post(
      '/merchant/transactions/:id/attach',
      async ({ actor, params, body, set }) => {
        const scope = merchantScope(actor)
        let error: string | undefined
        try {
          await attachIdentity(deps, scope, actor.userId, params.id, body.contact ?? '')
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e
          set.status = e.status === 400 ? 422 : e.status
          error = e.message
        }
        const [row] = await listTransactions(db, scope, { id: params.id })
        if (!row) throw new AppError('not_found', 'Transaction not found')
        return TransactionRow({ row: txnRow(row), error })
      },
      { auth: 'merchant', body: z.object({ contact: z.string().max(200).optional() }) },
    )
}
