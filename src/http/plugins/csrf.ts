// CSRF protection for every state-changing browser request: a random token in an HttpOnly
// SameSite=Lax cookie that must come back in the X-CSRF-Token header (htmx, via hx-headers on
// <body>) or a _csrf form field (plain forms), plus a refusal of cross-site requests.
// JSON API calls authenticated by a Bearer header carry no ambient credential and are exempt.
// Any session cookie (access or refresh) makes a request cookie-authenticated: after 15 idle
// minutes only the refresh cookie is left, and that is still an ambient credential.
import { timingSafeEqual } from 'node:crypto'
import { Elysia } from 'elysia'
import { AppError } from '../../shared/errors'
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../session-cookies'

export const CSRF_COOKIE = 'sa_csrf'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
const EXEMPT_PREFIXES = ['/webhooks/', '/oauth/']

const newToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')
const isToken = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{32}$/.test(v)

function same(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function csrfProtection(opts: { secure: boolean }) {
  return new Elysia({ name: 'csrf' })
    .derive({ as: 'global' }, ({ cookie }) => ({
      /** The token for forms on this page; sets the cookie only when a page actually needs it. */
      csrfToken(): string {
        const jar = cookie[CSRF_COOKIE]!
        if (isToken(jar.value)) return jar.value
        const token = newToken()
        jar.set({ value: token, httpOnly: true, secure: opts.secure, sameSite: 'lax', path: '/' })
        return token
      },
    }))
    .onBeforeHandle({ as: 'global' }, ({ request, cookie, body }) => {
      if (SAFE.has(request.method)) return
      const path = new URL(request.url).pathname
      if (EXEMPT_PREFIXES.some((p) => path.startsWith(p))) return
      const hasBearer = request.headers.get('authorization')?.startsWith('Bearer ') ?? false
      const cookieAuthed = !!cookie[ACCESS_COOKIE]?.value || !!cookie[REFRESH_COOKIE]?.value
      // The JSON API is exempt unless the browser's cookie is what authenticates it.
      if (path.startsWith('/api/') && (hasBearer || !cookieAuthed)) return
      if (request.headers.get('sec-fetch-site') === 'cross-site')
        throw new AppError('forbidden', 'Cross-site form submissions are not accepted')
      const expected = cookie[CSRF_COOKIE]?.value
      const field = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined
      const presented = request.headers.get('x-csrf-token') ?? (typeof field === 'string' ? field : undefined)
      if (!isToken(expected) || !presented || !same(expected, presented)) {
        throw new AppError('forbidden', 'This form has expired. Reload the page and try again.')
      }
    })
}
