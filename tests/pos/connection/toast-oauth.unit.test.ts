// Toast partner login (pos-providers.md § Toast › Authentication): client credentials in a JSON
// body, `token.expiresIn` seconds, no refresh token, restaurant named per call by header.
import { afterAll, describe, expect, test } from 'bun:test'
import * as toast from '../../../src/pos/toast/oauth'
import { startTokenStub } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
const stub = startTokenStub(({ body }) => {
  if (body.clientSecret !== 'toast-secret')
    return { status: 401, body: { status: 401, code: 10010, message: 'Access Denied' } }
  return {
    status: 200,
    body: {
      status: 'SUCCESS',
      token: { tokenType: 'Bearer', accessToken: 'toast-at', expiresIn: 86400, scope: 'orders:read guest.pi:read' },
    },
  }
})
afterAll(() => stub.stop())

describe('toast login', () => {
  test('posts client credentials as a machine client and returns a token with no refresh token', async () => {
    const result = await toast.login({
      fetch,
      baseUrl: stub.origin,
      clientId: 'toast-client',
      clientSecret: 'toast-secret',
      now: NOW,
    })
    const seen = stub.requests.at(-1)!
    expect(seen).toMatchObject({ path: '/authentication/v1/authentication/login', contentType: 'application/json' })
    expect(seen.body).toEqual({
      clientId: 'toast-client',
      clientSecret: 'toast-secret',
      userAccessType: 'TOAST_MACHINE_CLIENT',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'toast-at',
        expiresAt: new Date('2026-06-03T12:00:00Z'),
        scopes: ['orders:read', 'guest.pi:read'],
      },
    })
  })

  test('wrong partner credentials are an operator problem (invalid), with the secret nowhere in the error', async () => {
    const result = await toast.login({
      fetch,
      baseUrl: stub.origin,
      clientId: 'toast-client',
      clientSecret: 'oops-secret',
      now: NOW,
    })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', status: 401, providerCode: '10010' } })
    expect(JSON.stringify(result)).not.toContain('oops-secret')
  })

  test('the host comes from TOAST_API_BASE_URL when set (Toast assigns hosts at onboarding)', () => {
    expect(toast.tokenOrigin({ override: 'https://toast.partner.example' })).toEqual({
      ok: true,
      value: 'https://toast.partner.example',
    })
    expect(toast.tokenOrigin({ override: 'https://toast.partner.example/path' }).ok).toBe(false)
  })
})

describe('restaurant access', () => {
  test('every call names the restaurant in Toast-Restaurant-External-ID', () => {
    const guid = '0cd990c9-fd74-461d-8468-de2a0919ccbb'
    expect(toast.restaurantHeaders('toast-at', guid)).toEqual({
      authorization: 'Bearer toast-at',
      'Toast-Restaurant-External-ID': guid,
    })
  })

  test('restaurant GUIDs are normalised and junk is refused', () => {
    expect(toast.parseRestaurantGuid(' 0CD990C9-FD74-461D-8468-DE2A0919CCBB ')).toBe(
      '0cd990c9-fd74-461d-8468-de2a0919ccbb',
    )
    for (const raw of ['0cd990c9', 'not-a-guid', 42, null]) expect(toast.parseRestaurantGuid(raw)).toBeNull()
  })
})
