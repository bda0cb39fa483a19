// Clover polling (pos-providers.md § Clover): GET /v3/merchants/{mId}/orders filtered on
// modifiedTime, paged with offset/limit. Clover webhooks are only notices, so a polled PAID
// order becomes the same notice ({merchants: {mId: [{objectId: "O:…"}]}}) and the processing
// job fetches the order exactly as it does for a webhook.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import { getListPage, type PolledSale, type SalesPage } from '../kit/list-page'

const LIMIT = 100

const page = z.object({
  elements: z
    .array(z.looseObject({ id: z.string(), modifiedTime: z.number(), paymentState: z.string().optional() }))
    .default([]),
})

/** `cursor` is a modifiedTime in Unix milliseconds; `pageToken` the next offset. */
export async function listSalesPage(
  ctx: FetchContext,
  q: { merchantId: string; cursor: string; pageToken: string | null },
): Promise<Result<SalesPage, FetchDetailsError>> {
  const offset = Number(q.pageToken ?? 0)
  const url = new URL(`/v3/merchants/${encodeURIComponent(q.merchantId)}/orders`, ctx.baseUrl)
  url.searchParams.append('filter', `modifiedTime>=${q.cursor}`)
  url.searchParams.set('orderBy', 'modifiedTime ASC')
  url.searchParams.set('limit', String(LIMIT))
  url.searchParams.set('offset', String(offset))
  const r = await getListPage(ctx.fetch, url.toString(), { authorization: `Bearer ${ctx.accessToken}` }, page)
  if (!r.ok) return r
  const orders = r.value.body.elements
  const sales: PolledSale[] = orders
    .filter((o) => o.paymentState === 'PAID')
    .map((o) => ({
      transactionId: o.id,
      changedAt: new Date(o.modifiedTime).toISOString(),
      delivery: {
        rawBody: JSON.stringify({
          appId: 'salesarck-poll',
          merchants: { [q.merchantId]: [{ objectId: `O:${o.id}`, type: 'UPDATE', ts: o.modifiedTime }] },
        }),
        headers: { 'content-type': 'application/json' },
      },
    }))
  const last = orders.at(-1)?.modifiedTime
  // Clover may cap `limit` below what we ask, so only an empty page ends the query.
  return ok({
    sales,
    nextPage: orders.length > 0 ? String(offset + orders.length) : null,
    cursor: last !== undefined ? String(last) : q.cursor,
  })
}

/** Time cursors are Unix milliseconds for Clover. */
export const cursorAt = (d: Date): string => String(d.getTime())
