// Toast polling (pos-providers.md § Toast › Polling): GET /orders/v2/ordersBulk by modified
// time window, pageSize ≤ 100, `page` numbers with Link rel="next". Paid orders are wrapped as
// the `order_updated` webhook, so they take the webhook path (which fetches the guest's phone).
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import { getListPage, nextLink, type PolledSale, type SalesPage } from '../kit/list-page'
import { restaurantHeaders } from './oauth'

const PAGE_SIZE = 100

const order = z.looseObject({
  guid: z.string(),
  modifiedDate: z.string().nullish(),
  closedDate: z.string().nullish(),
  paidDate: z.string().nullish(),
  voided: z.boolean().nullish(),
})
const page = z.array(order)

/** Toast wants ISO-8601 with milliseconds and a numeric offset: 2026-06-02T17:41:09.050+0000. */
export const toastDate = (d: Date): string => d.toISOString().replace('Z', '+0000')

/** `cursor` is the window start (RFC 3339); the window ends at `until`; `pageToken` is the page number. */
export async function listSalesPage(
  ctx: FetchContext,
  q: { merchantId: string; cursor: string; pageToken: string | null; until: Date },
): Promise<Result<SalesPage, FetchDetailsError>> {
  const pageNo = Number(q.pageToken ?? 1)
  const url = new URL('/orders/v2/ordersBulk', ctx.baseUrl)
  url.searchParams.set('startDate', toastDate(new Date(q.cursor)))
  url.searchParams.set('endDate', toastDate(q.until))
  url.searchParams.set('pageSize', String(PAGE_SIZE))
  url.searchParams.set('page', String(pageNo))
  const r = await getListPage(ctx.fetch, url.toString(), restaurantHeaders(ctx.accessToken, q.merchantId), page)
  if (!r.ok) return r
  const orders = r.value.body
  const sales: PolledSale[] = orders
    .filter((o) => !o.voided && o.paidDate)
    .map((o) => {
      const changed = toIso(o.modifiedDate ?? o.closedDate ?? o.paidDate ?? q.cursor)
      const body = {
        timestamp: changed,
        eventCategory: 'order_updated',
        eventType: 'order_updated',
        guid: `poll-${o.guid}-${changed}`,
        details: { restaurantGuid: q.merchantId, order: o },
      }
      return {
        transactionId: o.guid,
        changedAt: changed,
        delivery: {
          rawBody: JSON.stringify(body),
          headers: { 'content-type': 'application/json', 'toast-restaurant-external-id': q.merchantId },
        },
      }
    })
  const more = nextLink(r.value.headers.get('link')) !== null || orders.length === PAGE_SIZE
  // The window end becomes the next start (inclusive start, exclusive end: nothing is skipped).
  return ok({ sales, nextPage: more ? String(pageNo + 1) : null, cursor: q.until.toISOString() })
}

/** "2026-06-02T17:41:08.817+0000" → RFC 3339 UTC. */
function toIso(t: string): string {
  const d = new Date(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return Number.isNaN(d.getTime()) ? t : d.toISOString()
}

/** Whether our partner token may read this restaurant (it added the integration): one tiny page. */
export async function checkRestaurantAccess(
  ctx: FetchContext,
  restaurantGuid: string,
  now: Date,
): Promise<'ok' | 'forbidden' | 'unavailable'> {
  const url = new URL('/orders/v2/ordersBulk', ctx.baseUrl)
  url.searchParams.set('startDate', toastDate(new Date(now.getTime() - 60 * 60_000)))
  url.searchParams.set('endDate', toastDate(now))
  url.searchParams.set('pageSize', '1')
  url.searchParams.set('page', '1')
  const r = await getListPage(ctx.fetch, url.toString(), restaurantHeaders(ctx.accessToken, restaurantGuid), page)
  if (r.ok) return 'ok'
  return r.error.code === 'forbidden' || r.error.code === 'unauthorized' ? 'forbidden' : 'unavailable'
}
