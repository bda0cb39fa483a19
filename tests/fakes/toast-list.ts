// Toast GET /orders/v2/ordersBulk: modified-time window (inclusive start, exclusive end),
// pageSize ≤ 100, `page` numbers with Link rel="next"; only restaurants that added us.
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import { json } from './shared/server'
import type { ToastFake } from './toast'

export type ToastOrder = {
  guid: string
  modifiedDate: string
  paidDate?: string | null
  voided?: boolean
  [k: string]: unknown
}

const parse = (t: string) => Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))

export function withToastList(
  fake: ToastFake,
  opts: { pageSize?: number } = {},
): ListFake<ToastFake> & { listed: Map<string, ToastOrder[]> } {
  const listed = new Map<string, ToastOrder[]>()
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: '/orders/v2/ordersBulk',
      handle: ({ bearer, request, url }) => {
        if (fake.oauth.authenticate(bearer) !== fake.clientId)
          return json({ status: 401, message: 'Unauthorized' }, 401)
        const restaurant = request.headers.get('toast-restaurant-external-id')
        if (!restaurant) return json({ status: 400, message: 'Missing Toast-Restaurant-External-ID header' }, 400)
        if (!fake.restaurants.has(restaurant)) return json({ status: 403, message: 'Restaurant not accessible' }, 403)
        const start = parse(url.searchParams.get('startDate') ?? '')
        const end = parse(url.searchParams.get('endDate') ?? '')
        if (Number.isNaN(start) || Number.isNaN(end))
          return json({ status: 400, message: 'startDate and endDate are required' }, 400)
        const size = Math.min(opts.pageSize ?? 100, Number(url.searchParams.get('pageSize') ?? 100))
        const pageNo = Number(url.searchParams.get('page') ?? 1)
        const items = (listed.get(restaurant) ?? []).filter(
          (o) => parse(o.modifiedDate) >= start && parse(o.modifiedDate) < end,
        )
        const { page, more } = pageOf(items, (pageNo - 1) * size, size)
        const next = new URL(url)
        next.searchParams.set('page', String(pageNo + 1))
        return json(page, 200, more ? { link: `<${next.toString()}>; rel="next"` } : {})
      },
    },
  ])
  return Object.assign(composite, { listed })
}
