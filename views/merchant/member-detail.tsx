// One member, for the shop (issue 14.3): balance, open lots with their expiry (in the shop's
// zone), linked POS customer ids, the full history with each entry's explanation, and for the
// owner a balance adjustment with a reason. The adjustment form answers with the whole
// #member-balance section so the new balance, lots and history show at once.
import type { MemberContact } from '../../src/members'
import { LedgerTable, type LedgerRow } from '../components/ledger-table'
import { BaseLayout } from '../layouts/base'
import { contactLine } from './members'
import { merchantNav } from './redeem'

export type LotRow = { remaining: number; earned: string; expires: string | null }
export type PosIdRow = { provider: string; customerId: string; since: string }
export type MemberDetail = {
  id: string
  /** As memberContact decides for the viewer: full for owners, masked for staff. */
  contact: MemberContact
  linked: boolean
  joined: string
  timeZone: string
  balance: number
  lots: LotRow[]
  posIds: PosIdRow[]
  rows: LedgerRow[]
}
export type AdjustFormState = {
  requestKey: string
  errors: { points?: string | undefined; reason?: string | undefined; form?: string | undefined }
  notice?: string | undefined
  points?: string | undefined
  reason?: string | undefined
}

function LotsTable(p: { lots: LotRow[]; timeZone: string }) {
  if (!p.lots.length) return <p class="muted">No points waiting to be used.</p>
  return (
    <table id="member-lots">
      <caption class="muted small" safe>{`Points are used soonest-expiring first. Dates in ${p.timeZone}.`}</caption>
      <thead>
        <tr>
          <th class="num">Points left</th>
          <th>Earned</th>
          <th>Expires</th>
        </tr>
      </thead>
      <tbody>
        {p.lots.map((l) => (
          <tr>
            <td class="num">{l.remaining}</td>
            <td safe>{l.earned}</td>
            <td safe>{l.expires ?? 'never'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AdjustForm(p: { memberId: string; csrfToken: string; state: AdjustFormState }) {
  const action = `/merchant/members/${p.memberId}/adjustments`
  const e = p.state.errors
  return (
    <form
      id="adjust-form"
      class="stack"
      method="post"
      action={action}
      hx-post={action}
      hx-target="#member-balance"
      hx-swap="outerHTML"
      novalidate
    >
      <h2>Adjust the balance</h2>
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="request_key" value={p.state.requestKey} />
      <label for="adjust-points">Points (negative to remove)</label>
      <input
        id="adjust-points"
        name="points"
        inputmode="numeric"
        autocomplete="off"
        value={p.state.points ?? ''}
        aria-describedby="adjust-points-error"
      />
      <p class="field-error" id="adjust-points-error" safe>
        {e.points ?? ''}
      </p>
      <label for="adjust-reason">Reason (kept in the audit log; the member sees the change, not the reason)</label>
      <input
        id="adjust-reason"
        name="reason"
        maxlength="500"
        autocomplete="off"
        value={p.state.reason ?? ''}
        aria-describedby="adjust-reason-error"
      />
      <p class="field-error" id="adjust-reason-error" safe>
        {e.reason ?? ''}
      </p>
      <button type="submit">Adjust</button>
      {e.form ? (
        <p class="alert alert-error" role="alert" safe>
          {e.form}
        </p>
      ) : (
        ''
      )}
      {p.state.notice ? (
        <p class="alert alert-ok" role="status" safe>
          {p.state.notice}
        </p>
      ) : (
        ''
      )}
    </form>
  )
}

/** Balance, lots, history and (owners) the adjustment form: what an adjustment changes. */
export function MemberBalance(p: { m: MemberDetail; canAdjust: boolean; csrfToken: string; adjust: AdjustFormState }) {
  const { m } = p
  return (
    <div id="member-balance" class="stack">
      <section class="card">
        <p class="big-number" id="member-points">
          {m.balance}
        </p>
        <p class="muted">points</p>
        <h2>Points and when they expire</h2>
        <LotsTable lots={m.lots} timeZone={m.timeZone} />
      </section>
      {p.canAdjust ? (
        <section class="card">
          <AdjustForm memberId={m.id} csrfToken={p.csrfToken} state={p.adjust} />
        </section>
      ) : (
        ''
      )}
      <section class="card">
        <h2>History</h2>
        <LedgerTable rows={m.rows} />
      </section>
    </div>
  )
}

export function MemberDetailPage(p: {
  m: MemberDetail
  canAdjust: boolean
  csrfToken: string
  adjust: AdjustFormState
}) {
  const { m } = p
  return (
    <BaseLayout title="Member" nav={merchantNav} csrfToken={p.csrfToken}>
      <section class="card">
        <h1 safe>{m.contact.label}</h1>
        <p class="muted" safe>
          {contactLine(m.contact)}
        </p>
        <p class="small">
          {m.linked ? <span class="badge ok">Uses the app</span> : <span class="badge">Till only</span>}{' '}
          <span class="muted" safe>{`Member since ${m.joined}`}</span>
        </p>
        <h2>POS customer ids</h2>
        {m.posIds.length ? (
          <ul id="member-pos-ids">
            {m.posIds.map((x) => (
              <li>
                <span safe>{x.provider}</span> <code safe>{x.customerId}</code>{' '}
                <span class="muted small" safe>{`since ${x.since}`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None yet: sales are matched by phone or email.</p>
        )}
      </section>
      <MemberBalance {...p} />
    </BaseLayout>
  )
}
