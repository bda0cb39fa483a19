// Square polling (pos-providers.md § Square › Polling). ListPayments without `location_id`
// answers for the seller's main location only, so a run first lists every location
// (GET /v2/locations, MERCHANT_PROFILE_READ) and then reads GET /v2/payments changed since the
// cursor at each location in turn, oldest change first, following `cursor` pages. Each COMPLETED
// payment is wrapped as the `payment.updated` webhook Square would have sent, so it takes the
// webhook path. Nightly reconciliation pages through this same function, so it covers every
// location too.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import { getListPage, type PolledSale, type SalesPage } from '../kit/list-page'

const page = z.object({
  payments: z.array(z.looseObject({ id: z.string(), status: z.string(), updated_at: z.string() })).default([]),
  cursor: z.string().optional(),
})

const locationList = z.object({ locations: z.array(z.looseObject({ id: z.string().min(1) })).default([]) })

/** Where a run is: the locations listed at its start, which one is being read, Square's page cursor there, and the newest change seen so far. */
const walk = z.object({
  locations: z.array(z.string()),
  at: z.number().int().min(0),
  cursor: z.string().nullable(),
  newest: z.string(),
})
type Walk = z.infer<typeof walk>

async function startWalk(ctx: FetchContext, since: string): Promise<Result<Walk, FetchDetailsError>> {
  const r = await getListPage(
    ctx.fetch,
    new URL('/v2/locations', ctx.baseUrl).toString(),
    { authorization: `Bearer ${ctx.accessToken}` },
    locationList,
  )
  if (!r.ok) return r
  return ok({ locations: r.value.body.locations.map((l) => l.id), at: 0, cursor: null, newest: since })
}

function resumeWalk(token: string): Walk | null {
  try {
    const parsed = walk.safeParse(JSON.parse(token))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function listSalesPage(
  ctx: FetchContext,
  q: { merchantId: string; cursor: string; pageToken: string | null },
): Promise<Result<SalesPage, FetchDetailsError>> {
  const resumed = q.pageToken ? resumeWalk(q.pageToken) : null
  const started = resumed ? ok(resumed) : await startWalk(ctx, q.cursor)
  if (!started.ok) return started
  const w = started.value
  const location = w.locations[w.at]
  if (location === undefined) return ok({ sales: [], nextPage: null, cursor: q.cursor })

  const url = new URL('/v2/payments', ctx.baseUrl)
  url.searchParams.set('location_id', location)
  url.searchParams.set('updated_at_begin_time', q.cursor)
  url.searchParams.set('sort_field', 'UPDATED_AT')
  url.searchParams.set('sort_order', 'ASC')
  url.searchParams.set('limit', '100')
  if (w.cursor) url.searchParams.set('cursor', w.cursor)
  const r = await getListPage(ctx.fetch, url.toString(), { authorization: `Bearer ${ctx.accessToken}` }, page)
  if (!r.ok) return r
  const payments = r.value.body.payments
  const sales: PolledSale[] = payments
    .filter((p) => p.status === 'COMPLETED')
    .map((p) => ({
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
  // RFC 3339 UTC strings order as text (Math.max does not apply to strings).
  const newest = [w.newest, ...payments.map((p) => p.updated_at)].sort().at(-1) ?? w.newest
  const next: Walk | null = r.value.body.cursor
    ? { ...w, cursor: r.value.body.cursor, newest }
    : w.at + 1 < w.locations.length
      ? { ...w, at: w.at + 1, cursor: null, newest }
      : null
  // Locations are read one after another, so a change newer than the cursor may still be unread
  // at a later location: the mark moves only once every location has been read to the end.
  return ok({ sales, nextPage: next && JSON.stringify(next), cursor: next ? q.cursor : newest })
}
