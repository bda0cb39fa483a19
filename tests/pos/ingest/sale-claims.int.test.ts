// Claimable receipts (engagement 2): a sale that arrived with no customer gets a claim code;
// the signed-in customer claims it and the points land in their wallet, once, within 30 days;
// a refund later reverses from the claimer; guessing is limited. Through HTTP end to end.
import { beforeAll, describe, expect, test } from 'bun:test'
import { processInboxEvent } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { type Caller, makeCast, makeUser, signIn } from '../../helpers/identities'
import { inboxRows, linkMerchant, squareRefund, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
const MERCHANT = 'MCLAIMS0001'
let cast: Awaited<ReturnType<typeof makeCast>>
let n = 0

/** A completed Square payment with no buyer contact, paid `daysAgo` days before now. */
function walkInSale(paymentId: string, total: number, daysAgo = 0) {
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString()
  return JSON.stringify({
    merchant_id: MERCHANT,
    type: 'payment.updated',
    event_id: `claim-evt-${++n}`,
    created_at: at,
    data: {
      type: 'payment',
      id: paymentId,
      object: {
        payment: {
          id: paymentId,
          created_at: at,
          amount_money: { amount: total, currency: 'USD' },
          total_money: { amount: total, currency: 'USD' },
          status: 'COMPLETED',
        },
      },
    },
  })
}

async function deliver(body: string) {
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}

async function saleId(paymentId: string): Promise<string> {
  const list = await getApp().json<{ id: string; provider_transaction_id: string; state: string }[]>(
    '/api/v1/merchant/transactions?limit=200',
    { headers: cast.owner.headers },
  )
  return list.body.find((t) => t.provider_transaction_id === paymentId)!.id
}

async function customer(): Promise<Caller> {
  const u = await makeUser(getApp().deps, { phone: `+1415555${String(1000 + ++n).slice(-4)}` })
  const t = await signIn(getApp().deps, u.id, null)
  return { userId: u.id, headers: { authorization: `Bearer ${t.access_token}` } }
}

const claim = (who: Caller, code: string) =>
  getApp().json<{ wallet_id: string; points: number; error?: { code: string } }>('/api/v1/consumer/claims', {
    method: 'POST',
    headers: who.headers,
    body: { code },
  })
const wallets = async (who: Caller) =>
  (
    await getApp().json<{ wallet_id: string; balance: number; tenant_id: string }[]>('/api/v1/consumer/wallets', {
      headers: who.headers,
    })
  ).body

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  await linkMerchant(getApp().deps, cast.tenant.id, 'square', MERCHANT)
})

describe('claimable receipts', () => {
  test('claim code → the customer claims once → their wallet has the points; nobody claims it twice', async () => {
    await deliver(walkInSale('walkin-1', 4_250))
    const id = await saleId('walkin-1')
    const slip = await getApp().json<{ claim_code: string; claim_url: string; expires_at: string }>(
      `/api/v1/merchant/transactions/${id}/claim`,
      { headers: cast.staff.headers },
    )
    expect(slip.status).toBe(200)
    expect(slip.body.claim_code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)
    expect(slip.body.claim_url).toBe(`${getApp().config.APP_BASE_URL}/claim?code=${slip.body.claim_code}`)
    expect(Date.parse(slip.body.expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000)
    // Asking again shows the same slip.
    expect(
      (
        await getApp().json<{ claim_code: string }>(`/api/v1/merchant/transactions/${id}/claim`, {
          headers: cast.owner.headers,
        })
      ).body.claim_code,
    ).toBe(slip.body.claim_code)

    const ana = await customer()
    expect(await wallets(ana)).toEqual([])
    const res = await claim(ana, slip.body.claim_code.toLowerCase().replace('-', ' '))
    expect(res.status).toBe(201)
    expect(res.body.points).toBe(42)
    expect(await wallets(ana)).toEqual([
      expect.objectContaining({ wallet_id: res.body.wallet_id, balance: 42, tenant_id: cast.tenant.id }),
    ])

    const ben = await customer()
    expect((await claim(ben, slip.body.claim_code)).status).toBe(409)
    expect((await claim(ana, slip.body.claim_code)).status).toBe(409)
    expect(await wallets(ben)).toEqual([])
    expect(
      (await getApp().json(`/api/v1/merchant/transactions/${id}/claim`, { headers: cast.owner.headers })).status,
    ).toBe(409)
    const txns = await getApp().json<{ id: string; state: string; points_awarded: number }[]>(
      '/api/v1/merchant/transactions?limit=200',
      { headers: cast.owner.headers },
    )
    expect(txns.body.find((t) => t.id === id)).toMatchObject({ state: 'awarded', points_awarded: 42 })
  })

  test('two customers racing for one receipt: exactly one gets the points', async () => {
    await deliver(walkInSale('walkin-race', 2_000))
    const code = (
      await getApp().json<{ claim_code: string }>(
        `/api/v1/merchant/transactions/${await saleId('walkin-race')}/claim`,
        { headers: cast.owner.headers },
      )
    ).body.claim_code
    const people = await Promise.all([customer(), customer(), customer()])
    const answers = await Promise.all(people.map((p) => claim(p, code)))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409])
    const balances = await Promise.all(people.map(async (p) => (await wallets(p)).reduce((s, w) => s + w.balance, 0)))
    expect(balances.sort((a, b) => a - b)).toEqual([0, 0, 20])
  })

  test('a refund after the claim reverses from the claimer', async () => {
    await deliver(walkInSale('walkin-refund', 3_000))
    const code = (
      await getApp().json<{ claim_code: string }>(
        `/api/v1/merchant/transactions/${await saleId('walkin-refund')}/claim`,
        { headers: cast.owner.headers },
      )
    ).body.claim_code
    const cleo = await customer()
    expect((await claim(cleo, code)).body.points).toBe(30)
    await deliver(
      squareRefund({
        merchantId: MERCHANT,
        eventId: `claim-evt-${++n}`,
        refundId: 'walkin-refund-r1',
        paymentId: 'walkin-refund',
        amount: 1_000,
      }),
    )
    expect((await wallets(cleo))[0]?.balance).toBe(20)
  })

  test('past the 30-day window the claim is refused with 410; an unknown sale has no slip', async () => {
    await deliver(walkInSale('walkin-old', 1_500, 31))
    const code = (
      await getApp().json<{ claim_code: string }>(`/api/v1/merchant/transactions/${await saleId('walkin-old')}/claim`, {
        headers: cast.owner.headers,
      })
    ).body.claim_code
    expect((await claim(await customer(), code)).status).toBe(410)
    expect(
      (await getApp().json('/api/v1/merchant/transactions/txn_nope/claim', { headers: cast.owner.headers })).status,
    ).toBe(404)
  })

  test('guessing codes: unknown is 404, and after ten tries an hour the answer is 429', async () => {
    const dan = await customer()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await claim(dan, `ZZZZZ-ZZZ${String.fromCharCode(65 + i)}${i % 2 ? 'Y' : 'X'}`.slice(0, 11))).status,
      )
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404))
    expect(statuses[10]).toBe(429)
  })
})
