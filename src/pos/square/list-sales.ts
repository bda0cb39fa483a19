// Square polling (pos-providers.md § Square › Polling): GET /v2/payments changed since the
// cursor, oldest change first, following `cursor` pages. Each COMPLETED payment is wrapped as
// the `payment.updated` webhook Square would have sent, so it takes the webhook path.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import { getListPage, type PolledSale, type SalesPage } from '../kit/list-page'

const page = z.object({
  payments: z.array(z.looseObject({ id: z.string(), status: z.string(), updated_at: z.string() })).default([]),
  cursor: z.string().optional(),
})

export async function listSalesPage(ctx: FetchContext, q: { merchantId: string; cursor: string; pageToken: string | null }): Promise<Result<SalesPage, FetchDetailsError>> {
  const url = new URL('/v2/payments', ctx.baseUrl)
  url.searchParams.set('updated_at_begin_time', q.cursor)
  url.searchParams.set('sort_field', 'UPDATED_AT')
  url.searchParams.set('sort_order', 'ASC')
  url.searchParams.set('limit', '100')
  if (q.pageToken) url.searchParams.set('cursor', q.pageToken)
  const r = await getListPage(ctx.fetch, url.toString(), { authorization: `Bearer ${ctx.accessToken}` }, page)
  if (!r.ok) return r
  const payments = r.value.body.payments
  const sales: PolledSale[] = payments.filter((p) => p.status === 'COMPLETED').map((p) => ({
    transactionId: p.id,
    changedAt: p.updated_at,
    delivery: {
      rawBody: JSON.stringify({
        merchant_id: q.merchantId,
        type: 'payment.updated',
        event_id: `poll/payment/${p.id}/${p.updated_at}`,
        created_at: p.updated_at,
        data: { type: 'payment', id: p.id, object: { payment: p } },
      }),
      headers: { 'content-type': 'application/json' },
    },
  }))
  const last = payments.at(-1)?.updated_at
  return ok({ sales, nextPage: r.value.body.cursor ?? null, cursor: last ?? q.cursor })
}
