// Issue 12.14: a caller without credentials must learn nothing about a route's input. Every
// authenticated write of the real app's route table, sent a body that fails validation and no
// session, answers 401, never a 400 listing the body's field names.
import { describe, expect, test } from 'bun:test'
import { useTestApp } from '../helpers/app'
import { routeSpecs } from './route-specs'

const getApp = useTestApp({ RATE_LIMIT_PUBLIC_PER_IP: '100000' })
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

// A JSON array where every route expects an object (or nothing): invalid for any body schema.
const INVALID_BODY = '[{"definitely_not_a_field":true}]'

describe('authentication comes before validation', () => {
  test('every authenticated write with an invalid body and no credentials → 401 without field names', async () => {
    const writes = getApp().app.routes.filter((r) => WRITES.has(r.method))
    const checked: string[] = []
    const failures: string[] = []
    for (const route of writes) {
      const key = `${route.method} ${route.path}`
      const spec = routeSpecs[key]
      if (!spec || 'public' in spec) continue
      checked.push(key)
      const path = route.path.replace(/:(\w+)/g, 'x_$1')
      for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
        const res = await getApp().request(`${path}?limit=not-a-number`, {
          method: route.method,
          headers: { 'content-type': contentType, accept: 'application/json' },
          body: contentType === 'application/json' ? INVALID_BODY : 'definitely_not_a_field=%00',
        })
        const text = await res.text()
        if (res.status !== 401) failures.push(`${key} (${contentType}) → ${res.status}: ${text.slice(0, 200)}`)
        else if (text.includes('"fields"')) failures.push(`${key} (${contentType}) → 401 but lists fields`)
        else expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthorized', request_id: expect.any(String) } })
      }
    }
    // The table has authenticated writes in every area; an empty loop would prove nothing.
    expect(checked.length).toBeGreaterThan(15)
    expect(failures, failures.join('\n')).toEqual([])
  }, 60_000)
})
