// Shopify polling (pos-providers.md § Shopify): GET orders.json updated since the cursor,
// following the Link header's page_info (the follow-up request may carry only page_info and
// limit). Paid orders are wrapped as the `orders/paid` webhook with its X-Shopify-* headers.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import { type FetchContext, type FetchDetailsError, parseJson } from '../adapter'
import { getListPage, nextLink, type PolledSale, type SalesPage } from '../kit/list-page'
import { EXACT_ID_KEYS } from './payload'

export const ADMIN_API_VERSION = '2026-07'
const PAID = new Set(['paid', 'partially_refunded'])

const page = z.object({
  orders: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), updated_at: z.string(), financial_status: z.string().nullish() })).default([]),
})

export async function listSalesPage(ctx: FetchContext, q: { merchantId: string; cursor: string; pageToken: string | null }): Promise<Result<SalesPage, FetchDetailsError>> {
  const url = new URL(`/admin/api/${ADMIN_API_VERSION}/orders.json`, ctx.baseUrl)
  url.searchParams.set('limit', '250')
  if (q.pageToken) url.searchParams.set('page_info', q.pageToken)
  else {
    url.searchParams.set('status', 'any')
    url.searchParams.set('updated_at_min', q.cursor)
    url.searchParams.set('order', 'updated_at asc')
  }
  // Admin API calls authenticate with this header, not a Bearer token.
  // Order ids exceed 2^53: they are read as text, so re-wrapping them loses nothing.
  const r = await getListPage(ctx.fetch, url.toString(), { 'x-shopify-access-token': ctx.accessToken }, page, (t) => parseJson(t, EXACT_ID_KEYS))
  if (!r.ok) return r
  const orders = r.value.body.orders
  const sales: PolledSale[] = orders.filter((o) => PAID.has(o.financial_status ?? '')).map((o) => ({
    transactionId: String(o.id),
    changedAt: o.updated_at,
    delivery: {
      rawBody: JSON.stringify(o),
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/paid',
        'x-shopify-shop-domain': q.merchantId,
        'x-shopify-event-id': `poll-${o.id}-${o.updated_at}`,
        'x-shopify-api-version': ADMIN_API_VERSION,
      },
    },
  }))
  const next = nextLink(r.value.headers.get('link'))
  const last = orders.at(-1)?.updated_at
  return ok({ sales, nextPage: next ? new URL(next).searchParams.get('page_info') : null, cursor: last ?? q.cursor })
}
