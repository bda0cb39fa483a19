// The Shopify poller against GraphQL answers the fake does not produce: cost-based throttling
// (HTTP 200 with a THROTTLED error), a revoked token (401), and an order id beyond 2^53 that
// must survive the rewrite into the orders/paid shape the adapter parses.
import { describe, expect, test } from 'bun:test'
import { getPosAdapter } from '../../src/pos'
import { listSalesPage } from '../../src/pos/shopify/list-sales'

const q = { merchantId: 'jane-coffee.myshopify.com', cursor: '2026-06-02T00:00:00.000Z', pageToken: null }
const answer = (status: number, body: string) => async () =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } })
const ctx = (fetch: () => Promise<Response>) => ({
  fetch,
  baseUrl: 'https://jane-coffee.myshopify.com',
  accessToken: 'shpat_x',
})

describe('Shopify GraphQL polling', () => {
  test('THROTTLED is a rate limit, so polling parks the connection instead of failing it', async () => {
    const r = await listSalesPage(
      ctx(answer(200, '{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}')),
      q,
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
  })

  test('401 (uninstalled or revoked token) is unauthorized', async () => {
    const r = await listSalesPage(
      ctx(answer(401, '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}')),
      q,
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } })
  })

  test('a paid node becomes an orders/paid delivery keyed on the exact legacy id; the last page has no next token', async () => {
    const node = {
      legacyResourceId: '820982911946154508',
      email: 'jane@example.com',
      phone: null,
      createdAt: '2026-06-02T17:41:05Z',
      processedAt: '2026-06-02T17:41:05Z',
      updatedAt: '2026-06-02T17:42:00Z',
      cancelledAt: null,
      displayFinancialStatus: 'PAID',
      currencyCode: 'USD',
      totalPriceSet: { shopMoney: { amount: '14.50' } },
      customer: {
        legacyResourceId: '115310627314723954',
        defaultEmailAddress: { emailAddress: 'jane@example.com' },
        defaultPhoneNumber: null,
      },
    }
    const pending = {
      ...node,
      legacyResourceId: '820982911946154509',
      displayFinancialStatus: 'PENDING',
      updatedAt: '2026-06-02T17:43:00Z',
    }
    const body = JSON.stringify({
      data: { orders: { pageInfo: { hasNextPage: false, endCursor: 'eyJsYXN0X2lkIjo' }, nodes: [node, pending] } },
    })
    const r = await listSalesPage(ctx(answer(200, body)), q)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.nextPage).toBeNull()
    expect(r.value.cursor).toBe('2026-06-02T17:43:00Z')
    expect(r.value.sales.map((s) => s.transactionId)).toEqual(['820982911946154508'])
    const d = r.value.sales[0]!.delivery
    const [event] = getPosAdapter('shopify')!.parse({ rawBody: d.rawBody, headers: new Headers(d.headers) })
    expect(event).toMatchObject({
      type: 'sale_completed',
      providerTransactionId: '820982911946154508',
      amounts: { total: 1450 },
      identity: { email: 'jane@example.com', providerCustomerId: '115310627314723954' },
    })
  })
})
