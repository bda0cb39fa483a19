// The wallet page's "Notifications from this shop": one checkbox per channel, each with the
// exact sentence that is recorded with the consent (ADR 0024). SMS needs its own explicit tick.
import { BaseLayout } from '../layouts/base'

export type NoticeSettingsView = {
  walletId: string
  email: boolean
  sms: boolean
  wording: { email: string; sms: string }
  /** Channels the person can be reached on (a verified contact). */
  reachable: { email: boolean; sms: boolean }
  csrfToken?: string | undefined
  saved?: boolean | undefined
}

export function NoticeSettings(p: NoticeSettingsView) {
  return (
    <section class="card" id="notifications">
      <h2>Notifications from this shop</h2>
      <form method="post" action={`/wallets/${p.walletId}/notifications`} class="stack">
        {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
        {(['email', 'sms'] as const).map((ch) => (
          <label class="check">
            <input type="checkbox" name={ch} value="yes" checked={p[ch]} disabled={!p.reachable[ch]} />{' '}
            <span safe>{p.wording[ch]}</span>
            {p.reachable[ch] ? (
              ''
            ) : (
              <span class="muted small">
                {ch === 'email'
                  ? ' Add an email on your Account page first.'
                  : ' Add a phone number on your Account page first.'}
              </span>
            )}
          </label>
        ))}
        <button type="submit" class="secondary">
          Save notification choices
        </button>
        {p.saved ? (
          <p class="muted small" role="status">
            Saved.
          </p>
        ) : (
          ''
        )}
      </form>
    </section>
  )
}

export function UnsubscribePage(p: {
  shopName: string
  channel: 'email' | 'sms'
  token: string
  csrfToken?: string | undefined
  done: boolean
}) {
  const what = p.channel === 'email' ? 'emails' : 'texts'
  return (
    <BaseLayout title="Unsubscribe">
      <section class="card">
        {p.done ? (
          <h1 safe>{`You will get no more ${what} from ${p.shopName}.`}</h1>
        ) : (
          <form method="post" action="/unsubscribe" class="stack">
            <h1 safe>{`Stop ${what} from ${p.shopName}?`}</h1>
            {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">Unsubscribe</button>
          </form>
        )}
        <p class="muted small">You can switch notifications back on from your wallet for this shop.</p>
      </section>
    </BaseLayout>
  )
}
