// Point expiry, switched on per shop in its rules: a sale's points form a lot that lapses at the
// end of the shop's local day N days after the sale; the hourly job turns what is left into an `expiry` entry the consumer
// can read, once; shops that never switched it on are untouched.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { expirePointsJob } from '../../jobs/expire-points'
import { asSystem, inTenant } from '../../src/infra/scope'
import { ledgerEntries, lots, walletsOfUser } from '../../src/ledger'
import { processInboxEvent } from '../../src/pos/ingest'
import { publishRules } from '../../src/rules'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { bearer, makeCast, makeUser, signIn } from '../helpers/identities'
import { linkMembersToUser } from '../../src/members'
import { balanceOf, inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
const SALE_AT = new Date('2026-06-02T17:41:05Z') // the harness payment's created_at

async function sellTo(email: string, merchantId: string, paymentId: string) {
  const { deps, request } = getApp()
  const body = squarePayment({ merchantId, eventId: `evt-${paymentId}`, paymentId, total: 4250, email })
  const res = await request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(deps)) if (row.status === 'received') await processInboxEvent(deps, row.id)
}

describe('points expiry', () => {
  test('switched on: the lot carries the expiry, the job expires what is left once, the consumer reads why', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    await linkMerchant(deps, cast.tenant.id, 'square', 'MEXPIRY')
    await publishRules(deps, scope, {
      actorUserId: cast.users.owner.id,
      now: new Date(),
      ruleSetInput: {
        schema_version: 1,
        currency: 'USD',
        rules: [
          { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
          { kind: 'redemption_limits', config: { points_expire_after_days: 365 } },
        ],
      },
    })
    await sellTo('ana@example.com', 'MEXPIRY', 'pay-exp-1')
    expect(await balanceOf(deps, cast.tenant.id, 'ana@example.com')).toBe(42)
    const [lot] = await inTenant(deps.dbh.db, scope, (tx) =>
      tx.select().from(lots).where(eq(lots.tenantId, cast.tenant.id)),
    )
    // Usable through the shop's (UTC) day 365 days after the sale, gone from the next midnight.
    expect(lot?.expiresAt).toEqual(new Date('2027-06-03T00:00:00Z'))

    // Before it happens the consumer is told, on their wallet page.
    const ana = await makeUser(deps, { email: 'ana@example.com' })
    await linkMembersToUser(deps.dbh.db, { id: ana.id, email: 'ana@example.com', emailVerifiedAt: new Date() })
    const [wallet] = await walletsOfUser(deps.dbh.db, ana.id)
    const asAna = { ...bearer(await signIn(deps, ana.id)), accept: 'text/html' }
    const page = await (await getApp().request(`/wallets/${wallet!.walletId}`, { headers: asAna })).text()
    expect(page).toContain(
      '42 points can be used until the end of </span><time datetime="2027-06-03T00:00:00.000Z">2027-06-02</time>',
    )

    const dayAfter = new Date(SALE_AT.getTime() + 366 * 86_400_000)
    const job = { ...deps, clock: () => dayAfter }
    expect(await expirePointsJob(job)).toEqual({ wallets: 1, entries: 1 })
    expect(await expirePointsJob(job)).toEqual({ wallets: 0, entries: 0 })
    expect(await balanceOf(deps, cast.tenant.id, 'ana@example.com')).toBe(0)
    const [expiry] = await asSystem(deps.dbh.db, (tx) =>
      tx.select().from(ledgerEntries).where(eq(ledgerEntries.type, 'expiry')),
    )
    expect(expiry?.points).toBe(-42)
    expect(expiry?.explanation).toMatch(/expired/i)
  })

  test('off (the default): points never expire', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    await linkMerchant(deps, cast.tenant.id, 'square', 'MNOEXPIRY')
    await sellTo('ben@example.com', 'MNOEXPIRY', 'pay-exp-2')
    const tenYears = { ...deps, clock: () => new Date(SALE_AT.getTime() + 3650 * 86_400_000) }
    await expirePointsJob(tenYears)
    expect(await balanceOf(deps, cast.tenant.id, 'ben@example.com')).toBe(42)
  })
})
