import { BaseLayout } from '../layouts/base'

export type PriorityChoice = 'phone,email' | 'email,phone' | 'phone' | 'email'

const CHOICES: { value: PriorityChoice; label: string; hint: string }[] = [
  { value: 'phone,email', label: 'Phone first, then email', hint: 'Recommended: most tills capture a phone number.' },
  { value: 'email,phone', label: 'Email first, then phone', hint: 'For online-first shops whose orders always carry an email.' },
  { value: 'phone', label: 'Phone only', hint: 'Emails on receipts are ignored for matching.' },
  { value: 'email', label: 'Email only', hint: 'Phone numbers on receipts are ignored for matching.' },
]

/** How a sale finds its member. Only the owner can change it; staff see it. */
export function IdentityForm(p: { current: PriorityChoice; canEdit: boolean; saved?: boolean | undefined }) {
  return (
    <form id="identity-form" method="post" action="/merchant/settings/identity" hx-post="/merchant/settings/identity" hx-target="this" hx-swap="outerHTML">
      <fieldset disabled={!p.canEdit}>
        <legend>Matching a sale to a member</legend>
        <p class="muted small">When a sale carries both a phone number and an email that point to different members, nothing is awarded and the sale is flagged for you; this order decides which signal is tried first otherwise.</p>
        {CHOICES.map((c) => (
          <label class="choice">
            <input type="radio" name="priority" value={c.value} checked={c.value === p.current} /> <span safe>{c.label}</span>
            <span class="muted small" safe>
              {` — ${c.hint}`}
            </span>
          </label>
        ))}
        {p.canEdit ? <button type="submit">Save</button> : <p class="muted small">Only the shop owner can change this.</p>}
        {p.saved ? (
          <p class="alert alert-ok" role="status">
            Saved. New sales are matched this way from now on.
          </p>
        ) : (
          ''
        )}
      </fieldset>
    </form>
  )
}

export type TeamView = { invites: { email: string; role: string; claimed: boolean }[]; error?: string | undefined; typed?: string | undefined; invited?: string | undefined }

/** The team: who was invited, and (owners) a form to invite staff by email. Works without JS. */
export function TeamSection(p: TeamView & { canEdit: boolean; csrfToken: string }) {
  return (
    <section class="card" id="team">
      <h2>Your team</h2>
      {p.invited ? (
        <p class="alert alert-ok" role="status" safe>{`Invitation sent to ${p.invited}. They join when they sign in with that email.`}</p>
      ) : (
        ''
      )}
      {p.invites.length ? (
        <ul class="stack" id="team-invites">
          {p.invites.map((i) => (
            <li>
              <span safe>{i.email}</span> <span class="badge">{i.role === 'merchant_owner' ? 'Owner' : 'Staff'}</span>{' '}
              <span class="muted small">{i.claimed ? 'joined' : 'invited'}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nobody invited yet.</p>
      )}
      {p.canEdit ? (
        <form method="post" action="/merchant/team/invites" class="stack" id="invite-form">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <label for="invite-email">Invite staff by email</label>
          <input
            id="invite-email"
            name="email"
            type="email"
            required
            maxlength="254"
            value={p.typed ?? ''}
            placeholder="sam@yourshop.com"
            {...(p.error ? { 'aria-invalid': 'true', 'aria-describedby': 'invite-email-error' } : {})}
          />
          {p.error ? (
            <p class="field-error" id="invite-email-error" role="alert" safe>
              {p.error}
            </p>
          ) : (
            ''
          )}
          <button type="submit">Send invitation</button>
        </form>
      ) : (
        <p class="muted small">Only the shop owner can invite staff.</p>
      )}
    </section>
  )
}

export function SettingsPage(p: { current: PriorityChoice; canEdit: boolean; csrfToken: string; team: TeamView }) {
  return (
    <BaseLayout title="Settings" csrfToken={p.csrfToken}>
      <h1>Settings</h1>
      <TeamSection {...p.team} canEdit={p.canEdit} csrfToken={p.csrfToken} />
      <section class="card">
        <IdentityForm current={p.current} canEdit={p.canEdit} />
      </section>
    </BaseLayout>
  )
}
