// Portal sign-in for consumers, merchants and admins: destination → code → cookies. Errors are
// rendered inline as fragments (htmx 4 swaps 4xx responses), never echoing what was typed
// back inside a message. Plain form posts (no JS) get full pages.
import { Elysia } from 'elysia'
import { type TokenPair, logoutWithTokens, requestOtp, verifyOtp } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { type Audience, CodeStep, DestinationStep, SignInPage } from '../../../../views/auth/sign-in'
import { clientIp } from '../../client-ip'
import { csrfProtection } from '../../plugins/csrf'
import { ACCESS_COOKIE, clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from '../../session-cookies'
import { joinPendingReferral } from './referrals'

type Form = Record<string, unknown>
const str = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '')
const audience = (v: unknown): Audience => (v === 'merchant' || v === 'admin' ? v : 'consumer')
/** Only same-site paths, so a crafted link cannot bounce a fresh session to another origin. */
const safeNext = (v: unknown) =>
  typeof v === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(v) && v.length < 300 ? v : ''
// Admins land on tenants, merchants on their shop (via /merchant), consumers on their wallets.
const landing = (as: Audience) => (as === 'admin' ? '/admin/tenants' : as === 'merchant' ? '/merchant' : '/wallets')

function isHtmx(request: Request) {
  return request.headers.get('hx-request') === 'true'
}

export function signInPortal(deps: AppDeps) {
  const secure = deps.config.COOKIE_SECURE
  const resendAt = () => new Date(deps.clock().getTime() + deps.config.OTP_RESEND_COOLDOWN_S * 1000).toISOString()

  return (
    new Elysia({ name: 'portal-sign-in' })
      .use(csrfProtection({ secure }))
      .get('/signin', ({ query, csrfToken }) => {
        const common = { as: audience(query.as), next: safeNext(query.next), csrfToken: csrfToken() }
        // A team invitation links here with its destination filled in (tenancy/send-invite.ts).
        const value = typeof query.destination === 'string' ? query.destination.slice(0, 254) : undefined
        return SignInPage({ ...common, step: DestinationStep({ ...common, value }) })
      })
      .post('/signin/code', async ({ body, request, server, set, csrfToken }) => {
        const f = (body ?? {}) as Form
        const common = { as: audience(f.as), next: safeNext(f.next), csrfToken: csrfToken() }
        const wrap = (step: JSX.Element) => (isHtmx(request) ? step : SignInPage({ ...common, step }))
        const resending = str(f, 'resend') === '1'
        try {
          const d = await requestOtp(deps, {
            destination: str(f, 'destination'),
            ip: clientIp(deps.config, request, server),
          })
          return wrap(
            CodeStep({
              ...common,
              destination: d.value,
              resendAt: resendAt(),
              ...(resending ? { notice: 'A new code is on its way.' } : {}),
            }),
          )
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = e.status
          if (e.retryAfter !== undefined) set.headers['retry-after'] = String(e.retryAfter)
          // A cool-down on resend keeps the user on the code step with the wait shown there.
          if (e.code === 'rate_limited' && resending) {
            const until = new Date(deps.clock().getTime() + (e.retryAfter ?? 30) * 1000).toISOString()
            return wrap(CodeStep({ ...common, destination: str(f, 'destination'), resendAt: until, notice: e.message }))
          }
          return wrap(DestinationStep({ ...common, error: e.message, value: str(f, 'destination') }))
        }
      })
      .post('/signin/verify', async ({ body, request, server, set, cookie, csrfToken }) => {
        const f = (body ?? {}) as Form
        const common = { as: audience(f.as), next: safeNext(f.next), csrfToken: csrfToken() }
        let pair: TokenPair
        try {
          pair = await verifyOtp(deps, {
            destination: str(f, 'destination'),
            code: str(f, 'code'),
            ip: clientIp(deps.config, request, server),
          })
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = e.status
          if (e.retryAfter !== undefined) set.headers['retry-after'] = String(e.retryAfter)
          const step = CodeStep({
            ...common,
            destination: str(f, 'destination'),
            resendAt: resendAt(),
            error: e.message,
          })
          return isHtmx(request) ? step : SignInPage({ ...common, step })
        }
        setSessionCookies(cookie, pair, secure)
        // Arrived through a friend's link: join that shop now and land on its wallet.
        const joined = common.as === 'consumer' ? await joinPendingReferral(deps, cookie, pair.access_token) : null
        const to = common.next || (joined?.ok ? `/wallets/${joined.walletId}` : landing(common.as))
        if (isHtmx(request)) {
          set.headers['hx-redirect'] = to
          return '<p>Signed in.</p>'
        }
        set.status = 303
        set.headers.location = to
        return ''
      })
      // No auth guard: an expired access cookie must still be able to end its session.
      .post('/signout', async ({ cookie, set }) => {
        const access = cookie[ACCESS_COOKIE]?.value
        const refresh = cookie[REFRESH_COOKIE]?.value
        await logoutWithTokens(
          deps,
          typeof access === 'string' ? access : undefined,
          typeof refresh === 'string' ? refresh : undefined,
        )
        clearSessionCookies(cookie)
        set.status = 303
        set.headers.location = '/'
        return ''
      })
  )
}
