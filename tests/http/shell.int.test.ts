import { describe, expect, test } from 'bun:test'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp()

describe('HTTP shell', () => {
  test('API errors use the contract shape with the request id', async () => {
    const r = await getApp().json<{ error: { code: string; message: string; request_id: string } }>(
      '/api/v1/nothing-here',
    )
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
    expect(r.body.error.request_id).toBe(r.headers.get('x-request-id')!)
  })

  test('bad input gets a clear 400 that names the field and never echoes what was sent', async () => {
    const r = await getApp().json<{ error: { code: string; message: string } }>('/api/v1/auth/verify', {
      method: 'POST',
      body: { destination: 'leak.me@example.com', code: { not: 'a code' } },
    })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect(JSON.stringify(r.body)).not.toContain('leak.me')
    const garbage = await getApp().json<{ error: { code: string } }>('/api/v1/auth/verify', {
      method: 'POST',
      body: '{"destination": "x@y.co", ',
      headers: { 'content-type': 'application/json' },
    })
    expect(garbage.status).toBe(400)
    expect(JSON.stringify(garbage.body)).not.toContain('x@y.co')
  })

  test('a sane incoming X-Request-Id is kept, an insane one replaced', async () => {
    const kept = await getApp().request('/health/live', { headers: { 'x-request-id': 'edge-abc.123' } })
    expect(kept.headers.get('x-request-id')).toBe('edge-abc.123')
    const replaced = await getApp().request('/health/live', {
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('browsers get a full error page, htmx gets a fragment', async () => {
    const page = await getApp().request('/no-such-page', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toStartWith('<!doctype html>')
    expect(html).toContain('We could not find that page')
    const frag = await getApp().request('/no-such-page', { headers: { accept: 'text/html', 'hx-request': 'true' } })
    const fragHtml = await frag.text()
    expect(fragHtml).not.toContain('<html')
    expect(fragHtml).toContain('role="alert"')
  })

  test('every response carries the security headers, with a CSP that forbids inline script', async () => {
    for (const path of ['/', '/health/live', '/nope']) {
      const r = await getApp().request(path)
      const csp = r.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).toContain("frame-ancestors 'none'")
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      // HSTS only in production (plain-http development would be locked out otherwise).
      expect(r.headers.get('strict-transport-security')).toBeNull()
    }
  })

  test('an oversized body is refused with 413 before anything reads it', async () => {
    const big = 'x'.repeat(getApp().config.MAX_BODY_BYTES + 1)
    const r = await getApp().json<{ error: { code: string } }>('/api/v1/auth/otp', {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
    })
    expect(r.status).toBe(413)
    expect(r.body.error.code).toBe('payload_too_large')
  })

  test('htmx is served by the app itself, not a CDN', async () => {
    const r = await getApp().request('/assets/htmx.min.js')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('javascript')
    expect((await r.text()).length).toBeGreaterThan(10_000)
    const landing = await (await getApp().request('/')).text()
    expect(landing).toContain('src="/assets/htmx.min.js"')
    expect(landing).not.toMatch(/https?:\/\/(cdn|unpkg)/)
  })

  test('/metrics is valid Prometheus text with route templates, not raw paths', async () => {
    await getApp().request('/assets/app.css')
    await getApp().request('/assets/app.js')
    const r = await getApp().request('/metrics')
    expect(r.headers.get('content-type')).toContain('text/plain')
    const text = await r.text()
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?(\d+(\.\d+)?([eE][+-]?\d+)?|NaN|\+Inf|-Inf)( \d+)?$/
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
      expect(line).toMatch(sample)
    }
    expect(text).toContain('http_requests_total{method="GET",route="/assets/:file",status="200"}')
    expect(text).not.toContain('route="/assets/app.css"')
    expect(text).toMatch(/^queue_depth\{queue="maintenance",state="waiting"\} \d+$/m)
    expect(text).toContain('# TYPE http_request_duration_seconds histogram')
  })
})
