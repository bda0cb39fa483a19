// Request id for every request (taken from a sane X-Request-Id or new), carried through the
// whole pipeline by AsyncLocalStorage so logs from deep modules and enqueued jobs carry it.
// Elysia's .wrap() is low level; this plugin is its only user (stack-notes §6).
import { Elysia } from 'elysia'
import { logContext } from '../../infra/logger'

const SANE_ID = /^[\w.-]{1,128}$/

export function pickRequestId(r: Request): string {
  const h = r.headers.get('x-request-id')
  return h && SANE_ID.test(h) ? h : crypto.randomUUID()
}

function withRequestId(res: unknown, reqId: string) {
  if (res instanceof Response && !res.headers.has('x-request-id')) res.headers.set('x-request-id', reqId)
  return res
}

export const requestContext = new Elysia({ name: 'request-context' })
  .wrap((fn) => (request: Request) => {
    const reqId = pickRequestId(request)
    // Set on the final Response too: unmatched routes and early errors skip derive().
    return logContext.run({ reqId }, async () => withRequestId(await fn(request), reqId))
  })
  .derive({ as: 'global' }, ({ set }) => {
    const reqId = logContext.getStore()?.reqId ?? crypto.randomUUID()
    set.headers['x-request-id'] = reqId
    return { reqId }
  })
