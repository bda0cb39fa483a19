// Tiers through the real award path: a signed webhook sale for a member whose recent points
// make them Silver earns the Silver multiplier, says so in its explanation, and moves the
// member's stored tier; the nightly job (through the worker's registry) lets it lapse.
import { expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { jobs } from '../../../jobs/registry'
import { inTenant } from '../../../src/infra/scope'
import { earn, ledgerEntries, walletTierPoints } from '../../../src/ledger'
import { processInboxEvent } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { seedWallet } from '../../helpers/ledger'
import { inboxRows, linkMerchant, squarePayment, transactionsOf, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })

test('a webhook sale of a Silver member earns ×1.25, explained, and the stored tier follows; the nightly job lets it lapse', async () => {
  const { deps, json, request } = getApp()
  const db = deps.dbh.db
  const cast = await makeCast(deps)
  const tenantId = cast.tenant.id
  const published = await json('/api/v1/merchant/rules', {
    method: 'POST',
    headers: cast.owner.headers,
    body: {
      rule_set: {
        schema_version: 1,
        currency: 'USD',
        rules: [
          { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
          {
            kind: 'tiers',
            config: {
              window_days: 365,
              tiers: [
                { name: 'Silver', threshold: 500, multiplier: 1.25 },
                { name: 'Gold', threshold: 1500, multiplier: 1.5 },
              ],
            },
          },
        ],
      },
    },
  })
  expect(published.status).toBe(201)
  // The harness's Square sale happened on 2026-06-02: 520 points a month earlier are in its window.
  const { wallet, scope } = await seedWallet(db, tenantId, { email: 'silver@example.com' })
  await earn(db, scope, {
    walletId: wallet.id,
    points: 520,
    referenceType: 'test',
    referenceId: 'may',
    ruleVersionId: null,
    explanation: 'x',
    now: new Date('2026-05-01T12:00:00Z'),
  })
  await linkMerchant(deps, tenantId, 'square', 'M-TIERS')

  const body = squarePayment({
    merchantId: 'M-TIERS',
    eventId: 'evt-tier-1',
    paymentId: 'pay-tier-1',
    total: 2000,
    email: 'silver@example.com',
  })
  const res = await request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(deps))
    if (row.status === 'received') expect(await processInboxEvent(deps, row.id)).toBe('processed')

  const [txn] = await transactionsOf(deps, tenantId)
  expect([txn?.state, txn?.pointsAwarded, txn?.explanation]).toEqual([
    'awarded',
    25,
    '$20.00 → 20 pts × 1.25 Silver = 25 pts',
  ])
  const [entry] = await inTenant(db, scope, (tx) =>
    tx
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.walletId, wallet.id), eq(ledgerEntries.referenceType, 'pos_txn'))),
  )
  expect([entry?.points, entry?.explanation]).toEqual([25, '$20.00 → 20 pts × 1.25 Silver = 25 pts'])
  // Stored by the award itself: 520 + 25 points in the window ending now.
  expect(await walletTierPoints(db, scope, wallet.id)).toBe(545)

  // A year and more on, the nightly job (as the worker runs it) finds nothing left in the window.
  const later = { ...deps, clock: () => new Date(Date.now() + 400 * 86_400_000) }
  await jobs['recompute-tiers']!.handle(later, {}, undefined as never)
  expect(await walletTierPoints(db, scope, wallet.id)).toBe(0)
})
