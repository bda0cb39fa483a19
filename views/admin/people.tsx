// Admin: find a person by phone or email, see their wallets in every shop, and correct a
// balance with a reason. Contacts are masked: the admin already knows what they typed, and a
// list of members is no place to read whole numbers or addresses. The adjustment form is
// answered with <hx-partial>s only (message slots, the new balance, the result), so a 422
// never re-renders what is being typed.
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'
import { type Chrome, PortalLayout } from '../auth/account'

export type PersonCard = {
  memberId: string
  tenantName: string
  contact: string
  linked: boolean
  wallet: { id: string; balance: number } | null
}

/** The ledger entry as the API returns it (entryJson), which is also what a replay stores. */
export type AdjustedEntry = {
  entry_id: string
  type: string
  points: number
  balance_after: number
  created_at: string
  explanation: string
}

export type AdjustErrors = { points?: string | undefined; reason?: string | undefined; form?: string | undefined }

const pts = (n: number) => plural(n, 'pt')
const slot = (walletId: string, part: string) => `adj-${walletId}-${part}`

export function SearchResults(p: {
  people: PersonCard[]
  error?: string | undefined
  csrfToken: string
  searched: boolean
}) {
  if (p.error) {
    return (
      <p class="field-error" id="q-error" role="alert" safe>
        {p.error}
      </p>
    )
  }
  if (!p.searched) return <p class="muted">Search by phone number or email address.</p>
  if (!p.people.length) return <p class="muted">Nobody with that phone or email in any shop.</p>
  return (
    <div class="stack" id="people">
      {p.people.map((m) => (
        <PersonCardView m={m} csrfToken={p.csrfToken} />
      ))}
    </div>
  )
}

function PersonCardView(p: { m: PersonCard; csrfToken: string }) {
  const { m } = p
  return (
    <section class="card person" id={`member-${m.memberId}`}>
      <h2 safe>{m.tenantName}</h2>
      <p>
        <span safe>{m.contact}</span>{' '}
        {m.linked ? <span class="badge ok">has an account</span> : <span class="badge">no account yet</span>}{' '}
        <code class="small" safe>
          {m.memberId}
        </code>
      </p>
      {m.wallet ? (
        <>
          <p>
            Balance:{' '}
            <strong class="points" id={`balance-${m.wallet.id}`} safe>
              {pts(m.wallet.balance)}
            </strong>{' '}
            <a class="small" href={`/admin/audit?target_id=${encodeURIComponent(m.wallet.id)}`}>
              Audit history
            </a>{' '}
            <a class="small" href={`/admin/wallets/${encodeURIComponent(m.wallet.id)}`}>
              Ledger
            </a>
          </p>
          <AdjustForm walletId={m.wallet.id} csrfToken={p.csrfToken} requestKey={crypto.randomUUID()} />
        </>
      ) : (
        <p class="muted">No wallet in this shop yet.</p>
      )}
    </section>
  )
}

/** One attempt's key: a double click replays instead of adjusting twice. */
export function RequestKey(p: { walletId: string; requestKey: string }) {
  return <input type="hidden" name="request_key" id={slot(p.walletId, 'key')} value={p.requestKey} />
}

/** Points and reason with their message slots; replaced blank after a success. */
export function AdjustFields(p: { walletId: string }) {
  const id = (part: string) => slot(p.walletId, part)
  return (
    <>
      <label for={id('points')}>Points (negative to remove)</label>
      <input
        id={id('points')}
        name="points"
        inputmode="numeric"
        autocomplete="off"
        aria-describedby={id('points-error')}
      />
      <p class="field-error" id={id('points-error')}></p>
      <label for={id('reason')}>Reason (required, kept in the audit log)</label>
      <input id={id('reason')} name="reason" maxlength="500" autocomplete="off" aria-describedby={id('reason-error')} />
      <p class="field-error" id={id('reason-error')}></p>
    </>
  )
}

function AdjustForm(p: { walletId: string; csrfToken: string; requestKey: string }) {
  const action = `/admin/wallets/${encodeURIComponent(p.walletId)}/adjustments`
  return (
    <form id={slot(p.walletId, 'form')} class="adjust-form" method="post" action={action} hx-post={action} novalidate>
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <RequestKey walletId={p.walletId} requestKey={p.requestKey} />
      <div id={slot(p.walletId, 'fields')}>
        <AdjustFields walletId={p.walletId} />
      </div>
      <button type="submit" class="secondary">
        Adjust balance
      </button>
      <div id={slot(p.walletId, 'result')} role="status"></div>
    </form>
  )
}

export function AdjustResult(p: { walletId: string; entry: AdjustedEntry }) {
  const e = p.entry
  return (
    <div class="alert alert-ok adjust-result">
      <p>
        New balance <strong safe>{pts(e.balance_after)}</strong> ({e.points > 0 ? '+' : '−'}
        <span safe>{pts(Math.abs(e.points))}</span>).
      </p>
      <p class="small">
        Ledger entry <code safe>{e.entry_id}</code> · <span safe>{e.type}</span> · <LocalTime iso={e.created_at} />
      </p>
      <p class="small muted" safe>
        {e.explanation}
      </p>
      <a class="small" href={`/admin/audit?target_id=${encodeURIComponent(p.walletId)}`}>
        See it in the audit log
      </a>
    </div>
  )
}

/**
 * The whole answer to an adjustment: every message slot filled or cleared and a fresh request
 * key; on success also the result, the new balance and blank fields.
 */
export function AdjustAnswer(p: {
  walletId: string
  errors: AdjustErrors
  requestKey: string
  entry?: AdjustedEntry | undefined
}) {
  const target = (part: string) => `#${slot(p.walletId, part)}`
  return (
    <>
      <hx-partial hx-target={target('key')} hx-swap="outerHTML">
        <RequestKey walletId={p.walletId} requestKey={p.requestKey} />
      </hx-partial>
      {p.entry ? (
        <>
          <hx-partial hx-target={target('fields')}>
            <AdjustFields walletId={p.walletId} />
          </hx-partial>
          <hx-partial hx-target={`#balance-${p.walletId}`} safe>
            {pts(p.entry.balance_after)}
          </hx-partial>
          <hx-partial hx-target={target('result')}>
            <AdjustResult walletId={p.walletId} entry={p.entry} />
          </hx-partial>
        </>
      ) : (
        <>
          <hx-partial hx-target={target('points-error')} safe>
            {p.errors.points ?? ''}
          </hx-partial>
          <hx-partial hx-target={target('reason-error')} safe>
            {p.errors.reason ?? ''}
          </hx-partial>
          <hx-partial hx-target={target('result')}>
            {p.errors.form ? (
              <p class="alert alert-error" role="alert" safe>
                {p.errors.form}
              </p>
            ) : (
              ''
            )}
          </hx-partial>
        </>
      )}
    </>
  )
}

export function AdminPeoplePage(p: {
  chrome: Chrome
  people: PersonCard[]
  error?: string | undefined
  searched: boolean
}) {
  return (
    <PortalLayout title="People" chrome={p.chrome}>
      <h1>People</h1>
      <section class="card">
        {/* POST, not GET: a phone number or email never lands in a URL, the history or a referrer. */}
        <form
          id="people-search"
          method="post"
          action="/admin/people/search"
          hx-post="/admin/people/search"
          hx-target="#people-results"
          hx-swap="innerHTML"
        >
          <input type="hidden" name="_csrf" value={p.chrome.csrfToken} />
          <label for="q">Phone or email</label>
          <input id="q" name="q" type="search" maxlength="254" autocomplete="off" aria-describedby="q-error" />
          <button type="submit">Search</button>
        </form>
      </section>
      <div id="people-results">
        <SearchResults people={p.people} error={p.error} csrfToken={p.chrome.csrfToken} searched={p.searched} />
      </div>
    </PortalLayout>
  )
}
