// Shopify GraphQL Admin API (POST /admin/api/{version}/graphql.json, X-Shopify-Access-Token):
// the `orders` query with `query: "updated_at:>='…'"`, sortKey UPDATED_AT and cursor pages
// (first/after → pageInfo.hasNextPage/endCursor, at most 250 per page), and the `shop` query.
// A revoked or unknown token gets 401 with Shopify's body, as on every Admin API call.
// Orders are stored in the REST shape tests already build and served as GraphQL nodes.
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import { json } from './shared/server'
import type { ShopifyFake } from './shopify'

export type ShopifyOrder = { id: number | string; updated_at: string; financial_status: string; [k: string]: unknown }

type GraphqlRequest = { query?: string; variables?: { first?: number; after?: string | null; query?: string } }

const money = (amount: unknown) => (amount == null ? null : { shopMoney: { amount: String(amount) } })

function orderNode(o: ShopifyOrder) {
  const customer = o.customer as
    | { id: string | number; email?: string | null; phone?: string | null }
    | null
    | undefined
  return {
    id: `gid://shopify/Order/${o.id}`,
    legacyResourceId: String(o.id),
    email: o.email ?? null,
    phone: o.phone ?? null,
    createdAt: o.created_at ?? o.updated_at,
    processedAt: o.processed_at ?? null,
    updatedAt: o.updated_at,
    cancelledAt: o.cancelled_at ?? null,
    displayFinancialStatus: o.financial_status.toUpperCase(),
    currencyCode: o.currency ?? 'USD',
    totalPriceSet: money(o.total_price),
    subtotalPriceSet: money(o.subtotal_price),
    totalTaxSet: money(o.total_tax),
    totalDiscountsSet: money(o.total_discounts),
    totalTipReceivedSet: money(o.total_tip_received),
    customer: customer
      ? {
          id: `gid://shopify/Customer/${customer.id}`,
          legacyResourceId: String(customer.id),
          defaultEmailAddress: customer.email ? { emailAddress: customer.email } : null,
          defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
        }
      : null,
  }
}

export function withShopifyList(
  fake: ShopifyFake,
  opts: { pageSize?: number; apiVersion?: string } = {},
): ListFake<ShopifyFake> & { listed: ShopifyOrder[] } {
  const listed: ShopifyOrder[] = []
  const size = opts.pageSize ?? 250
  const composite = withListEndpoints(fake, [
    {
      method: 'POST',
      path: `/admin/api/${opts.apiVersion ?? '2026-07'}/graphql.json`,
      handle: async ({ request }) => {
        if (fake.oauth.authenticate(request.headers.get('x-shopify-access-token')) !== fake.shop) {
          return json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401)
        }
        const body = (await request.json().catch(() => null)) as GraphqlRequest | null
        const query = body?.query ?? ''
        if (/\bshop\s*\{/.test(query)) return json({ data: { shop: { myshopifyDomain: fake.shop } } })
        if (!/\borders\s*\(/.test(query))
          return json({ errors: [{ message: 'Field does not exist', extensions: { code: 'undefinedField' } }] })
        const v = body?.variables ?? {}
        const first = v.first ?? 0
        if (first < 1 || first > 250)
          return json({
            errors: [{ message: 'The first argument must be between 1 and 250', extensions: { code: 'BAD_REQUEST' } }],
          })
        if (!/sortKey:\s*UPDATED_AT/.test(query))
          return json({
            errors: [{ message: 'this fake only sorts by UPDATED_AT', extensions: { code: 'BAD_REQUEST' } }],
          })
        const since = /updated_at:>=\s*'?([^'\s]+)'?/.exec(v.query ?? '')?.[1] ?? ''
        const items = listed
          .filter((o) => o.updated_at >= since)
          .sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        // Opaque cursors, as Shopify's: here base64 of the offset.
        const start = v.after ? Number(atob(v.after)) : 0
        const { page, more } = pageOf(items, start, Math.min(first, size))
        const endCursor = page.length ? btoa(String(start + page.length)) : null
        return json({
          data: { orders: { pageInfo: { hasNextPage: more, endCursor }, nodes: page.map(orderNode) } },
          extensions: {
            cost: {
              requestedQueryCost: 2 + first,
              throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
            },
          },
        })
      },
    },
  ])
  return Object.assign(composite, { listed })
}
