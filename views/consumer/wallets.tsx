// Consumer portal, phone-first: one card per shop, a wallet's history with the "why" of each
// entry, and the redeem form.
import { plural } from '../components/format'
import { LedgerTable, type LedgerRow } from '../components/ledger-table'
import { LiveEvents, LIVE_SCRIPTS, liveTrigger } from '../components/live-events'
import { BrandAssets, type BrandView } from '../components/shop-brand'
import { BaseLayout } from '../layouts/base'
import { NoticeSettings, type NoticeSettingsView } from './notice-settings'

export type WalletCard = { walletId: string; tenantName: string; balance: number; brand?: BrandView | undefined }
const nav = [{ href: '/wallets', label: 'My wallets' }]

export function WalletsPage(p: { wallets: WalletCard[]; csrfToken?: string | undefined }) {
  return (
    <BaseLayout title="My wallets" nav={nav} {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}>
      <h1>My wallets</h1>
      {p.wallets.length ? (
        <div class="grid">
          {p.wallets.map((w) => (
            <a class={`wallet-card card ${w.brand?.className ?? ''}`.trim()} href={`/wallets/${w.walletId}`}>
              <BrandAssets brand={w.brand} shopName={w.tenantName} />
              <h2 safe>{w.tenantName}</h2>
              <p class="big-number" safe>
                {w.balance.toLocaleString('en-US')}
              </p>
              <p class="muted">{w.balance === 1 ? 'point' : 'points'}</p>
            </a>
          ))}
        </div>
      ) : (
        <p class="muted">
          No points yet. Give your phone number at the till of a SalesArck shop and your wallet appears here.
        </p>
      )}
      <p>
        <a href="/claim">Claim a receipt</a>{' '}
        <span class="muted small">— for a purchase made without giving your number</span>
      </p>
    </BaseLayout>
  )
}

export type WalletView = {
  walletId: string
  tenantName: string
  balance: number
  brand?: BrandView | undefined
  /** The shop's contact for questions about points, when it set one. */
  contactEmail?: string | null | undefined
  /** The next points to expire, when the shop has expiry switched on. */
  expiring?: { points: number; at: string; lastDay: string } | null | undefined
  rows: LedgerRow[]
  /** Codes still valid at the till, so a consumer who left the code page can get back to it. */
  liveCodes: { id: string; displayCode: string; points: number; reward: string | null; expiresAt: string }[]
  /** The shop's offered rewards, cheapest first; each is a button when the balance covers it. */
  rewards: { id: string; name: string; points: number; photoUrl: string | null }[]
  /** Whether the "points to redeem" form is offered next to the rewards. */
  allowCustomPoints: boolean
  /** "40 pts to Free drink", or null without a catalog. */
  nextReward: string | null
  /** The member's tier, when the shop has tiers. */
  tier: { name: string | null; next: string | null; pointsToNext: number; windowDays: number } | null
  requestKey: string
  csrfToken?: string | undefined
  error?: string | undefined
  /** What was typed, kept when the redeem is refused. */
  typedPoints?: string | undefined
  notices?: Omit<NoticeSettingsView, 'walletId' | 'csrfToken'> | undefined
  /** The member's invitation link, when the shop runs a referral programme. */
  invite?: InviteView | null | undefined
}

export type InviteView = { url: string; referrerPoints: number; friendPoints: number; joined: number; rewarded: number }

/** "Invite a friend": the link with a copy button, what both get, and how many friends joined. */
function InviteBox(p: { invite: InviteView; tenantName: string }) {
  const i = p.invite
  return (
    <section class="card" id="invite">
      <h2>Invite a friend</h2>
      <p
        safe
      >{`Share your link. When a friend new to ${p.tenantName} joins through it and makes a first purchase, you get ${plural(i.referrerPoints, 'point')} and they get ${plural(i.friendPoints, 'point')}.`}</p>
      <div class="copy-row">
        <input id="invite-url" value={i.url} readonly aria-label="Your invitation link" />
        <button type="button" class="secondary" data-copy="invite-url">
          Copy
        </button>
      </div>
      <p class="muted" id="invite-joined" safe>
        {i.joined === 0
          ? 'No friends have joined through your link yet.'
          : `${plural(i.joined, 'friend')} joined through your link${i.rewarded ? `; ${i.rewarded} earned you a bonus` : ''}.`}
      </p>
    </section>
  )
}

export function WalletPage(p: WalletView) {
  return (
    <BaseLayout
      title={p.tenantName}
      nav={nav}
      scripts={LIVE_SCRIPTS}
      {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}
    >
      <LiveEvents />
      <section class={`card ${p.brand?.className ?? ''}`.trim()}>
        <BrandAssets brand={p.brand} shopName={p.tenantName} />
        <h1 safe>{p.tenantName}</h1>
        {/* Refreshed from this page when a balance event arrives (or every 30 s without them). */}
        <p
          class="big-number"
          id="balance"
          hx-get={`/wallets/${p.walletId}`}
          hx-select="#balance"
          hx-swap="outerHTML"
          hx-trigger={liveTrigger('balance', '30s')}
          data-live-fallback
          safe
        >
          {p.balance.toLocaleString('en-US')}
        </p>
        <p class="muted">{p.balance === 1 ? 'point available' : 'points available'}</p>
        {p.nextReward ? (
          <p class="next-reward" id="next-reward" safe>
            {p.nextReward}
          </p>
        ) : (
          ''
        )}
        {p.tier ? <TierLine tier={p.tier} /> : ''}
        {p.expiring ? (
          <p class="alert alert-warn" id="expiring">
            <span safe>{`${plural(p.expiring.points, 'point')} can be used until the end of `}</span>
            <time datetime={p.expiring.at} safe>
              {p.expiring.lastDay}
            </time>
            . Use them before then.
          </p>
        ) : (
          ''
        )}
        {p.liveCodes.length ? (
          <div class="live-codes" id="live-codes">
            <h2>Your codes</h2>
            <ul class="stack">
              {p.liveCodes.map((c) => (
                <li>
                  <a href={`/redemptions/${c.id}`}>
                    <code class="code" safe>
                      {c.displayCode}
                    </code>
                  </a>{' '}
                  <span safe>{`· ${c.reward ? `${c.reward} · ` : ''}${plural(c.points, 'point')} · valid for `}</span>
                  <span data-countdown={c.expiresAt}>…</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        {p.rewards.length ? <RewardChoices {...p} /> : ''}
        {p.allowCustomPoints ? <PointsForm {...p} /> : ''}
        {p.error && !p.allowCustomPoints ? (
          <p class="field-error" role="alert" id="points-error" safe>
            {p.error}
          </p>
        ) : (
          ''
        )}
      </section>
      {p.invite ? <InviteBox invite={p.invite} tenantName={p.tenantName} /> : ''}
      <section class="card">
        <h2>History</h2>
        <LedgerTable rows={p.rows} />
        {p.contactEmail ? (
          <p class="muted small" id="shop-contact">
            <span safe>{`Questions about your points at ${p.tenantName}? `}</span>
            <a href={`mailto:${p.contactEmail}`} safe>
              {p.contactEmail}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
      {p.notices ? <NoticeSettings walletId={p.walletId} csrfToken={p.csrfToken} {...p.notices} /> : ''}
    </BaseLayout>
  )
}

function TierLine(p: { tier: NonNullable<WalletView['tier']> }) {
  const t = p.tier
  const next = t.next ? `${plural(t.pointsToNext, 'pt')} to ${t.next}` : 'the top tier'
  return (
    <p class="tier" id="tier" safe>
      {`${t.name ?? 'No tier yet'} · ${next} (points earned in ${t.windowDays} days)`}
    </p>
  )
}

/** One button per offered reward; a reward the balance does not cover shows what it costs. */
function RewardChoices(p: WalletView) {
  return (
    <div class="rewards" id="rewards">
      <h2>Rewards</h2>
      <ul class="stack">
        {p.rewards.map((r) => (
          <li>
            {r.photoUrl ? <img src={r.photoUrl} alt="" width="48" height="48" class="reward-photo" /> : ''}
            <form method="post" action={`/wallets/${p.walletId}/redeem`} class="inline">
              {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
              <input type="hidden" name="request_key" value={p.requestKey} />
              <input type="hidden" name="reward_id" value={r.id} />
              <button type="submit" disabled={r.points > p.balance} data-reward={r.name} safe>
                {`${r.name} — ${plural(r.points, 'pt')}`}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  )
}

function PointsForm(p: WalletView) {
  return (
    <form method="post" action={`/wallets/${p.walletId}/redeem`} class="stack" id="redeem-form">
      {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
      {/* One key per rendered form: a double tap or a resubmit replays instead of redeeming twice. */}
      <input type="hidden" name="request_key" value={p.requestKey} />
      <label for="points">Points to redeem</label>
      <input
        id="points"
        name="points"
        type="number"
        inputmode="numeric"
        min="1"
        max={String(p.balance)}
        required
        value={p.typedPoints ?? ''}
        {...(p.error ? { 'aria-invalid': 'true', 'aria-describedby': 'points-error' } : {})}
      />
      {p.error ? (
        <p class="field-error" role="alert" id="points-error" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <button type="submit">Get a code</button>
    </form>
  )
}
