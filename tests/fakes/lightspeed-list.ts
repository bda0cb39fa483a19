// Lightspeed X-Series GET /api/2.0/sales?after={version}&page_size=… (a version-ordered change
// feed; empty `data` = caught up) and GET /api/2.0/retailer for the retailer id.
import type { LightspeedFake } from './lightspeed'
import { type ListFake, withListEndpoints } from './list-endpoints'
import { json } from './shared/server'

export type LightspeedSale = { id: string; version: number; status: string; sale_date: string; [k: string]: unknown }

export function withLightspeedList(
  fake: LightspeedFake,
  opts: { pageSize?: number } = {},
): ListFake<LightspeedFake> & { listed: LightspeedSale[] } {
  const listed: LightspeedSale[] = []
  const composite = withListEndpoints(fake, [
    {
      method: 'GET',
      path: '/api/2.0/sales',
      handle: ({ bearer, url }) => {
        if (!fake.oauth.authenticate(bearer)) return json({ error: 'Unauthorized' }, 401)
        const after = Number(url.searchParams.get('after') ?? 0)
        const size = Math.min(opts.pageSize ?? 200, Number(url.searchParams.get('page_size') ?? 200))
        const data = listed
          .filter((s) => s.version > after)
          .sort((a, b) => a.version - b.version)
          .slice(0, size)
        return json({ data, version: { min: data[0]?.version ?? null, max: data.at(-1)?.version ?? null } })
      },
    },
    {
      method: 'GET',
      path: '/api/2.0/retailer',
      handle: ({ bearer }) =>
        fake.oauth.authenticate(bearer)
          ? json({ data: { id: fake.retailerId, domain_prefix: fake.domainPrefix } })
          : json({ error: 'Unauthorized' }, 401),
    },
  ])
  return Object.assign(composite, { listed })
}
