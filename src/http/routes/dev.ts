// Development and test only (404 in production, the route group is not even mounted there).
import { Elysia } from 'elysia'
import { OutboxPage } from '../../../views/dev/outbox'
import type { AppDeps } from '../../infra/deps'
import { listOutbox } from '../../notify'

export function devRoutes(deps: AppDeps) {
  return (
    new Elysia({ name: 'dev' })
      .get('/dev/outbox.json', () => listOutbox(deps.dbh.db))
      .get('/dev/outbox', async () => OutboxPage({ messages: await listOutbox(deps.dbh.db) }))
      // A deliberately slow request, to watch graceful shutdown and client timeouts locally.
      .get('/dev/sleep', async ({ query }) => {
        const ms = Math.min(Math.max(Number(query.ms) || 0, 0), 10_000)
        await Bun.sleep(ms)
        return { slept_ms: ms }
      })
  )
}
