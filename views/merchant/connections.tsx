// Merchant POS connections: health per connection (status, last event, last error, next
// refresh, history), connect / reconnect / disconnect. The list is the htmx fragment.
import { LocalTime } from '../components/local-time'
import { BaseLayout } from '../layouts/base'
import { merchantNav } from './redeem'

export type ConnectionView = {
  id: string
  provider: string
  providerName: string
  externalMerchantId: string
  status: 'pending' | 'connected' | 'degraded' | 'disconnected' | 'revoked'
  statusReason: string | null
  /** Toast while pending, owners only: the code to read to SalesArck's caller (ADR 0016). */
  claimCode: string | null
  statusChangedAt: string
  lastEventAt: string | null
  lastError: string | null
  nextRefreshAt: string | null
  changes: { from: string; to: string; reason: string | null; at: string }[]
}

export type ProviderOption = {
  slug: string
  name: string /** False when this server has no app credentials for it. */
  available: boolean
}
const STATE_WORDS: Record<string, string> = {
  connected: 'connected',
  degraded: 'degraded',
  disconnected: 'disconnected',
  revoked: 'access revoked',
}
const words = (s: string) => STATE_WORDS[s] ?? s

const STATUS_CLASS = {
  pending: 'warn',
  connected: 'ok',
  degraded: 'warn',
  disconnected: 'err',
  revoked: 'err',
} as const
const STATUS_LABEL = {
  pending: 'Awaiting ownership check',
  connected: 'Connected',
  degraded: 'Degraded',
  disconnected: 'Disconnected',
  revoked: 'Access revoked',
} as const

/** Outcome codes from the OAuth callback redirect, mapped to fixed sentences (nothing reflected). */
export const NOTICES: Record<string, string> = {
  state: 'That connect link expired or was already used. Start again below.',
  denied: 'The connection was not approved on the provider’s page.',
  taken: 'That POS account is already linked to another SalesArck shop.',
  merchant:
    'The POS says that approval belongs to a different merchant account than the one named, so nothing was connected.',
  unavailable: 'The provider is not reachable right now. Try again in a minute.',
  failed: 'Connecting failed. Try again, or contact support if it keeps failing.',
}

function ConnectButton(p: { provider: string; label: string }) {
  if (p.provider === 'toast')
    return (
      <a class="button" href="/merchant/connections/toast" safe>
        {p.label}
      </a>
    )
  if (p.provider === 'shopify') {
    return (
      <form method="get" action="/api/v1/merchant/connections/shopify/connect" class="inline">
        <input name="shop" placeholder="name.myshopify.com" aria-label="Shopify shop domain" required />
        <button type="submit" safe>
          {p.label}
        </button>
      </form>
    )
  }
  return (
    <a class="button" href={`/api/v1/merchant/connections/${p.provider}/connect`} safe>
      {p.label}
    </a>
  )
}

export function ConnectionRows(p: { connections: ConnectionView[]; csrfToken: string }) {
  return (
    <div id="connection-list" class="stack">
      {p.connections.length === 0 ? <p class="muted">No POS is connected yet.</p> : ''}
      {p.connections.map((c) => (
        <section class="card connection" data-provider={c.provider} data-status={c.status}>
          <h2>
            <span safe>{c.providerName}</span>{' '}
            <span class={`badge ${STATUS_CLASS[c.status]}`} data-role="status">
              {STATUS_LABEL[c.status]}
            </span>
          </h2>
          <p class="muted small">
            Since <LocalTime iso={c.statusChangedAt} />
          </p>
          {c.statusReason ? (
            <p class="reason" safe>
              {c.statusReason}
            </p>
          ) : (
            ''
          )}
          {c.claimCode ? (
            <p class="claim-code">
              Claim code:{' '}
              <strong data-role="claim-code" safe>
                {c.claimCode}
              </strong>
              <span class="muted small"> Give it only to SalesArck's caller on the restaurant's own phone line.</span>
            </p>
          ) : (
            ''
          )}
          <dl>
            <dt>Last event received</dt>
            <dd>{c.lastEventAt ? <LocalTime iso={c.lastEventAt} /> : 'none yet'}</dd>
            <dt>Last error</dt>
            <dd data-role="last-error" safe>
              {c.lastError ?? 'none'}
            </dd>
            <dt>Next token refresh</dt>
            <dd>
              {c.nextRefreshAt ? (
                <LocalTime iso={c.nextRefreshAt} />
              ) : c.provider === 'toast' ? (
                'managed by the Toast partner token'
              ) : (
                'not scheduled'
              )}
            </dd>
          </dl>
          {c.status === 'pending' ? (
            ''
          ) : c.status === 'connected' || c.status === 'degraded' ? (
            <form method="post" action={`/merchant/connections/${c.id}/disconnect`} class="inline">
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <button type="submit" class="secondary">
                Disconnect…
              </button>
            </form>
          ) : (
            <ConnectButton provider={c.provider} label="Reconnect" />
          )}
          <details>
            <summary>History</summary>
            <ul class="history">
              {c.changes.map((h) => (
                <li>
                  <LocalTime iso={h.at} />
                  <span safe>{`: ${words(h.from)} → ${words(h.to)}${h.reason ? ` (${h.reason})` : ''}`}</span>
                </li>
              ))}
            </ul>
            <p class="muted small" safe>{`${c.providerName} account for support: ${c.externalMerchantId}`}</p>
          </details>
        </section>
      ))}
    </div>
  )
}

export function ConnectionsPage(p: {
  connections: ConnectionView[]
  providers: ProviderOption[]
  csrfToken: string
  notice?: string | undefined
  ok?: string | undefined
}) {
  const linked = new Set(p.connections.map((c) => c.provider))
  return (
    <BaseLayout
      title="POS connections"
      nav={[...merchantNav, { href: '/merchant/connections', label: 'Connections', current: true }]}
      csrfToken={p.csrfToken}
    >
      <h1>POS connections</h1>
      {p.notice ? (
        <p class="alert alert-error" role="alert" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.ok ? (
        <p class="alert alert-ok" role="status" safe>
          {p.ok}
        </p>
      ) : (
        ''
      )}
      <div hx-get="/merchant/connections" hx-trigger="every 30s" hx-target="#connection-list" hx-swap="outerHTML"></div>
      <ConnectionRows connections={p.connections} csrfToken={p.csrfToken} />
      <section class="card">
        <h2>Connect a POS</h2>
        <ul class="stack">
          {p.providers
            .filter((o) => !linked.has(o.slug))
            .map((o) => (
              <li data-connect={o.slug}>
                <span safe>{o.name}</span>{' '}
                {o.available ? (
                  <ConnectButton provider={o.slug} label={`Connect ${o.name}`} />
                ) : (
                  <span
                    class="muted small"
                    safe
                  >{`Not available on this server yet: ask SalesArck support to set up ${o.name}.`}</span>
                )}
              </li>
            ))}
        </ul>
      </section>
    </BaseLayout>
  )
}

/** Disconnecting stops points for every sale from that POS: ask first, in a plain form. */
export function DisconnectConfirmPage(p: { id: string; providerName: string; csrfToken: string }) {
  return (
    <BaseLayout title={`Disconnect ${p.providerName}?`} nav={merchantNav} csrfToken={p.csrfToken}>
      <section class="card narrow" id="confirm-disconnect">
        <h1 safe>{`Disconnect ${p.providerName}?`}</h1>
        <p
          safe
        >{`Sales from ${p.providerName} stop earning points until you connect it again. Points already earned stay.`}</p>
        <form method="post" action={`/merchant/connections/${p.id}/disconnect`} class="actions">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" class="danger">
            Yes, disconnect
          </button>
          <a class="button secondary" href="/merchant/connections">
            Keep it connected
          </a>
        </form>
      </section>
    </BaseLayout>
  )
}

export function ToastConnectPage(p: { csrfToken: string; error?: string | undefined }) {
  return (
    <BaseLayout title="Connect Toast" nav={merchantNav} csrfToken={p.csrfToken}>
      <section class="card narrow">
        <h1>Connect Toast</h1>
        <p>
          First add SalesArck under Toast Web › Integrations › Partner integrations. Then enter the restaurant GUID
          Toast shows there.
        </p>
        {p.error ? (
          <p class="alert alert-error" role="alert" safe>
            {p.error}
          </p>
        ) : (
          ''
        )}
        <form method="post" action="/merchant/connections/toast" class="stack">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <label for="restaurant_guid">Restaurant GUID</label>
          <input id="restaurant_guid" name="restaurant_guid" required maxlength="36" autocomplete="off" />
          <button type="submit">Connect Toast</button>
        </form>
      </section>
    </BaseLayout>
  )
}

/** A Clover App Market install, parked until the signed-in owner says which shop it is for. */
export function CloverInstallPage(p: { csrfToken: string; link: string; merchantId: string; shopName: string }) {
  return (
    <BaseLayout title="Connect Clover" nav={merchantNav} csrfToken={p.csrfToken}>
      <section class="card narrow">
        <h1>Connect Clover</h1>
        <p>
          Connect the Clover merchant account <strong safe>{p.merchantId}</strong> to the shop{' '}
          <strong safe>{p.shopName}</strong>? Its sales will earn points in this shop. To connect another of your shops
          instead, switch shop first (top right), then open this page again.
        </p>
        <form method="post" action="/merchant/connections/clover/install" class="stack">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <input type="hidden" name="t" value={p.link} />
          <button type="submit">Connect Clover to this shop</button>
          <a href="/merchant/connections" class="button secondary">
            Cancel
          </a>
        </form>
      </section>
    </BaseLayout>
  )
}
