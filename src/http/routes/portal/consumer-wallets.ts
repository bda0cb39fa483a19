// Consumer portal: wallets, a wallet's history, redeem, the code page and its status fragment.
import { Elysia, t } from 'elysia'
import QRCode from 'qrcode'
import { RedemptionCard, RedemptionPage, type RedemptionView } from '../../../../views/consumer/redemption'
import { WalletPage, WalletsPage } from '../../../../views/consumer/wallets'
import { StoredRefusal } from '../../../idempotency'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import {
  finishRedemption,
  formatCode,
  liveRedemptions,
  nextExpiry,
  ownedRedemption,
  ownedWallet,
  redeemPoints,
  type Redemption,
  walletsOfUser,
  walletStatement,
  walletTierPoints,
} from '../../../ledger'
import {
  describeNextReward,
  getActiveRules,
  nextReward,
  offeredRewards,
  rewardCatalog,
  tierStanding,
} from '../../../rules'
import { inviteSummary, referralLinkFor } from '../../../referrals'
import { CONSENT_WORDING, consentsOf, type NoticeChannel, scheduleCodeExpiring, setConsent } from '../../../notices'
import type { Actor } from '../../../auth'
import { notFound } from '../../../shared/errors'
import { type ShopBrand, shopBrands } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'
import { brandStyle } from '../brand-css'
import { csrfTokenOf, ledgerRows, redirect } from './portal-helpers'

/** The shop's white-label look (ADR 0022), or SalesArck's own when it set none. */
const brandView = (b: ShopBrand | undefined) =>
  b && (b.color || b.logoUrl)
    ? {
        css: b.color ? brandStyle(b.color).css : null,
        className: b.color ? brandStyle(b.color).className : '',
        logoUrl: b.logoUrl,
      }
    : undefined

const formBody = t.Object({ _csrf: t.Optional(t.String()) }, { additionalProperties: true })

export function consumerWalletsPortal(deps: AppDeps) {
  const db = deps.dbh.db

  async function walletPage(
    ctx: unknown,
    actor: Actor,
    walletId: string,
    error?: { message: string; typed: string },
    saved?: boolean,
  ) {
    const w = await ownedWallet(db, actor.userId, walletId)
    if (!w) throw notFound('Wallet')
    const scope = { tenantId: w.tenantId }
    const now = deps.clock()
    const entries = await walletStatement(db, scope, w.walletId)
    const expiry = await nextExpiry(db, scope, w.walletId, now)
    const shop = (await shopBrands(db, [w.tenantId])).get(w.tenantId)
    // Expiry is the start of a shop-local day; the last day to use them is the one before it.
    const lastDay = (at: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: shop?.timeZone ?? 'UTC' }).format(new Date(at.getTime() - 1))
    const expiring = expiry ? { points: expiry.points, at: expiry.at.toISOString(), lastDay: lastDay(expiry.at) } : null
    const liveCodes = (await liveRedemptions(db, scope, w.walletId, now)).map((r) => ({
      id: r.id,
      displayCode: formatCode(r.code),
      points: r.points,
      reward: r.rewardName,
      expiresAt: r.expiresAt.toISOString(),
    }))
    const rules = (await getActiveRules(deps, w.tenantId)).ruleSet
    const catalog = rewardCatalog(rules)
    const next = nextReward(catalog, w.balance)
    const standing = tierStanding(rules, await walletTierPoints(db, scope, w.walletId))
    return WalletPage({
      rewards: offeredRewards(catalog).map((r) => ({
        id: r.reward_id,
        name: r.name,
        points: r.points,
        photoUrl: r.photo_url,
      })),
      allowCustomPoints: catalog.allowCustomPoints,
      nextReward: next ? describeNextReward(next) : null,
      tier: standing
        ? {
            name: standing.tier?.name ?? null,
            next: standing.next?.name ?? null,
            pointsToNext: standing.pointsToNext,
            windowDays: standing.windowDays,
          }
        : null,
      invite: await inviteOf(actor.userId, w),
      walletId: w.walletId,
      tenantName: w.tenantName,
      balance: w.balance,
      brand: brandView(shop),
      contactEmail: shop?.contactEmail ?? null,
      expiring,
      rows: ledgerRows(entries),
      liveCodes,
      requestKey: crypto.randomUUID(),
      csrfToken: csrfTokenOf(ctx),
      error: error?.message,
      typedPoints: error?.typed,
      notices: {
        ...(await consentsOf(db, scope, actor.userId)),
        wording: { email: CONSENT_WORDING.email(w.tenantName), sms: CONSENT_WORDING.sms(w.tenantName) },
        reachable: { email: !!actor.email, sms: !!actor.phone },
        saved,
      },
    })
  }

  /** The "Invite a friend" box, when the shop runs a referral programme. */
  async function inviteOf(userId: string, w: { walletId: string; tenantId: string; memberId: string }) {
    const link = await referralLinkFor(deps, userId, w.walletId)
    if (!link) return null
    const summary = await inviteSummary(db, { tenantId: w.tenantId }, w.memberId, w.walletId)
    return {
      url: link.url,
      referrerPoints: link.terms.referrerPoints,
      friendPoints: link.terms.friendPoints,
      ...summary,
    }
  }

  /** A code issued but past its time reads as expired before the sweeper has run. */
  const stateAt = (r: Redemption, now: Date): RedemptionView['state'] =>
    r.status === 'issued' && r.expiresAt <= now ? 'expired' : r.status

  async function cardView(r: Redemption & { tenantName: string }, ctx: unknown): Promise<RedemptionView> {
    const state = stateAt(r, deps.clock())
    return {
      id: r.id,
      walletId: r.walletId,
      displayCode: formatCode(r.code),
      points: r.points,
      reward: r.rewardName,
      tenantName: r.tenantName,
      expiresAt: r.expiresAt.toISOString(),
      qrDataUrl:
        state === 'issued'
          ? await QRCode.toDataURL(r.code, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
          : null,
      state,
      completedAt: r.completedAt?.toISOString() ?? null,
      csrfToken: csrfTokenOf(ctx),
    }
  }

  return new Elysia({ name: 'portal-consumer-wallets' })
    .use(authPlugin(deps))
    .get(
      '/wallets',
      async (ctx) => {
        const wallets = await walletsOfUser(db, ctx.actor.userId)
        const brands = await shopBrands(
          db,
          wallets.map((w) => w.tenantId),
        )
        return WalletsPage({
          wallets: wallets.map((w) => ({ ...w, brand: brandView(brands.get(w.tenantId)) })),
          csrfToken: csrfTokenOf(ctx),
        })
      },
      { auth: 'consumer' },
    )
    .get('/wallets/:walletId', (ctx) => walletPage(ctx, ctx.actor, ctx.params.walletId), { auth: 'consumer' })
    .post(
      '/wallets/:walletId/notifications',
      async (ctx) => {
        const { actor, params, body } = ctx
        const w = await ownedWallet(db, actor.userId, params.walletId)
        if (!w) throw notFound('Wallet')
        // Only what this person can be reached on, and SMS only when its own box was ticked.
        const reachable: Record<NoticeChannel, boolean> = { email: !!actor.email, sms: !!actor.phone }
        for (const channel of ['email', 'sms'] as const) {
          if (!reachable[channel]) continue
          const given = body[channel] === 'yes'
          await setConsent(
            db,
            { tenantId: w.tenantId },
            {
              userId: actor.userId,
              channel,
              given,
              source: 'wallet_page',
              wording: CONSENT_WORDING[channel](w.tenantName),
              now: deps.clock(),
            },
          )
        }
        return walletPage(ctx, actor, w.walletId, undefined, true)
      },
      {
        auth: 'consumer',
        body: t.Composite([
          formBody,
          t.Object({ email: t.Optional(t.Literal('yes')), sms: t.Optional(t.Literal('yes')) }),
        ]),
      },
    )
    .post(
      '/wallets/:walletId/redeem',
      async (ctx) => {
        const { actor, params, body, set } = ctx
        const w = await ownedWallet(db, actor.userId, params.walletId)
        if (!w) throw notFound('Wallet')
        // A reward button sends reward_id; the amount form sends points.
        const choice = body.reward_id ? { rewardId: body.reward_id } : { points: Number(body.points ?? '') }
        try {
          const now = deps.clock()
          const { redemption } = await redeemPoints(
            { db, queues: deps.queues },
            { wallet: w, userId: actor.userId, choice, idempotencyKey: `portal:${body.request_key}`, now },
          )
          await scheduleCodeExpiring(
            deps.queues,
            { id: redemption.id, tenantId: w.tenantId, expiresAt: redemption.expiresAt },
            now,
          )
          return redirect(set, `/redemptions/${redemption.id}`)
        } catch (e) {
          // A refused redemption shows the wallet again with the reason; a refused key is an error page.
          if (!(e instanceof StoredRefusal)) throw e
          set.status = e.status
          return walletPage(ctx, actor, w.walletId, { message: e.message, typed: body.points ?? '' })
        }
      },
      {
        auth: 'consumer',
        body: t.Composite([
          formBody,
          t.Object({
            points: t.Optional(t.String({ pattern: '^[0-9]{1,9}$' })),
            reward_id: t.Optional(t.String({ maxLength: 80 })),
            request_key: t.String({ format: 'uuid' }),
          }),
        ]),
      },
    )
    .get(
      '/redemptions/:redemptionId',
      async (ctx) => {
        const r = await ownedRedemption(db, ctx.actor.userId, ctx.params.redemptionId)
        if (!r) throw notFound('Redemption')
        return RedemptionPage(await cardView(r, ctx))
      },
      { auth: 'consumer' },
    )
    .get(
      '/redemptions/:redemptionId/status',
      async (ctx) => {
        const r = await ownedRedemption(db, ctx.actor.userId, ctx.params.redemptionId)
        if (!r) throw notFound('Redemption')
        // Still live: 204, which htmx does not swap, so the page (and its countdown) stays as is.
        if (stateAt(r, deps.clock()) === 'issued') {
          ctx.set.status = 204
          return ''
        }
        return RedemptionCard(await cardView(r, ctx))
      },
      { auth: 'consumer' },
    )
    .post(
      '/redemptions/:redemptionId/cancel',
      async ({ actor, params, set }) => {
        const r = await ownedRedemption(db, actor.userId, params.redemptionId)
        if (!r) throw notFound('Redemption')
        const scope = { tenantId: r.tenantId }
        // Already used or expired: nothing to cancel; the code page says what happened instead.
        await inTenant(db, scope, (tx) =>
          finishRedemption(tx, scope, { redemptionId: r.id, outcome: 'cancelled', now: deps.clock() }),
        )
        return redirect(set, `/redemptions/${r.id}`)
      },
      { auth: 'consumer', body: formBody },
    )
}
