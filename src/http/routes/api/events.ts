// GET /api/v1/events: the caller's own live events as text/event-stream (api-v1 "Consumer",
// ADR 0024). Channels come only from the verified actor: their user (balances) and, for a member
// of the active shop, that shop (sales). Resumable with Last-Event-ID.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { openEventStream, tenantChannel, userChannel } from '../../../live'
import { AppError } from '../../../shared/errors'
import { authPlugin, checkNeed } from '../../plugins/auth'

export function eventsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-events' }).use(authPlugin(deps)).get(
    '/api/v1/events',
    ({ actor, request }) => {
      // Only a client that asked for a stream gets one (EventSource and htmx's SSE extension do).
      if (!request.headers.get('accept')?.includes('text/event-stream'))
        throw new AppError('not_acceptable', 'This endpoint answers text/event-stream only')
      const prefix = deps.queues.prefix
      const channels = [userChannel(prefix, actor.userId)]
      if (actor.tenant && isMerchant(actor)) channels.push(tenantChannel(prefix, actor.tenant.id))
      const body = openEventStream(deps.live, {
        channels,
        lastEventId: request.headers.get('last-event-id'),
        signal: request.signal,
      })
      return new Response(body, {
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        },
      })
    },
    { auth: 'consumer' },
  )
}

/** A suspended shop's staff keep their consumer events but get none of the shop's. */
function isMerchant(actor: Parameters<typeof checkNeed>[0]): boolean {
  try {
    checkNeed(actor, 'merchant')
    return true
  } catch {
    return false
  }
}
