// Shopify polling through the GraphQL Admin API `orders` query (the REST orders list is
// legacy): orders updated since the cursor, sortKey UPDATED_AT, cursor pages via
// pageInfo.hasNextPage / endCursor. Each paid order is rewritten in the REST Order shape and
// wrapped as the `orders/paid` webhook with its X-Shopify-* headers, so it takes the webhook path.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError } from '../adapter'
import type { PolledSale, SalesPage } from '../kit/list-page'
import { ADMIN_API_VERSION, shopifyGraphql } from './graphql'

export { ADMIN_API_VERSION }

/** Page size: the GraphQL maximum for one connection page. */
const FIRST = 250
const PAID = new Set(['PAID', 'PARTIALLY_REFUNDED'])

const ORDERS_QUERY = `query PolledOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      legacyResourceId
      email
      phone
      createdAt
      processedAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      currencyCode
      totalPriceSet { shopMoney { amount } }
      subtotalPriceSet { shopMoney { amount } }
      totalTaxSet { shopMoney { amount } }
      totalDiscountsSet { shopMoney { amount } }
      totalTipReceivedSet { shopMoney { amount } }
      customer { legacyResourceId defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
    }
  }
}`

const money = z.object({ shopMoney: z.object({ amount: z.string() }) }).nullish()
const node = z.looseObject({
  legacyResourceId: z.union([z.string(), z.number()]).transform(String),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  createdAt: z.string(),
  processedAt: z.string().nullish(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  currencyCode: z.string(),
  totalPriceSet: money,
  subtotalPriceSet: money,
  totalTaxSet: money,
  totalDiscountsSet: money,
  totalTipReceivedSet: money,
  customer: z
    .object({
      legacyResourceId: z.union([z.string(), z.number()]).transform(String),
      defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
      defaultPhoneNumber: z.object({ phoneNumber: z.string().nullish() }).nullish(),
    })
    .nullish(),
})
type OrderNode = z.infer<typeof node>

const data = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    nodes: z.array(node),
  }),
})

/** The REST/webhook Order fields the adapter's parse reads, from a GraphQL node. */
function asRestOrder(o: OrderNode) {
  return {
    id: o.legacyResourceId,
    created_at: o.createdAt,
    processed_at: o.processedAt ?? null,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt ?? null,
    financial_status: o.displayFinancialStatus?.toLowerCase() ?? null,
    currency: o.currencyCode,
    total_price: o.totalPriceSet?.shopMoney.amount ?? '0',
    subtotal_price: o.subtotalPriceSet?.shopMoney.amount ?? null,
    total_tax: o.totalTaxSet?.shopMoney.amount ?? null,
    total_discounts: o.totalDiscountsSet?.shopMoney.amount ?? null,
    total_tip_received: o.totalTipReceivedSet?.shopMoney.amount ?? null,
    email: o.email ?? null,
    phone: o.phone ?? null,
    customer: o.customer
      ? {
          id: o.customer.legacyResourceId,
          email: o.customer.defaultEmailAddress?.emailAddress ?? null,
          phone: o.customer.defaultPhoneNumber?.phoneNumber ?? null,
        }
      : null,
  }
}

export async function listSalesPage(
  ctx: FetchContext,
  q: { merchantId: string; cursor: string; pageToken: string | null },
): Promise<Result<SalesPage, FetchDetailsError>> {
  // Shopify search syntax; the cursor is an ISO timestamp we wrote, quoted for the colons.
  const variables = { first: FIRST, after: q.pageToken, query: `updated_at:>='${q.cursor}'` }
  const r = await shopifyGraphql(ctx, ORDERS_QUERY, variables, data)
  if (!r.ok) return r
  const { nodes, pageInfo } = r.value.orders
  const sales: PolledSale[] = nodes
    .filter((o) => PAID.has(o.displayFinancialStatus ?? ''))
    .map((o) => ({
      transactionId: o.legacyResourceId,
      changedAt: o.updatedAt,
      delivery: {
        rawBody: JSON.stringify(asRestOrder(o)),
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/paid',
          'x-shopify-shop-domain': q.merchantId,
          'x-shopify-event-id': `poll-${o.legacyResourceId}-${o.updatedAt}`,
          'x-shopify-api-version': ADMIN_API_VERSION,
        },
      },
    }))
  const next = pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : null
  return ok({ sales, nextPage: next, cursor: nodes.at(-1)?.updatedAt ?? q.cursor })
}
