// The HTTP side of Idempotency-Key: read and validate the header, run the write through
// withIdempotency (or plainly in the tenant's transaction when there is no key), and answer
// with the stored reply. Replays carry Idempotent-Replayed: true (a replayed refusal too: the
// error mapper sets it for a StoredRefusal).
import { isValidKey, type Reply, withIdempotency } from '../idempotency'
import type { Db, Tx } from '../infra/db'
import { inTenant } from '../infra/scope'
import { AppError } from '../shared/errors'

export type IdempotentWrite = {
  db: Db
  request: Request
  tenantId: string
  callerId: string
  route: string
  body: unknown
  now: Date
}

/** The request's Idempotency-Key, null without one; a malformed key is a 400. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get('idempotency-key')
  if (key !== null && !isValidKey(key))
    throw new AppError('bad_request', 'Idempotency-Key must be 1–255 printable characters')
  return key
}

export async function idempotentReply(w: IdempotentWrite, run: (tx: Tx) => Promise<Reply>): Promise<Response> {
  const key = idempotencyKeyOf(w.request)
  if (key === null) {
    const reply = await inTenant(w.db, { tenantId: w.tenantId }, run)
    return Response.json(reply.body, { status: reply.status })
  }
  const reply = await withIdempotency(
    w.db,
    { tenantId: w.tenantId, callerId: w.callerId, key, route: w.route, body: w.body, now: w.now },
    run,
  )
  return Response.json(reply.body, {
    status: reply.status,
    headers: reply.replayed ? { 'idempotent-replayed': 'true' } : {},
  })
}
