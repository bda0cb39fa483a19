// Clover's webhook handshake (issue 10.4): while the webhook URL is being set up in Clover's
// dashboard, Clover POSTs {"verificationCode": "…"} WITHOUT X-Clover-Auth (the app has no auth
// code yet) and waits for an operator to paste the code back. Our endpoint must therefore take
// exactly that one unsigned shape, keep it for the platform admin, and nothing else: the shape
// is pinned (one short token, nothing beside it), the body is tiny, stores are rate limited
// across the whole platform, and only the latest code is kept, so the worst an anonymous caller
// can do is overwrite a code the admin double-checks in Clover's dashboard anyway.
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppDeps } from '../../infra/deps'
import { consumeLimit } from '../../infra/rate-limit'
import { asSystem } from '../../infra/scope'
import { bodyText, parseJson } from '../adapter'
import { posWebhookVerifications } from './connection.schema'

/** Generous for {"verificationCode":"<uuid-like>"}; anything larger is not a handshake. */
export const MAX_VERIFICATION_BYTES = 256

const handshake = z.strictObject({ verificationCode: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) })

/** PURE: the code when the body is exactly Clover's handshake, else null. */
export function readVerificationCode(rawBody: Uint8Array): string | null {
  if (rawBody.byteLength > MAX_VERIFICATION_BYTES) return null
  const text = bodyText(rawBody)
  const parsed = text === null ? null : handshake.safeParse(parseJson(text))
  return parsed?.success ? parsed.data.verificationCode : null
}

export type HandshakeOutcome = 'not_a_handshake' | 'stored' | 'rate_limited' | 'unavailable'

/**
 * Stores the code of an unsigned Clover handshake. `not_a_handshake` means the caller must treat
 * the delivery like any other (and so refuse it unsigned). The limiter fails closed: without
 * Redis we cannot bound the writes, so nothing is stored.
 */
export async function receiveCloverHandshake(deps: AppDeps, rawBody: Uint8Array): Promise<HandshakeOutcome> {
  const code = readVerificationCode(rawBody)
  if (code === null) return 'not_a_handshake'
  const limit = await consumeLimit(deps, 'webhook-verification', 'clover')
  if (limit.ok === 'unavailable') return 'unavailable'
  if (!limit.ok) return 'rate_limited'
  const receivedAt = deps.clock()
  await asSystem(deps.dbh.db, (tx) =>
    tx
      .insert(posWebhookVerifications)
      .values({ provider: 'clover', code, receivedAt })
      .onConflictDoUpdate({ target: posWebhookVerifications.provider, set: { code, receivedAt } }),
  )
  return 'stored'
}

/** The latest code, for the platform admin (console and API). */
export async function latestCloverVerification(deps: AppDeps): Promise<{ code: string; receivedAt: Date } | null> {
  const [row] = await asSystem(deps.dbh.db, (tx) =>
    tx.select().from(posWebhookVerifications).where(eq(posWebhookVerifications.provider, 'clover')),
  )
  return row ? { code: row.code, receivedAt: row.receivedAt } : null
}
