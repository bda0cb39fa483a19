// Security headers on every response. The CSP has no 'unsafe-inline' for scripts: htmx is
// configured by meta tag and our small behaviours live in /assets/app.js.
import { Elysia } from 'elysia'

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // https: for shops' own logos on their wallet card (white-label, ADR 0022); images run no script.
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function securityHeaders(opts: { hsts: boolean }) {
  const headers: Record<string, string> = {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
    'cross-origin-opener-policy': 'same-origin',
  }
  if (opts.hsts) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains'
  return new Elysia({ name: 'security-headers' }).onRequest(({ set }) => {
    Object.assign(set.headers, headers)
  })
}
