// The account page's "add a contact" form: destination → code → done, each answered with the
// next htmx fragment (a full account page reload for plain form posts, so it works without JS).
// The use cases are the JSON API's (auth/contacts.ts); errors come back inline, never echoing
// what was typed inside a message.
import { Elysia } from 'elysia'
import { requestContactCode, verifyContact } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { AddContactStep, ContactAdded, ContactCodeStep } from '../../../../views/auth/contacts'
import { clientIp } from '../../client-ip'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

type Form = Record<string, unknown>
const str = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '')

export function accountContactsPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-account-contacts' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .post(
      '/account/contacts',
      async ({ actor, body, request, server, set, csrfToken }) => {
        const f = (body ?? {}) as Form
        const contacts = { email: actor.email, phone: actor.phone }
        try {
          const d = await requestContactCode(deps, actor.userId, {
            destination: str(f, 'destination'),
            ip: clientIp(deps.config, request, server),
          })
          return respond(request, set, ContactCodeStep({ csrfToken: csrfToken(), destination: d.value }))
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          fail(set, e)
          return respond(
            request,
            set,
            AddContactStep({ csrfToken: csrfToken(), contacts, error: e.message, value: str(f, 'destination') }),
          )
        }
      },
      { auth: 'consumer' },
    )
    .post(
      '/account/contacts/verify',
      async ({ actor, body, request, server, set, csrfToken }) => {
        const f = (body ?? {}) as Form
        try {
          const c = await verifyContact(deps, actor.userId, {
            destination: str(f, 'destination'),
            code: str(f, 'code'),
            ip: clientIp(deps.config, request, server),
          })
          return respond(
            request,
            set,
            ContactAdded({ destination: str(f, 'destination'), contacts: { email: c.email, phone: c.phone } }),
          )
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          fail(set, e)
          return respond(
            request,
            set,
            ContactCodeStep({ csrfToken: csrfToken(), destination: str(f, 'destination'), error: e.message }),
          )
        }
      },
      { auth: 'consumer' },
    )
}

function fail(set: { status?: number | string; headers: Record<string, string | number> }, e: AppError) {
  set.status = e.status
  if (e.retryAfter !== undefined) set.headers['retry-after'] = String(e.retryAfter)
}

/** htmx swaps the fragment; a plain post goes back to the account page (no JS needed to finish). */
function respond(
  request: Request,
  set: { status?: number | string; headers: Record<string, string | number> },
  fragment: JSX.Element,
) {
  if (request.headers.get('hx-request') === 'true') return fragment
  if (!set.status || set.status === 200) {
    set.status = 303
    set.headers.location = '/account'
    return ''
  }
  return fragment
}
