import type { Children } from '@kitajs/html'
import { BaseLayout } from '../layouts/base'

export type Audience = 'consumer' | 'merchant' | 'admin'
type Common = { as: Audience; next: string; csrfToken: string }

const headings: Record<Audience, { title: string; lead: string }> = {
  consumer: { title: 'Sign in to your wallet', lead: 'Use the phone number or email you gave at the shop.' },
  merchant: { title: 'Sign in to your shop', lead: 'Use the email your SalesArck invitation went to.' },
  admin: { title: 'Platform admin sign-in', lead: 'Use your verified admin email.' },
}

function Hidden(p: Common) {
  return (
    <>
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="as" value={p.as} />
      <input type="hidden" name="next" value={p.next} />
    </>
  )
}

/** Step 1: where to send the code. 4xx answers swap back into #signin-step with the error. */
export function DestinationStep(p: Common & { error?: string | undefined; value?: string | undefined }) {
  return (
    <form
      method="post"
      action="/signin/code"
      hx-post="/signin/code"
      hx-target="#signin-step"
      hx-swap="innerHTML"
      id="destination-form"
    >
      <Hidden {...p} />
      <label for="destination">Phone number or email</label>
      <input
        id="destination"
        name="destination"
        autocomplete="username"
        placeholder="+1 555 010 0001 or you@example.com"
        value={p.value ?? ''}
        required
        data-autofocus
        aria-invalid={p.error ? 'true' : 'false'}
        aria-describedby="destination-error"
      />
      {p.error ? (
        <p class="field-error" id="destination-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <p>
        <button type="submit">Send me a code</button>
      </p>
    </form>
  )
}

/** Step 2: the code. `resendAt` (ISO time) drives the resend cool-down shown by app.js. */
export function CodeStep(
  p: Common & { destination: string; resendAt: string; error?: string | undefined; notice?: string | undefined },
) {
  return (
    <div class="stack">
      <p>
        We sent a 6-digit code to <strong safe>{p.destination}</strong>. It is valid for 10 minutes.
      </p>
      {p.notice ? (
        <p class="alert alert-warn" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      <form
        method="post"
        action="/signin/verify"
        hx-post="/signin/verify"
        hx-target="#signin-step"
        hx-swap="innerHTML"
        id="code-form"
      >
        <Hidden {...p} />
        <input type="hidden" name="destination" value={p.destination} />
        <label for="code">Code</label>
        <input
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxlength="7"
          required
          data-autofocus
          aria-invalid={p.error ? 'true' : 'false'}
          aria-describedby="code-error"
        />
        {p.error ? (
          <p class="field-error" id="code-error" role="alert" safe>
            {p.error}
          </p>
        ) : (
          ''
        )}
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      <form
        method="post"
        action="/signin/code"
        hx-post="/signin/code"
        hx-target="#signin-step"
        hx-swap="innerHTML"
        id="resend-form"
      >
        <Hidden {...p} />
        <input type="hidden" name="resend" value="1" />
        <input type="hidden" name="destination" value={p.destination} />
        <button type="submit" class="secondary" data-enable-at={p.resendAt} disabled>
          Send a new code
        </button>{' '}
        <span class="muted small">
          available in <span data-countdown={p.resendAt}>0:30</span>
        </span>
      </form>
      <p class="small">
        <a href={`/signin?as=${p.as}`}>Use a different phone or email</a>
      </p>
    </div>
  )
}

export function SignInPage(p: Common & { step: Children }) {
  const h = headings[p.as]
  return (
    <BaseLayout title={h.title} csrfToken={p.csrfToken}>
      <section class="card narrow">
        <h1 safe>{h.title}</h1>
        <p class="muted" safe>
          {h.lead}
        </p>
        <div id="signin-step">{p.step}</div>
      </section>
    </BaseLayout>
  )
}
