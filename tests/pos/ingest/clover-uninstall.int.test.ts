// Issue 10.4: a merchant who uninstalls our Clover app sends an app notice (key A). The
// connection is revoked and its owner emailed once; redeliveries and later notices email nobody.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { notifications } from '../../../src/notify'
import { processInboxEvent } from '../../../src/pos/ingest'
import { cloverNoticeBody } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { inboxRows, linkMerchant, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
const MERCHANT = 'UNINSTALL0001'

async function deliver(body: string) {
  const { deps, request } = getApp()
  const res = await request('/webhooks/clover', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-clover-auth': webhookSecrets.CLOVER_WEBHOOK_AUTH_CODE },
    body,
  })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(deps)) if (row.status === 'received') await processInboxEvent(deps, row.id)
}

describe('Clover app uninstall', () => {
  test('an A: DELETE notice revokes the connection and emails the owner exactly once', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    await linkMerchant(deps, cast.tenant.id, 'clover', MERCHANT, 'clover-token')
    const uninstall = (ts: number) =>
      cloverNoticeBody('DRKVJT2ZRRRSC', { [MERCHANT]: [{ objectId: 'A:DRKVJT2ZRRRSC', type: 'DELETE', ts }] })
    const status = async () =>
      (
        await getApp().json<{ provider: string; status: string }[]>('/api/v1/merchant/connections', {
          headers: cast.owner.headers,
        })
      ).body.find((c) => c.provider === 'clover')?.status
    const emails = async () =>
      (await deps.dbh.db.select().from(notifications).where(eq(notifications.to, cast.users.owner.email!))).length

    // An install/subscription notice (not a DELETE) changes nothing.
    await deliver(
      cloverNoticeBody('DRKVJT2ZRRRSC', {
        [MERCHANT]: [{ objectId: 'A:DRKVJT2ZRRRSC', type: 'UPDATE', ts: Date.now() }],
      }),
    )
    expect(await status()).toBe('connected')

    const first = uninstall(Date.now())
    await deliver(first)
    expect(await status()).toBe('disconnected')
    expect(await emails()).toBe(1)
    await deliver(first) // redelivered: deduplicated
    await deliver(uninstall(Date.now() + 1)) // a second notice: already revoked
    expect(await emails()).toBe(1)
  })
})
