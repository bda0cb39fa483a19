// Merchant portal: the data page (exports and the member import). Owner only: exports carry
// full contacts and imports change balances.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { DataPage } from '../../../../views/merchant/data'
import type { AppDeps } from '../../../infra/deps'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

const dates = z.object({
  from: z.iso.date().optional().or(z.literal('')),
  to: z.iso.date().optional().or(z.literal('')),
})

export function merchantDataPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-merchant-data' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/data',
      ({ csrfToken, query }) => DataPage({ csrfToken: csrfToken(), from: query.from ?? '', to: query.to ?? '' }),
      { auth: 'merchant_owner', query: dates },
    )
}
