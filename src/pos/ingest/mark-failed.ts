// Final failure of a row (retries exhausted, or permanent): the row says so with the error, and
// a sale it carried shows as failed in the merchant's list, so nothing fails silently.
import type { AppDeps } from '../../infra/deps'
import { asSystem, inTenant } from '../../infra/scope'
import { posAdapters } from '../registry'
import { getInboxEvent, updateInboxEvent } from './inbox.repo'
import { lockOrCreateTransaction } from './transactions.repo'

/** Error text safe to store: our own messages name causes, never payload values or secrets. */
export const storableError = (e: unknown) =>
  `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`.slice(0, 500)

export async function markInboxEventFailed(deps: AppDeps, inboxEventId: string, error: unknown): Promise<void> {
  const now = deps.clock()
  const row = await asSystem(deps.dbh.db, async (tx) => {
    const r = await getInboxEvent(tx, inboxEventId)
    if (r && r.status !== 'processed' && r.status !== 'ignored')
      await updateInboxEvent(tx, r.id, { status: 'failed', lastError: storableError(error) })
    return r
  })
  if (!row?.tenantId) return
  const scope = { tenantId: row.tenantId }
  const events = posAdapters[row.provider].parse({ rawBody: row.rawBody, headers: new Headers(row.headers) })
  for (const sale of events) {
    if (sale.type !== 'sale_completed' || sale.amounts === null || sale.providerEventId !== row.providerEventId)
      continue
    const { total, ...amounts } = sale.amounts
    // An existing row keeps its state: only a sale never seen before is recorded as failed.
    await inTenant(deps.dbh.db, scope, (tx) =>
      lockOrCreateTransaction(
        tx,
        scope,
        {
          provider: sale.provider,
          providerTransactionId: sale.providerTransactionId,
          occurredAt: new Date(sale.occurredAt),
          currency: sale.currency,
          totalMinor: total,
          amounts,
          state: 'failed',
          reason: 'processing_failed',
          inboxEventId: row.id,
        },
        now,
      ),
    )
  }
}
