// POST /webhooks/{provider} (api-v1.md). Public: each provider's own signature is the
// credential. The body is read once as bytes before anything parses it (a re-serialised body
// would not verify), stored, and answered within the provider's deadline. Bad input is a 4xx
// with the API error shape; a database outage is a 503 so the provider retries; never a 500.
// Rate limiting (ADR 0019): a verified delivery is never refused for volume; a post that fails
// verification, or is refused before it, counts against its IP, and past the limit is a 429.
// An unknown provider is a 404 that touches nothing.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { consumeLimit } from '../../infra/rate-limit'
import { getPosAdapter } from '../../pos'
import { receiveCloverHandshake } from '../../pos/connection'
import { receiveWebhook } from '../../pos/ingest'
import { AppError } from '../../shared/errors'
import { clientIp } from '../client-ip'

export function webhookRoutes(deps: AppDeps) {
  const max = deps.config.MAX_BODY_BYTES
  return new Elysia({ name: 'webhooks' }).post(
    '/webhooks/:provider',
    async ({ params, request, server }) => {
      const adapter = getPosAdapter(params.provider)
      if (!adapter) throw new AppError('not_found', 'There is nothing at this address')
      const provider = adapter.meta.slug
      const count = (outcome: string) => deps.metrics.webhooks.inc({ provider, outcome })
      /** The refusal of an unverified post, or 429 once its IP has sent too many. */
      const refuse = async (outcome: string, error: AppError): Promise<never> => {
        const limit = await consumeLimit(deps, 'webhook-unverified-ip', clientIp(deps.config, request, server))
        count(limit.ok === false ? 'rate_limited' : outcome)
        if (limit.ok === false)
          throw new AppError('rate_limited', 'Too many unverified requests. Please slow down.', {
            retryAfter: limit.retryAfterS,
          })
        throw error
      }
      const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
      // What the provider sends (its descriptor's contentType); anything else is refused before verification.
      const expected = adapter.meta.contentType
      if (type !== expected)
        return refuse('unsupported_media_type', new AppError('unsupported_media_type', `Expected ${expected}`))
      const rawBody = new Uint8Array(await request.arrayBuffer())
      // Content-Length was checked by the body-limit plugin; a chunked body is measured here.
      if (rawBody.byteLength > max)
        return refuse(
          'payload_too_large',
          new AppError('payload_too_large', `Request body is larger than ${max} bytes`),
        )
      // Clover's one unsigned delivery: its webhook-URL handshake (src/pos/connection/webhook-verification.ts).
      if (provider === 'clover' && !request.headers.has('x-clover-auth')) {
        const handshake = await receiveCloverHandshake(deps, rawBody)
        if (handshake !== 'not_a_handshake') count(`verification_${handshake}`)
        if (handshake === 'stored') return { status: 'ok' }
        if (handshake === 'rate_limited')
          throw new AppError('rate_limited', 'Too many verification requests', { retryAfter: 3600 })
        if (handshake === 'unavailable') throw new AppError('unavailable', 'Please retry', { retryAfter: 30 })
      }
      let received: Awaited<ReturnType<typeof receiveWebhook>>
      try {
        received = await receiveWebhook(deps, provider, { rawBody, headers: request.headers })
      } catch (e) {
        count('unavailable')
        log.error(
          { provider, err: { name: (e as Error).name, message: (e as Error).message } },
          'webhook could not be stored',
        )
        throw new AppError('unavailable', 'The event could not be stored; please retry', { retryAfter: 30 })
      }
      if (received.outcome === 'rejected')
        return refuse('rejected', new AppError('unauthorized', 'Missing or invalid webhook signature'))
      count(received.outcome)
      if (received.outcome === 'unreadable')
        throw new AppError('bad_request', 'The webhook body is not a readable event')
      // The hand-off to the workers runs on after the answer: Redis never delays the ack.
      return { status: 'ok' }
    },
    { parse: 'none' },
  )
}
