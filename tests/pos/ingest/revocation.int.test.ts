// A merchant who revokes our access at the provider (Square) must see the connection go to
// revoked at once, get exactly one email, and have nothing else change; a redelivered
// revocation changes nothing. Shopify's app/uninstalled, which Shopify must confirm first, is
// covered with its fake in tests/pos/connection/shopify-uninstall.int.test.ts.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { notifications } from '../../../src/notify'
import { processInboxEvent } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { inboxRows, linkMerchant, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })

async function deliver(provider: 'square', body: string, headers: Record<string, string>) {
  const { deps, request } = getApp()
  const res = await request(`/webhooks/${provider}`, { method: 'POST', headers, body })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(deps)) if (row.status === 'received') await processInboxEvent(deps, row.id)
}

async function connectionStatus(headers: Record<string, string>, provider: string) {
  const r = await getApp().json<{ provider: string; status: string }[]>('/api/v1/merchant/connections', { headers })
  return r.body.find((c) => c.provider === provider)?.status
}

const emailsTo = async (address: string) =>
  (await getApp().deps.dbh.db.select().from(notifications).where(eq(notifications.to, address))).length

describe('revocation webhooks', () => {
  test('Square oauth.authorization.revoked disconnects the connection and emails the owner once', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    await linkMerchant(deps, cast.tenant.id, 'square', 'MREVOKE1', 'sq-access-token')
    expect(await connectionStatus(cast.owner.headers, 'square')).toBe('connected')
    const revoke = (eventId: string) =>
      JSON.stringify({
        merchant_id: 'MREVOKE1',
        type: 'oauth.authorization.revoked',
        event_id: eventId,
        created_at: new Date().toISOString(),
        data: {
          type: 'revocation',
          id: 'r1',
          object: { revocation: { revoked_at: new Date().toISOString(), revoker_type: 'MERCHANT' } },
        },
      })
    const first = revoke('evt-revoke-1')
    await deliver(
      'square',
      first,
      squareWebhookHeaders(first, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    )
    expect(await connectionStatus(cast.owner.headers, 'square')).toBe('disconnected') // api-v1 shows revoked as disconnected
    const owner = cast.users.owner.email!
    expect(await emailsTo(owner)).toBe(1)
    const again = revoke('evt-revoke-2')
    await deliver(
      'square',
      again,
      squareWebhookHeaders(again, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    )
    expect(await emailsTo(owner)).toBe(1)
  })
})
