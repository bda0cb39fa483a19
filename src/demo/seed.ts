// Demo platform for `bun run dev`: seeded once, on first start, through the modules' own
// front doors (tenant creation, manual POS linking, the webhook ingestion path, redemptions),
// so the demo obeys every rule real data does. Deterministic: the same history every time.
import { eq } from 'drizzle-orm'
import { rollupProgrammeActivity } from '../analytics'
import { users } from '../auth'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { asSystem, inTenant } from '../infra/scope'
import { completeRedemption, ensureWallet, issueRedemption } from '../ledger'
import { findOrCreateMemberByIdentity } from '../members'
import { CONSENT_WORDING, setConsent } from '../notices'
import { getPosAdapter } from '../pos'
import { ingestEvent, linkMerchantManually, processInboxEvent } from '../pos/ingest'
import { publishRules } from '../rules'
import { createTenant } from '../onboarding'
import { tenantInvites, tenants } from '../tenancy'
import { type DemoCustomer, type SampleDelivery, shopifyOrder, squarePayment } from './sample-sales'

const ACTOR = 'system:demo-seed'
const DEMO_CONSUMER_ID = 'usr_demo_consumer'
export const DEMO = {
  admin: 'admin@demo.salesarck.dev',
  brewhaus: {
    name: 'Brewhaus Coffee',
    slug: 'brewhaus',
    owner: 'owner@brewhaus.demo',
    staff: 'staff@brewhaus.demo',
    square: 'DEMOSQUARE01',
    toast: '0cd990c9-fd74-461d-8468-de2a0919ccbb',
  },
  petal: {
    name: 'Petal & Press',
    slug: 'petal-press',
    owner: 'owner@petalpress.demo',
    shopify: 'demo-shop.myshopify.com',
    lightspeed: 'demo-retailer-0001',
  },
  consumer: { phone: '+15550100001', email: 'ana@example.com' },
}

const regulars: DemoCustomer[] = [
  { email: DEMO.consumer.email, phone: DEMO.consumer.phone },
  { email: 'ben@example.com', phone: '+15550100002' },
  { email: 'chloe@example.com' },
  { phone: '+15550100004', email: 'dev@example.com' },
  {}, // a walk-in with no identity: stays unmatched until the merchant attaches one
]

export async function seedDemo(deps: AppDeps): Promise<void> {
  const [existing] = await deps.dbh.db.select({ id: tenants.id }).from(tenants).limit(1)
  if (existing) return
  const now = deps.clock()
  const brew = await createTenant(
    deps.dbh.db,
    ACTOR,
    { name: DEMO.brewhaus.name, slug: DEMO.brewhaus.slug, owner_email: DEMO.brewhaus.owner },
    now,
  )
  const petal = await createTenant(
    deps.dbh.db,
    ACTOR,
    { name: DEMO.petal.name, slug: DEMO.petal.slug, owner_email: DEMO.petal.owner },
    now,
  )
  await asSystem(deps.dbh.db, async (tx) => {
    await tx.update(tenants).set({ timeZone: 'America/New_York' }).where(eq(tenants.id, brew.id))
    await tx.update(tenants).set({ timeZone: 'America/Los_Angeles' }).where(eq(tenants.id, petal.id))
    await tx.insert(tenantInvites).values({
      id: `mem_demo_staff`,
      tenantId: brew.id,
      email: DEMO.brewhaus.staff,
      role: 'merchant_staff',
      createdAt: now,
    })
  })
  await linkMerchantManually(deps, ACTOR, {
    tenantId: brew.id,
    provider: 'square',
    externalMerchantId: DEMO.brewhaus.square,
  })
  await linkMerchantManually(deps, ACTOR, {
    tenantId: petal.id,
    provider: 'shopify',
    externalMerchantId: DEMO.petal.shopify,
  })
  // The merchant ids `bun run demo:traffic` sends for; Clover stays unlinked on purpose (its
  // notices need an OAuth token to fetch details), so its events wait as unknown merchants.
  await linkMerchantManually(deps, ACTOR, {
    tenantId: brew.id,
    provider: 'toast',
    externalMerchantId: DEMO.brewhaus.toast,
  })
  await linkMerchantManually(deps, ACTOR, {
    tenantId: petal.id,
    provider: 'lightspeed',
    externalMerchantId: DEMO.petal.lightspeed,
  })
  await publishRules(deps, { tenantId: brew.id }, { actorUserId: ACTOR, now, ruleSetInput: brewhausRules() })
  // The demo consumer is one person with both contacts proven (as after adding a second
  // contact), so signing in with either shows the same account; the sales below link to it
  // as they are processed, the way a live sale does (ADR 0014).
  await deps.dbh.db.insert(users).values({
    id: DEMO_CONSUMER_ID,
    email: DEMO.consumer.email,
    phone: DEMO.consumer.phone,
    emailVerifiedAt: now,
    phoneVerifiedAt: now,
    createdAt: now,
  })

  const deliveries: { at: Date; d: SampleDelivery }[] = []
  for (let day = 45; day >= 1; day--) {
    const at = new Date(now.getTime() - day * 86_400_000 + ((day * 7919) % 36_000) * 1000)
    const c = regulars[day % regulars.length]!
    deliveries.push({
      at,
      d: squarePayment(
        DEMO.brewhaus.square,
        `demopay${String(day).padStart(4, '0')}`,
        350 + ((day * 613) % 2400),
        at,
        c,
      ),
    })
    if (day % 3 === 0)
      deliveries.push({
        at,
        d: shopifyOrder(
          DEMO.petal.shopify,
          880000 + day,
          1800 + ((day * 331) % 6000),
          at,
          regulars[(day + 1) % regulars.length]!,
        ),
      })
  }
  // Each sale is received and credited a minute after it happened, as it would have been live.
  for (const { at, d } of deliveries)
    await ingestAndProcess({ ...deps, clock: () => new Date(at.getTime() + 60_000) }, d)

  // One redemption already used at the till (yesterday), so the wallet shows the whole cycle.
  const scope = { tenantId: brew.id }
  const yesterday = new Date(now.getTime() - 86_400_000 + 3_600_000)
  await inTenant(deps.dbh.db, scope, async (tx) => {
    const member = await findOrCreateMemberByIdentity(
      tx,
      scope,
      { email: DEMO.consumer.email, phone: DEMO.consumer.phone },
      now,
    )
    const wallet = await ensureWallet(tx, scope, member.id, now)
    if (wallet.balance < 20) return
    const r = await issueRedemption(tx, scope, {
      walletId: wallet.id,
      points: 20,
      shopName: DEMO.brewhaus.name,
      now: yesterday,
    })
    await completeRedemption(tx, scope, {
      code: r.code,
      staffUserId: ACTOR,
      now: new Date(yesterday.getTime() + 120_000),
    })
  })
  // The overview's analytics at once, rather than after the worker's first pass.
  await rollupProgrammeActivity(deps.dbh.db, now)
  // Ana asked Brewhaus for emails about her points, so her wallet there shows the box ticked
  // (in development the notices land in /dev/outbox).
  await setConsent(deps.dbh.db, scope, {
    userId: DEMO_CONSUMER_ID,
    channel: 'email',
    given: true,
    source: 'wallet_page',
    wording: CONSENT_WORDING.email(DEMO.brewhaus.name),
    now,
  })
  log.info({ sales: deliveries.length }, 'demo data seeded')
}

/** Exactly the webhook path, minus the signature check (nothing is sent over HTTP here). */
async function ingestAndProcess(deps: AppDeps, d: SampleDelivery) {
  const envelopes = getPosAdapter(d.provider)?.extractEnvelopes({ rawBody: d.rawBody, headers: new Headers(d.headers) })
  if (!envelopes?.length) throw new Error(`demo ${d.provider} payload is not readable`)
  const { result, queued } = await ingestEvent(deps, d.provider, envelopes, d, 'webhook')
  await queued
  for (const id of result.stored) await processInboxEvent(deps, id)
}

function brewhausRules() {
  return {
    schema_version: 1,
    currency: 'USD',
    rules: [
      { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
      {
        kind: 'campaign_multiplier',
        config: {
          name: 'Tuesday happy hour',
          multiplier: 2,
          starts_at: '2026-01-01T00:00',
          windows: [{ days: ['tue'], start: '15:00', end: '18:00' }],
        },
      },
      { kind: 'visit_bonus', config: { points: 10, every_nth_visit: 5 } },
      // Points expire a year after the sale, so the wallet shows the "expires on" notice.
      { kind: 'redemption_limits', config: { points_expire_after_days: 365 } },
      // Tiers and a reward catalog (ADR 0023): the wallet shows the tier and "N pts to …".
      {
        kind: 'tiers',
        config: {
          window_days: 365,
          tiers: [
            { name: 'Silver', threshold: 100, multiplier: 1.25 },
            { name: 'Gold', threshold: 400, multiplier: 1.5 },
          ],
        },
      },
      {
        kind: 'rewards',
        config: {
          items: [
            { reward_id: 'rwd_demo_drip', name: 'Free drip coffee', points: 50 },
            { reward_id: 'rwd_demo_latte', name: 'Free latte', points: 120 },
            { reward_id: 'rwd_demo_five_off', name: '$5 off', points: 250 },
          ],
        },
      },
      // The consumer's Brew Haus wallet offers "Invite a friend" with a link to share.
      { kind: 'referral_bonus', config: { referrer_points: 100, friend_points: 50, monthly_cap: 10 } },
    ],
  }
}
