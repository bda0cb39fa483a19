import { describe, expect, test } from 'bun:test'
import { classifyTokenError } from '../../../src/pos/connection/oauth-error'
import {
  createOAuthState,
  createPkce,
  parseOAuthState,
  pkceChallenge,
} from '../../../src/pos/connection/oauth-pkce-state'
import { splitScopes } from '../../../src/pos/connection/oauth-token-set'

// RFC 7636 Appendix B: these 32 octets give this verifier and this S256 challenge.
const RFC_BYTES = new Uint8Array([
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91,
  88, 5, 88, 83, 132, 141, 121,
])

describe('PKCE', () => {
  test('matches the RFC 7636 S256 test vector, so providers will accept our verifier', () => {
    const pkce = createPkce(RFC_BYTES)
    expect(pkce.verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')
    expect(pkce.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
    expect(pkce.method).toBe('S256')
  })

  test('different random bytes give a different pair', () => {
    const a = createPkce(new Uint8Array(32).fill(1))
    const b = createPkce(new Uint8Array(32).fill(2))
    expect(a.verifier).not.toBe(b.verifier)
    expect(pkceChallenge(a.verifier)).toBe(a.challenge)
  })

  test('refuses fewer than 32 random bytes (a guessable verifier)', () => {
    expect(() => createPkce(new Uint8Array(16))).toThrow('at least 32 random bytes')
  })
})

describe('OAuth state', () => {
  test('is a 43-char base64url nonce that parseOAuthState accepts back', () => {
    const state = createOAuthState(crypto.getRandomValues(new Uint8Array(32)))
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(parseOAuthState(state)).toBe(state)
  })

  test('garbage from the callback query never reaches the database', () => {
    for (const raw of [undefined, '', 'short', `${'a'.repeat(42)}!`, 'a'.repeat(44), ['x'], "' OR 1=1 --"]) {
      expect(parseOAuthState(raw)).toBeNull()
    }
  })

  test('refuses fewer than 32 random bytes', () => {
    expect(() => createOAuthState(new Uint8Array(8))).toThrow()
  })
})

describe('token error classification', () => {
  test.each([
    [400, { error: 'invalid_grant' }, 'revoked'],
    [401, { error: 'invalid_grant', error_description: 'expired' }, 'revoked'],
    [500, {}, 'retryable'],
    [503, { error: 'temporarily_unavailable' }, 'retryable'],
    [429, { errors: [{ code: 'RATE_LIMITED' }] }, 'retryable'],
    [408, undefined, 'retryable'],
    [400, { error: 'invalid_request' }, 'invalid'],
    [401, { error: 'invalid_client' }, 'invalid'],
    [403, undefined, 'invalid'],
    [302, undefined, 'invalid'],
  ] as const)('HTTP %i %j → %s', (status, body, kind) => {
    expect(classifyTokenError(status, body).kind).toBe(kind)
  })

  test('keeps the provider code from RFC 6749, Square and numeric Toast-style bodies', () => {
    expect(classifyTokenError(400, { error: 'invalid_grant' }).providerCode).toBe('invalid_grant')
    expect(classifyTokenError(429, { errors: [{ code: 'RATE_LIMITED', detail: 'x' }] }).providerCode).toBe(
      'RATE_LIMITED',
    )
    expect(classifyTokenError(401, { status: 401, code: 10010, message: 'Access Denied' }).providerCode).toBe('10010')
  })

  test('never copies provider free text, which can echo the token we sent', () => {
    const leaked = 'rt_SECRET_refresh_token value'
    const e = classifyTokenError(400, { error: leaked, error_description: leaked, message: leaked })
    expect(e.providerCode).toBeNull()
    expect(JSON.stringify(e)).not.toContain('SECRET')
  })
})

test('splitScopes reads both comma (Shopify) and space separated lists', () => {
  expect(splitScopes('read_orders,read_customers')).toEqual(['read_orders', 'read_customers'])
  expect(splitScopes('sales:read customers:read')).toEqual(['sales:read', 'customers:read'])
  expect(splitScopes(undefined)).toBeUndefined()
})
