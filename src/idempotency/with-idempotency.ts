// Idempotency-Key semantics (api-v1.md, ADR 0007). The claim row, the effect and the stored
// reply commit in ONE transaction: a concurrent request with the same key blocks on the
// claim's INSERT until the first commits, then finds the stored reply and replays it. So 50
// identical requests make one effect and 50 identical replies, with no "in progress" window
// and nothing half-done if the process dies (the whole transaction rolls back, key included).
import { and, eq } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { logContext } from '../infra/logger'
import { inTenant } from '../infra/scope'
import { AppError, type ErrorCode } from '../shared/errors'
import { idempotencyKeys } from './idempotency.schema'
import { requestHash } from './request-hash'

export type Reply = { status: number; body: unknown }
export type IdempotentRequest = {
  /** The tenant the effect happens in; also scopes the key. */
  tenantId: string
  /** The authenticated caller (user id): another caller's identical key is a different key. */
  callerId: string
  key: string
  route: string
  body: unknown
  now: Date
}

type RefusalBody = { error: { code: ErrorCode; message: string; request_id: string } }

/** Business refusals (4xx) are stored and replayed like successes; 5xx leaves the key free. */
function refusal(e: AppError): Reply {
  const body: RefusalBody = {
    error: { code: e.code, message: e.message, request_id: logContext.getStore()?.reqId ?? '' },
  }
  return { status: e.status, body }
}

/**
 * A refusal a key stored, raised again for a caller that maps errors itself. It keeps the first
 * answer's request id, so the error mapper renders a replay byte for byte as the first answer.
 */
export class StoredRefusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly requestId: string,
    readonly replayed: boolean,
  ) {
    super(code, message)
  }
}

/** The stored refusal in a reply that is not the effect's own success. */
export function storedRefusal(reply: Reply & { replayed: boolean }): StoredRefusal {
  const { error } = reply.body as RefusalBody
  return new StoredRefusal(error.code, error.message, error.request_id, reply.replayed)
}

export async function withIdempotency(
  db: Db,
  req: IdempotentRequest,
  run: (tx: Tx) => Promise<Reply>,
): Promise<Reply & { replayed: boolean }> {
  const hash = requestHash(req.route, req.body)
  const where = and(
    eq(idempotencyKeys.scopeTenant, req.tenantId),
    eq(idempotencyKeys.callerId, req.callerId),
    eq(idempotencyKeys.key, req.key),
  )
  for (let attempt = 0; attempt < 3; attempt++) {
    const fresh = await inTenant(db, { tenantId: req.tenantId }, async (tx) => {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({
          scopeTenant: req.tenantId,
          callerId: req.callerId,
          key: req.key,
          route: req.route,
          requestHash: hash,
          createdAt: req.now,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key })
      if (!claimed.length) return null
      let reply: Reply
      try {
        reply = await tx.transaction(run)
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e
        reply = refusal(e)
      }
      // Reply with what was stored (jsonb re-orders keys), so first reply and replays are identical bytes.
      const [stored] = await tx
        .update(idempotencyKeys)
        .set({ status: reply.status, body: reply.body, completedAt: req.now })
        .where(where)
        .returning({ body: idempotencyKeys.body })
      return { status: reply.status, body: stored?.body ?? reply.body, replayed: false }
    })
    if (fresh) return fresh
    const [row] = await db.select().from(idempotencyKeys).where(where)
    if (!row) continue // purged between our INSERT and SELECT: claim again
    if (row.requestHash !== hash)
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request')
    if (row.status === null)
      throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed')
    return { status: row.status, body: row.body, replayed: true }
  }
  throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed')
}
