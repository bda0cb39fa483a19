// The account page's contacts: what the person signs in with, and a two-step htmx form to add
// the other kind (enter contact → enter code). Each step answers with the next fragment, which
// replaces #contact-step; errors come back as the same step with the message (4xx swaps in htmx 4).

export type ContactList = { email: string | null; phone: string | null }

export function ContactsSection(p: { csrfToken: string; contacts: ContactList }) {
  const missing = !p.contacts.email || !p.contacts.phone
  return (
    <section class="card" id="contacts">
      <h2>Sign-in contacts</h2>
      <ContactLines contacts={p.contacts} />
      {missing ? <div id="contact-step">{AddContactStep({ csrfToken: p.csrfToken, contacts: p.contacts })}</div> : ''}
    </section>
  )
}

function ContactLines(p: { contacts: ContactList }) {
  return (
    <ul id="contact-list">
      {p.contacts.email ? (
        <li>
          Email <strong safe>{p.contacts.email}</strong> <span class="badge ok">verified</span>
        </li>
      ) : (
        ''
      )}
      {p.contacts.phone ? (
        <li>
          Phone <strong safe>{p.contacts.phone}</strong> <span class="badge ok">verified</span>
        </li>
      ) : (
        ''
      )}
    </ul>
  )
}

/** Step 1: the contact to add. */
export function AddContactStep(p: {
  csrfToken: string
  contacts: ContactList
  error?: string | undefined
  value?: string | undefined
}) {
  const what = !p.contacts.phone ? 'phone number' : 'email address'
  return (
    <form
      method="post"
      action="/account/contacts"
      hx-post="/account/contacts"
      hx-target="#contact-step"
      hx-swap="innerHTML"
      id="add-contact-form"
    >
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <p class="muted">
        Add your <span>{what}</span> to sign in with either, and to see points earned under it at any shop.
      </p>
      <label for="contact-destination">Phone number or email to add</label>
      <input
        id="contact-destination"
        name="destination"
        placeholder={!p.contacts.phone ? '+1 555 010 0001' : 'you@example.com'}
        value={p.value ?? ''}
        required
        aria-invalid={p.error ? 'true' : 'false'}
        aria-describedby="contact-destination-error"
      />
      {p.error ? (
        <p class="field-error" id="contact-destination-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <p>
        <button type="submit">Send a code</button>
      </p>
    </form>
  )
}

/** Step 2: the code that went to the new contact. */
export function ContactCodeStep(p: { csrfToken: string; destination: string; error?: string | undefined }) {
  return (
    <form
      method="post"
      action="/account/contacts/verify"
      hx-post="/account/contacts/verify"
      hx-target="#contact-step"
      hx-swap="innerHTML"
      id="contact-code-form"
    >
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="destination" value={p.destination} />
      <p>
        We sent a 6-digit code to <strong safe>{p.destination}</strong>. It is valid for 10 minutes.
      </p>
      <label for="contact-code">Code</label>
      <input
        id="contact-code"
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        maxlength="7"
        required
        aria-invalid={p.error ? 'true' : 'false'}
        aria-describedby="contact-code-error"
      />
      {p.error ? (
        <p class="field-error" id="contact-code-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <p>
        <button type="submit">Confirm</button>
      </p>
    </form>
  )
}

/** Done: the contact list as it is now. */
export function ContactAdded(p: { destination: string; contacts: ContactList }) {
  return (
    <div class="stack">
      <p class="alert alert-ok" role="status">
        <span safe>{p.destination}</span> is now on your account. Sign in with either contact; wallets under both are in
        your account.
      </p>
      <ContactLines contacts={p.contacts} />
    </div>
  )
}
