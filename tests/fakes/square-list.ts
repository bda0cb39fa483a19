// Square ListPayments (GET /v2/payments): updated_at filter, UPDATED_AT ASC, `cursor` pages.
import { type ListFake, pageOf, withListEndpoints } from './list-endpoints'
import type { SquareFake } from './square'
import { json } from './shared/server'

export type SquarePayment = { id: string; status: string; updated_at: string; [k: string]: unknown }

export function withSquareList(fake: SquareFake, opts: { pageSize?: number } = {}): ListFake<SquareFake> & { listed: SquarePayment[] } {
  const listed: SquarePayment[] = []
  const size = opts.pageSize ?? 100
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: '/v2/payments',
      handle: ({ bearer, url }) => {
        if (!fake.oauth.authenticate(bearer)) return json({ errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' }] }, 401)
        const since = url.searchParams.get('updated_at_begin_time') ?? ''
        const items = listed.filter((p) => p.updated_at >= since).sort((a, b) => a.updated_at.localeCompare(b.updated_at))
        const { page, more } = pageOf(items, Number(url.searchParams.get('cursor') ?? 0), Math.min(size, Number(url.searchParams.get('limit') ?? 100)))
        const start = Number(url.searchParams.get('cursor') ?? 0)
        return json({ payments: page, ...(more && { cursor: String(start + page.length) }) })
      },
    },
  ])
  return Object.assign(composite, { listed })
}
