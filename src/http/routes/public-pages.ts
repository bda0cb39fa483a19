// The landing page and its live status fragment.
import { Elysia } from 'elysia'
import { LandingPage, StatusFragment } from '../../../views/public/landing'
import type { AppDeps } from '../../infra/deps'
import { pingRedis } from '../../infra/redis'

export function publicPages(deps: AppDeps) {
  return new Elysia({ name: 'public-pages' })
    .get('/', () => LandingPage())
    .get('/fragments/status', async () => {
      const ok = (p: Promise<unknown>) => p.then(() => 'ok', () => 'fail')
      const [database, redis] = await Promise.all([ok(deps.dbh.ping()), ok(pingRedis(deps.redis))])
      return StatusFragment({ checks: { database, redis }, checkedAt: deps.clock().toISOString() })
    })
}
