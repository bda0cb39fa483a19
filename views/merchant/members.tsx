// Merchant members: a searchable list (the rows are the htmx fragment). A member's own page is
// member-detail.tsx.
import { LocalTime } from '../components/local-time'
import type { MemberContact } from '../../src/members'
import { BaseLayout } from '../layouts/base'
import { merchantNav } from './redeem'

export type MemberListRow = { id: string; contact: MemberContact; balance: number; linked: boolean; joined: string }

/** `next` links to the following page (older members), absent on the last one. */
export function MemberRows(p: { rows: MemberListRow[]; next?: string | null }) {
  return (
    <tbody id="member-rows">
      {p.rows.length ? (
        p.rows.map((m) => (
          <tr>
            <td>
              <a href={`/merchant/members/${m.id}`} safe>
                {m.contact.label}
              </a>
              {contactLine(m.contact) !== m.contact.label ? (
                <div class="muted small" safe>
                  {contactLine(m.contact)}
                </div>
              ) : (
                ''
              )}
            </td>
            <td>{m.balance}</td>
            <td>{m.linked ? <span class="badge ok">App</span> : <span class="badge">Till only</span>}</td>
            <td class="muted small">
              <LocalTime iso={m.joined} format="date" />
            </td>
          </tr>
        ))
      ) : (
        <tr>
          <td colspan="4" class="muted">
            No members match.
          </td>
        </tr>
      )}
      {p.next ? (
        <tr class="more">
          <td colspan="4">
            <a href={p.next} id="older-members">
              Older members →
            </a>
          </td>
        </tr>
      ) : (
        ''
      )}
    </tbody>
  )
}

export function MembersPage(p: { rows: MemberListRow[]; q: string; next?: string | null }) {
  return (
    <BaseLayout title="Members" nav={merchantNav}>
      <h1>Members</h1>
      <input
        type="search"
        name="q"
        value={p.q}
        placeholder="Start of an email, or last digits of a phone"
        aria-label="Search members"
        hx-get="/merchant/members"
        hx-trigger="input changed delay:300ms, search"
        hx-target="#member-rows"
        hx-swap="outerHTML"
      />
      <table>
        <thead>
          <tr>
            <th>Member</th>
            <th>Points</th>
            <th>Signed up</th>
            <th>Since</th>
          </tr>
        </thead>
        <MemberRows rows={p.rows} next={p.next ?? null} />
      </table>
    </BaseLayout>
  )
}

/** Phone and email as the viewer may see them (already masked for staff), on one line. */
export const contactLine = (c: MemberContact) => [c.phone, c.email].filter(Boolean).join(' · ')
