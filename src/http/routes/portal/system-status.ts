// The system status fragment on the account page. It needs a session: which dependency is down
// is operational detail, not something to tell anonymous visitors (issue 12.13).
import { Elysia } from 'elysia'
import { StatusFragment } from '../../../../views/components/system-status'
import type { AppDeps } from '../../../infra/deps'
import { pingRedis } from '../../../infra/redis'
import { authPlugin } from '../../plugins/auth'

export function systemStatusPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-system-status' }).use(authPlugin(deps)).get(
    '/fragments/status',
    async ({ set }) => {
      const ok = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          () => 'fail',
        )
      const [database, redis] = await Promise.all([ok(deps.dbh.ping()), ok(pingRedis(deps.redis))])
      set.headers['cache-control'] = 'no-store'
      return StatusFragment({ checks: { database, redis }, checkedAt: deps.clock().toISOString() })
    },
    { auth: 'consumer' },
  )
}
