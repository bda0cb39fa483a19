// Issue 12.1 (ADR 0016): linking a Toast restaurant GUID must prove ownership. Any restaurant that
// enabled our partner app is readable with our partner token, so the link starts pending with a
// claim code only the shop's owner sees; a platform admin enters the code after checking with
// the restaurant. Until then nothing is polled and webhooks are kept but not awarded.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { listAudit } from '../../../src/audit'
import { asSystem } from '../../../src/infra/scope'
import { enqueueDuePolls } from '../../../src/pos/connection'
import { processInboxEvent } from '../../../src/pos/ingest'
import { inboxEvents } from '../../../src/pos/pos.schema'
import { portal } from '../../admin/portal'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { readFixture, toastFixtureAt } from '../fixtures'
import { balanceOf, transactionsOf } from '../ingest/harness'
import { fakeEnv, RESTAURANT, startFakes, stopFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(
  fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test', TOAST_WEBHOOK_SECRET: fakes.toast.webhookSecret }),
)
let cast: Awaited<ReturnType<typeof makeCast>>
let connectionId: string

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  // The order as GET /orders/v2/orders/{guid} returns it, with the phone webhooks redact.
  const order = JSON.parse(readFixture('toast', 'order-paid.json')).details.order
  order.checks[0].customer.phone = '+15555550199'
  fakes.toast.putOrder(RESTAURANT, order)
})
afterAll(() => stopFakes(fakes))

const toastConnection = async () =>
  (
    await getApp().json<{ connection_id: string; provider: string; status: string; status_reason: string | null }[]>(
      '/api/v1/merchant/connections',
      { headers: cast.owner.headers },
    )
  ).body.find((c) => c.provider === 'toast')
const inbox = () =>
  asSystem(getApp().deps.dbh.db, (tx) =>
    tx
      .select()
      .from(inboxEvents)
      .where(and(eq(inboxEvents.provider, 'toast'), eq(inboxEvents.externalMerchantId, RESTAURANT))),
  )
const ordersBulkCalls = () => fakes.toast.requests.filter((r) => r.path === '/orders/v2/ordersBulk').length
const activate = (code: string) =>
  getApp().json<{ error?: { code: string }; status?: string; released_events?: number }>(
    `/api/v1/admin/pos/toast/connections/${connectionId}/activate`,
    {
      method: 'POST',
      headers: cast.admin.headers,
      body: { claim_code: code, reason: 'called the number on the Toast listing; the owner read the code' },
    },
  )
async function processReceived() {
  for (const row of await inbox()) if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}
const claimCodeOn = (html: string) => /data-role="claim-code"[^>]*>([A-Z0-9-]+)</.exec(html)?.[1] ?? null

describe('Toast ownership proof', () => {
  test('linking a readable restaurant GUID leaves the connection pending, with a claim code for the owner only', async () => {
    const r = await portal(getApp(), cast.owner, '/merchant/connections/toast', {
      form: { restaurant_guid: RESTAURANT },
    })
    expect(r.status).toBe(303)
    const c = await toastConnection()
    expect(c).toMatchObject({ status: 'disconnected' })
    expect(c?.status_reason).toContain('confirm you own this restaurant')
    connectionId = c!.connection_id
    const ownerPage = await portal(getApp(), cast.owner, '/merchant/connections')
    expect(claimCodeOn(ownerPage.text)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const staffPage = await portal(getApp(), cast.staff, '/merchant/connections')
    expect(staffPage.status).toBe(200)
    expect(claimCodeOn(staffPage.text)).toBeNull()
    // The admin sees the claim waiting, but not its code.
    const pending = await getApp().json<{ connection_id: string; external_merchant_id: string }[]>(
      '/api/v1/admin/pos/toast/pending-connections',
      { headers: cast.admin.headers },
    )
    expect(pending.body).toEqual([
      expect.objectContaining({ connection_id: connectionId, external_merchant_id: RESTAURANT }),
    ])
    expect(JSON.stringify(pending.body)).not.toContain(claimCodeOn(ownerPage.text)!)
  })

  test('while pending: not polled, and a webhook sale is stored but awards nothing', async () => {
    // No webhook has arrived yet, so a connected restaurant would be due now (silent).
    const before = ordersBulkCalls()
    expect(await enqueueDuePolls(getApp().deps)).not.toContain(connectionId)
    expect(ordersBulkCalls()).toBe(before)

    const body = toastFixtureAt('order-paid.json', new Date())
    expect((await fakes.toast.sendWebhook(`${base()}/webhooks/toast`, body)).status).toBe(200)
    await processReceived()
    expect((await inbox()).map((r) => r.status)).toEqual(['pending_connection'])
    expect(await transactionsOf(getApp().deps, cast.tenant.id)).toEqual([])
    expect(await balanceOf(getApp().deps, cast.tenant.id, '+15555550199')).toBeNull()
    // Nothing was fetched from Toast for it either (the order GET would reveal the guest).
    expect(fakes.toast.requests.some((r) => r.path.startsWith('/orders/v2/orders/'))).toBe(false)
  })

  test('a wrong code does not activate', async () => {
    const r = await activate('ZZZZ-ZZZZ')
    expect(r.status).toBe(422)
    expect(r.body.error?.code).toBe('claim_code_mismatch')
    expect((await toastConnection())?.status).toBe('disconnected')
    expect((await inbox()).map((x) => x.status)).toEqual(['pending_connection'])
    // The portal form says so too, and still nothing changes.
    const form = await portal(getApp(), cast.admin, `/admin/pos/toast/${connectionId}/activate`, {
      htmx: true,
      form: { claim_code: 'YYYY-YYYY', reason: 'phoned' },
    })
    expect(form.status).toBe(422)
    expect(form.text).toContain('does not match')
    expect(form.text).toContain('2 wrong codes so far')
  })

  test('the right code activates (audited) and releases the held sale into the ledger', async () => {
    const code = claimCodeOn((await portal(getApp(), cast.owner, '/merchant/connections')).text)!
    const r = await activate(code.toLowerCase()) // read over the phone: case does not matter
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'connected', released_events: 1 })
    expect((await toastConnection())?.status).toBe('connected')
    const audit = await listAudit(getApp().deps.dbh.db, { targetId: connectionId })
    expect(audit.map((a) => a.action)).toEqual(['pos_connection.ownership_confirmed'])

    await processReceived()
    const [txn] = await transactionsOf(getApp().deps, cast.tenant.id)
    expect(txn?.state).toBe('awarded')
    expect(await balanceOf(getApp().deps, cast.tenant.id, '+15555550199')).toBe(txn!.pointsAwarded)
    // One-time: the code is consumed and the owner no longer sees one.
    expect(claimCodeOn((await portal(getApp(), cast.owner, '/merchant/connections')).text)).toBeNull()
    expect((await activate(code)).status).toBe(409)
  })
})

let server: ReturnType<typeof Bun.serve> | undefined
function base(): string {
  server ??= Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => getApp().app.handle(req) })
  return `http://127.0.0.1:${server.port}`
}
afterAll(() => server?.stop(true))
