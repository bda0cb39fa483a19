// api-v1.md is the public contract; the live OpenAPI document must agree with it. Every route
// the contract names must be served and documented, with the tenant never in the path.
import { describe, expect, test } from 'bun:test'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp()

// Transcribed from ../shared/docs/api-v1.md (path parameters as OpenAPI writes them).
const CONTRACT: [string, string][] = [
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['get', '/metrics'],
  ['post', '/api/v1/auth/otp'],
  ['post', '/api/v1/auth/verify'],
  ['post', '/api/v1/auth/refresh'],
  ['post', '/api/v1/auth/logout'],
  ['get', '/api/v1/me'],
  ['post', '/api/v1/me/active-tenant'],
  ['post', '/api/v1/admin/tenants'],
  ['post', '/api/v1/admin/tenants/{id}/suspend'],
  ['post', '/api/v1/admin/tenants/{id}/reinstate'],
  ['post', '/api/v1/admin/tenants/{id}/connections'],
  ['get', '/api/v1/admin/consumers'],
  ['post', '/api/v1/admin/wallets/{*}/adjustments'],
  ['get', '/api/v1/admin/audit-events'],
  ['post', '/api/v1/admin/webhook-events/{*}/replay'],
  ['get', '/api/v1/merchant/rules'],
  ['post', '/api/v1/merchant/rules'],
  ['post', '/api/v1/merchant/rules/preview'],
  ['get', '/api/v1/merchant/transactions'],
  ['get', '/api/v1/merchant/members'],
  ['get', '/api/v1/merchant/members/{*}'],
  ['post', '/api/v1/merchant/redemptions/{code}/complete'],
  ['get', '/api/v1/merchant/settings'],
  ['patch', '/api/v1/merchant/settings'],
  ['get', '/api/v1/merchant/team'],
  ['post', '/api/v1/merchant/team/invites'],
  ['patch', '/api/v1/merchant/team/{*}'],
  ['delete', '/api/v1/merchant/team/{*}'],
  ['post', '/api/v1/merchant/members/{*}/adjustments'],
  ['get', '/api/v1/merchant/connections'],
  ['get', '/api/v1/merchant/connections/{provider}/connect'],
  ['get', '/oauth/{provider}/callback'],
  ['get', '/api/v1/consumer/wallets'],
  ['get', '/api/v1/consumer/wallets/{*}/entries'],
  ['get', '/api/v1/consumer/wallets/{*}/referral'],
  ['post', '/api/v1/consumer/redemptions'],
  ['delete', '/api/v1/consumer/me'],
  ['post', '/webhooks/{*}'],
]

type Spec = { openapi: string; paths: Record<string, Record<string, unknown>> }

/** '{*}' in the contract list stands for any parameter name the implementation chose. */
function documented(spec: Spec, method: string, path: string): boolean {
  const pattern = path
    .split('/')
    .map((seg) => (seg === '{*}' ? '\\{[^/]+\\}' : seg.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')))
    .join('/')
  const re = new RegExp(`^${pattern}$`)
  return Object.entries(spec.paths).some(([p, ops]) => re.test(p) && method in ops)
}

describe('public contract', () => {
  test('every route api-v1.md names is in the live OpenAPI document', async () => {
    const r = await getApp().json<Spec>('/api/openapi.json')
    expect(r.status).toBe(200)
    expect(r.body.openapi).toMatch(/^3\./)
    const missing = CONTRACT.filter(([m, p]) => !documented(r.body, m, p)).map(([m, p]) => `${m.toUpperCase()} ${p}`)
    expect(missing).toEqual([])
  })

  test('each of the five providers has its webhook address (an unsigned delivery is refused, not unknown)', async () => {
    for (const provider of ['square', 'clover', 'shopify', 'lightspeed', 'toast']) {
      // Lightspeed X-Series posts a form; the others post JSON.
      const type = provider === 'lightspeed' ? 'application/x-www-form-urlencoded' : 'application/json'
      const r = await getApp().request(`/webhooks/${provider}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: provider === 'lightspeed' ? 'payload=%7B%7D' : '{}',
      })
      expect({ provider, status: r.status }).toEqual({ provider, status: 401 })
    }
    expect(
      (
        await getApp().request('/webhooks/nope', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404)
  })

  test('no API path carries a tenant id', async () => {
    const r = await getApp().json<Spec>('/api/openapi.json')
    const withTenant = Object.keys(r.body.paths)
      .filter((p) => p.startsWith('/api/v1/merchant') || p.startsWith('/api/v1/consumer'))
      .filter((p) => /tenant/i.test(p))
    expect(withTenant).toEqual([])
  })

  test('/api/docs is a readable page listing the operations', async () => {
    const res = await getApp().request('/api/docs', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('/api/v1/consumer/redemptions')
    expect(html).not.toContain('cdn.jsdelivr.net')
  })
})
