// Lightspeed X-Series polling (pos-providers.md § Lightspeed › Polling): the API 2.0 sales
// change feed, `after={version}` ordered by version, until `data` is empty. CLOSED sales are
// wrapped as the form-encoded `sale.update` webhook, so they take the webhook path.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import { getListPage, type PolledSale, type SalesPage } from '../kit/list-page'

const PAGE_SIZE = 100

const page = z.object({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        version: z.number(),
        status: z.string().optional(),
        sale_date: z.string().optional(),
        updated_at: z.string().optional(),
      }),
    )
    .default([]),
})

/** `cursor` is the highest sale version already seen ("0" to start). Pages are implicit: the cursor moves. */
export async function listSalesPage(
  ctx: FetchContext,
  q: { merchantId: string; cursor: string; pageToken: string | null },
): Promise<Result<SalesPage, FetchDetailsError>> {
  const after = q.pageToken ?? q.cursor
  const url = new URL('/api/2.0/sales', ctx.baseUrl)
  url.searchParams.set('after', after)
  url.searchParams.set('page_size', String(PAGE_SIZE))
  const r = await getListPage(ctx.fetch, url.toString(), { authorization: `Bearer ${ctx.accessToken}` }, page)
  if (!r.ok) return r
  const rows = r.value.body.data
  const sales: PolledSale[] = rows
    .filter((s) => s.status === 'CLOSED')
    .map((s) => {
      const form = new URLSearchParams({
        environment: 'prod',
        retailer_id: q.merchantId,
        type: 'sale.update',
        payload: JSON.stringify(s),
      })
      return {
        transactionId: s.id,
        changedAt: s.updated_at ?? s.sale_date ?? new Date(0).toISOString(),
        delivery: { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      }
    })
  const max = rows.reduce((m, s) => Math.max(m, s.version), Number(after))
  return ok({ sales, nextPage: rows.length > 0 ? String(max) : null, cursor: String(max) })
}

const retailer = z.object({ data: z.object({ id: z.string().min(1) }) })

/**
 * The retailer id webhooks carry (our external merchant id). GET /api/2.0/retailer is our
 * reading of the API 2.0 reference (unconfirmed); the caller falls back to domain_prefix.
 */
export async function fetchRetailerId(ctx: FetchContext): Promise<string | null> {
  const r = await getListPage(
    ctx.fetch,
    new URL('/api/2.0/retailer', ctx.baseUrl).toString(),
    { authorization: `Bearer ${ctx.accessToken}` },
    retailer,
  )
  return r.ok ? r.value.body.data.id : null
}
