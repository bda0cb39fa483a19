// Square ListLocations (GET /v2/locations) and ListPayments (GET /v2/payments): updated_at
// filter, UPDATED_AT ASC, `cursor` pages. Like Square, ListPayments without `location_id`
// answers for the seller's main (first) location only.
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import type { SquareFake } from './square'
import { json } from './shared/server'

export type SquarePayment = {
  id: string
  status: string
  updated_at: string
  location_id?: string
  [k: string]: unknown
}
export type SquareLocation = {
  id: string
  name: string
  status: 'ACTIVE' | 'INACTIVE'
  merchant_id?: string
  [k: string]: unknown
}

export function withSquareList(
  fake: SquareFake,
  opts: { pageSize?: number } = {},
): ListFake<SquareFake> & { listed: SquarePayment[]; locations: SquareLocation[] } {
  const listed: SquarePayment[] = []
  const locations: SquareLocation[] = [
    { id: 'L1', name: 'Main Street', status: 'ACTIVE', merchant_id: fake.merchantId },
  ]
  const size = opts.pageSize ?? 100
  const unauthorized = () => json({ errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' }] }, 401)
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: '/v2/locations',
      handle: ({ bearer }) => (fake.oauth.authenticate(bearer) ? json({ locations }) : unauthorized()),
    },
    {
      method: 'GET',
      path: '/v2/payments',
      handle: ({ bearer, url }) => {
        if (!fake.oauth.authenticate(bearer)) return unauthorized()
        const main = locations[0]?.id
        const location = url.searchParams.get('location_id') ?? main
        if (!locations.some((l) => l.id === location))
          return json({ errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND', field: 'location_id' }] }, 404)
        const since = url.searchParams.get('updated_at_begin_time') ?? ''
        const items = listed
          .filter((p) => (p.location_id ?? main) === location && p.updated_at >= since)
          .sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        const start = Number(url.searchParams.get('cursor') ?? 0)
        const { page, more } = pageOf(items, start, Math.min(size, Number(url.searchParams.get('limit') ?? 100)))
        return json({ payments: page, ...(more && { cursor: String(start + page.length) }) })
      },
    },
  ])
  return Object.assign(composite, { listed, locations })
}
