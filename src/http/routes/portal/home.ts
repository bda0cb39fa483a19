// Where "merchant" sign-in lands: the shop's transactions when a shop is active, otherwise the
// account page where the user picks one (or learns they have none).
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { authPlugin } from '../../plugins/auth'

export function merchantHomePortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-merchant-home' }).use(authPlugin(deps)).get(
    '/merchant',
    ({ actor, redirect }) => redirect(actor.tenant && actor.tenant.status === 'active' ? '/merchant/transactions' : '/account', 303),
    { auth: 'consumer' },
  )
}
