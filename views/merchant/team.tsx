// The shop's team: who works here (role, last sign-in), waiting invitations, and for owners an
// invite form plus role and remove controls per person. Every owner action answers with the
// whole #team section, so the list on screen is always what the database now says.
import { BaseLayout } from '../layouts/base'

export type TeamRow = {
  userId: string
  role: 'merchant_owner' | 'merchant_staff'
  contact: string
  lastSignIn: string | null
  isYou: boolean
}
export type InviteRow = { id: string; role: 'merchant_owner' | 'merchant_staff'; contact: string; sent: string }
export type TeamErrors = { destination?: string | undefined; role?: string | undefined; form?: string | undefined }

const roleLabel = (r: TeamRow['role']) => (r === 'merchant_owner' ? 'Owner' : 'Staff')
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never')

function RoleSelect(p: { name: string; value: TeamRow['role']; id: string }) {
  return (
    <select name={p.name} id={p.id}>
      <option value="merchant_staff" selected={p.value === 'merchant_staff'}>
        Staff (redeem codes, see members)
      </option>
      <option value="merchant_owner" selected={p.value === 'merchant_owner'}>
        Owner (everything, including rules, team and settings)
      </option>
    </select>
  )
}

function MemberRow(p: { m: TeamRow; canEdit: boolean; csrfToken: string }) {
  const { m } = p
  return (
    <tr data-user={m.userId} data-role={m.role}>
      <td>
        <span safe>{m.contact}</span> {m.isYou ? <span class="badge">you</span> : ''}
      </td>
      <td>{roleLabel(m.role)}</td>
      <td class="muted small" safe>
        {when(m.lastSignIn)}
      </td>
      {p.canEdit ? (
        <td class="actions">
          <form
            class="inline"
            method="post"
            action={`/merchant/team/${m.userId}/role`}
            hx-post={`/merchant/team/${m.userId}/role`}
            hx-target="#team"
            hx-swap="outerHTML"
          >
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <label class="sr-only" for={`role-${m.userId}`}>
              Role
            </label>
            <RoleSelect name="role" value={m.role} id={`role-${m.userId}`} />
            <button type="submit" class="secondary">
              Change role
            </button>
          </form>
          <form
            class="inline"
            method="post"
            action={`/merchant/team/${m.userId}/remove`}
            hx-post={`/merchant/team/${m.userId}/remove`}
            hx-target="#team"
            hx-swap="outerHTML"
            hx-confirm="Remove this person from the team? They are signed out of this shop at once."
          >
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <button type="submit" class="secondary">
              Remove
            </button>
          </form>
        </td>
      ) : (
        ''
      )}
    </tr>
  )
}

export function TeamSection(p: {
  team: TeamRow[]
  invites: InviteRow[]
  canEdit: boolean
  errors: TeamErrors
  notice?: string | undefined
  csrfToken: string
}) {
  return (
    <section id="team" class="stack">
      {p.notice ? (
        <p class="alert alert-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.errors.form ? (
        <p class="alert alert-error" role="alert" safe>
          {p.errors.form}
        </p>
      ) : (
        ''
      )}
      <table id="team-members">
        <thead>
          <tr>
            <th>Person</th>
            <th>Role</th>
            <th>Last sign-in</th>
            {p.canEdit ? <th>Change</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.team.map((m) => (
            <MemberRow m={m} canEdit={p.canEdit} csrfToken={p.csrfToken} />
          ))}
        </tbody>
      </table>
      {p.invites.length ? (
        <>
          <h2>Waiting to accept</h2>
          <ul id="team-invites">
            {p.invites.map((i) => (
              <li data-invite={i.id}>
                <span safe>{i.contact}</span> · <span>{roleLabel(i.role)}</span> ·{' '}
                <span class="muted small" safe>{`sent ${when(i.sent)}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {p.canEdit ? (
        <form
          id="invite-form"
          class="card stack"
          method="post"
          action="/merchant/team/invites"
          hx-post="/merchant/team/invites"
          hx-target="#team"
          hx-swap="outerHTML"
          novalidate
        >
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <h2>Invite someone</h2>
          <p class="muted small">
            They get a sign-in link by email or text message; signing in with that address or number accepts the
            invitation.
          </p>
          <label for="invite-destination">Email or mobile number (with country code, e.g. +1 415 555 0100)</label>
          <input
            id="invite-destination"
            name="destination"
            autocomplete="off"
            aria-describedby="invite-destination-error"
          />
          <p class="field-error" id="invite-destination-error" safe>
            {p.errors.destination ?? ''}
          </p>
          <label for="invite-role">Role</label>
          <RoleSelect name="role" value="merchant_staff" id="invite-role" />
          <p class="field-error" id="invite-role-error" safe>
            {p.errors.role ?? ''}
          </p>
          <button type="submit">Send invitation</button>
        </form>
      ) : (
        <p class="muted small">Only the shop owner can invite people or change the team.</p>
      )}
    </section>
  )
}

export function TeamPage(p: { csrfToken: string; section: Omit<Parameters<typeof TeamSection>[0], 'csrfToken'> }) {
  return (
    <BaseLayout title="Team" csrfToken={p.csrfToken}>
      <h1>Team</h1>
      <TeamSection {...p.section} csrfToken={p.csrfToken} />
    </BaseLayout>
  )
}
