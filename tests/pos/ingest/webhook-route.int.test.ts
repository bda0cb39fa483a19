// The webhook route's edges (api-v1.md): wrong content type 415, oversized 413, unknown
// provider 404, a signed but unreadable body 400, bad signature 401 — each with the API error
// shape, nothing stored, never a 500 — and the per-provider outcome metric.
import { expect, test } from 'bun:test'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { inboxRows, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, MAX_BODY_BYTES: '4096' })
const signed = (body: string) =>
  squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL)

test('bad input is a 4xx with the error shape and stores nothing', async () => {
  const t = getApp()
  const post = (path: string, body: string, headers: Record<string, string>) =>
    t.request(path, { method: 'POST', body, headers })
  const cases: [Promise<Response>, number, string][] = [
    [
      post('/webhooks/square', 'a=1', { ...signed('a=1'), 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    ],
    [post('/webhooks/square', 'x'.repeat(5000), signed('x'.repeat(5000))), 413, 'payload_too_large'],
    [post('/webhooks/paypal', '{}', signed('{}')), 404, 'not_found'],
    [post('/webhooks/square', '{"not":"an event"}', signed('{"not":"an event"}')), 400, 'bad_request'],
    [post('/webhooks/square', '{}', { 'content-type': 'application/json' }), 401, 'unauthorized'],
  ]
  for (const [res, status, code] of cases) {
    const r = await res
    expect(r.status).toBe(status)
    expect((await r.json()).error).toMatchObject({ code, request_id: expect.any(String) })
  }
  expect(await inboxRows(t.deps)).toEqual([])
  const metrics = await t.deps.metrics.registry.getSingleMetricAsString('webhooks_total')
  expect(metrics).toContain('provider="square",outcome="rejected"')
  expect(metrics).toContain('provider="square",outcome="unsupported_media_type"')
})
