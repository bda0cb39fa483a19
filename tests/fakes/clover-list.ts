// Clover GET /v3/merchants/{mId}/orders with `filter=modifiedTime>=…`, offset/limit paging.
// Also echoes `state` on the consent redirect: RFC 6749 §4.1.2 requires it, and our callback
// refuses a connect without one (Clover's docs do not say; pos-providers.md, unconfirmed).
import type { CloverFake } from './clover'
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import { json } from './shared/server'

export type CloverOrder = { id: string; modifiedTime: number; paymentState?: string; [k: string]: unknown }

export function withCloverList(
  fake: CloverFake,
  opts: { pageSize?: number } = {},
): ListFake<CloverFake> & { listed: CloverOrder[] } {
  const listed: CloverOrder[] = []
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: '/v3/merchants/:mId/orders',
      handle: ({ bearer, params, url }) => {
        if (fake.oauth.authenticate(bearer) !== params.mId) return json({ message: '401 Unauthorized' }, 401)
        const filter = url.searchParams.getAll('filter').find((f) => f.startsWith('modifiedTime>='))
        const since = filter ? Number(filter.slice('modifiedTime>='.length)) : 0
        const items = listed.filter((o) => o.modifiedTime >= since).sort((a, b) => a.modifiedTime - b.modifiedTime)
        const limit = Math.min(opts.pageSize ?? 100, Number(url.searchParams.get('limit') ?? 100))
        return json({ elements: pageOf(items, Number(url.searchParams.get('offset') ?? 0), limit).page })
      },
    },
    {
      method: 'GET',
      path: '/oauth/v2/authorize',
      handle: async ({ url }) => {
        const res = await fetch(`${fake.url}${url.pathname}${url.search}`, { redirect: 'manual' })
        const location = res.headers.get('location')
        const state = url.searchParams.get('state')
        if (!location || !state) return res
        const target = new URL(location)
        target.searchParams.set('state', state)
        return new Response(null, { status: 302, headers: { location: target.toString() } })
      },
    },
  ])
  return Object.assign(composite, { listed })
}
