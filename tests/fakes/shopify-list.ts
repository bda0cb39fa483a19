// Shopify GET /admin/api/{version}/orders.json: updated_at_min, cursor pages via the Link
// header's page_info (follow-up requests may carry only page_info and limit).
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import { json } from './shared/server'
import type { ShopifyFake } from './shopify'

export type ShopifyOrder = { id: number | string; updated_at: string; financial_status: string; [k: string]: unknown }

export function withShopifyList(fake: ShopifyFake, opts: { pageSize?: number; apiVersion?: string } = {}): ListFake<ShopifyFake> & { listed: ShopifyOrder[] } {
  const listed: ShopifyOrder[] = []
  const cursors = new Map<string, { since: string; offset: number }>()
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: `/admin/api/${opts.apiVersion ?? '2026-07'}/orders.json`,
      handle: ({ request, url }) => {
        if (fake.oauth.authenticate(request.headers.get('x-shopify-access-token')) !== fake.shop) {
          return json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401)
        }
        const pageInfo = url.searchParams.get('page_info')
        if (pageInfo && (url.searchParams.has('updated_at_min') || url.searchParams.has('status'))) return json({ errors: { page_info: 'cannot be combined with filters' } }, 400)
        const at = pageInfo ? cursors.get(pageInfo) : { since: url.searchParams.get('updated_at_min') ?? '', offset: 0 }
        if (!at) return json({ errors: { page_info: 'Invalid value.' } }, 400)
        const items = listed.filter((o) => o.updated_at >= at.since).sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        const size = Math.min(opts.pageSize ?? 250, Number(url.searchParams.get('limit') ?? 50))
        const { page, more } = pageOf(items, at.offset, size)
        const headers: Record<string, string> = {}
        if (more) {
          const token = crypto.randomUUID().replaceAll('-', '')
          cursors.set(token, { since: at.since, offset: at.offset + size })
          headers.link = `<${composite.url}${url.pathname}?limit=${size}&page_info=${token}>; rel="next"`
        }
        // Ids are written as bare JSON numbers beyond 2^53, as Shopify does.
        const body = `{"orders":[${page.map((o) => JSON.stringify(o).replace(/"id":"(\d+)"/, '"id":$1')).join(',')}]}`
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } })
      },
    },
  ])
  return Object.assign(composite, { listed })
}
