// Issue 10.5: a restaurant that removes SalesArck in Toast's partner integrations sends a
// `partners` webhook (partner_removed). The connection is revoked and its owner emailed once;
// a redelivery, or a second removal notice, emails nobody again.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { notifications } from '../../../src/notify'
import { processInboxEvent } from '../../../src/pos/ingest'
import { toastWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { toastFixtureAt } from '../fixtures'
import { inboxRows, linkMerchant, webhookSecrets } from './harness'

const RESTAURANT = '0cd990c9-fd74-461d-8468-de2a0919ccbb'
const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })

async function deliver(body: string) {
  const { deps, request } = getApp()
  const res = await request('/webhooks/toast', {
    method: 'POST',
    headers: toastWebhookHeaders(body, webhookSecrets.TOAST_WEBHOOK_SECRET),
    body,
  })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(deps)) if (row.status === 'received') await processInboxEvent(deps, row.id)
}

const statusOf = async (headers: Record<string, string>) =>
  (
    await getApp().json<{ provider: string; status: string; status_reason: string | null }[]>(
      '/api/v1/merchant/connections',
      { headers },
    )
  ).body.find((c) => c.provider === 'toast')
const emailsTo = async (address: string) =>
  (await getApp().deps.dbh.db.select().from(notifications).where(eq(notifications.to, address))).length

describe('Toast partners webhook', () => {
  test('partner_added changes nothing; partner_removed revokes and emails the owner exactly once', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    await linkMerchant(deps, cast.tenant.id, 'toast', RESTAURANT)
    const owner = cast.users.owner.email!

    await deliver(toastFixtureAt('partner-added.json', new Date()))
    expect((await statusOf(cast.owner.headers))?.status).toBe('connected')

    const removed = toastFixtureAt('partner-removed.json', new Date())
    await deliver(removed)
    const after = await statusOf(cast.owner.headers)
    expect(after?.status).toBe('disconnected') // revoked reads as disconnected in api-v1
    expect(after?.status_reason).toContain('removed SalesArck')
    expect(await emailsTo(owner)).toBe(1)

    // Toast redelivers the same event (same guid): stored once, nobody emailed again.
    await deliver(removed)
    // A second removal notice with a new guid: already revoked, still one email.
    await deliver(removed.replace('a34bf25a-b657-45aa-9a63-47f8f35400db', 'b34bf25a-b657-45aa-9a63-47f8f35400dc'))
    expect(await emailsTo(owner)).toBe(1)
    expect((await statusOf(cast.owner.headers))?.status).toBe('disconnected')
  })
})
