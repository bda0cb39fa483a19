// What a POS provider must supply (issue 17.2). Adding one is its folder under src/pos plus one
// line in src/pos/registry.ts; everything else (the provider type and list, the env names
// config.ts parses into config.pos, the webhook content type, display names, OAuth, polling)
// follows from the descriptor. This file lists what that descriptor must hold.
import { describe, expect, test } from 'bun:test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError, parseConfig } from '../../src/config'
import { type PosAdapter, posAdapters, posProviders } from '../../src/pos'

const NOT_PROVIDERS = new Set(['kit', 'ingest', 'connection'])
const isFn = (v: unknown) => typeof v === 'function'

describe.each(posProviders)('%s descriptor', (slug) => {
  const adapter: PosAdapter = posAdapters[slug]
  const { meta, oauth, polling } = adapter

  test('names itself, and supplies verify, extractEnvelopes and parse', () => {
    expect(meta.slug).toBe(slug)
    expect(meta.displayName.trim()).not.toBe('')
    expect([adapter.verify, adapter.extractEnvelopes, adapter.parse].every(isFn)).toBe(true)
    expect(adapter.fetchDetails === undefined || isFn(adapter.fetchDetails)).toBe(true)
  })

  test('declares how its webhooks arrive: a lower-case signature header and one content type', () => {
    expect(meta.signatureHeader).toMatch(/^[a-z0-9-]+$/)
    expect(['application/json', 'application/x-www-form-urlencoded']).toContain(meta.contentType)
    expect(['hmac-body', 'static-token']).toContain(meta.webhookAuth)
  })

  test('its env names are parsed into config.pos: a rotating webhook secret, the API base URL and OAuth credentials', () => {
    const env: Record<string, string> = {
      APP_ENV: 'test',
      [meta.env.webhookSecret]: 'current, previous',
      [meta.env.apiBaseUrl]: 'http://127.0.0.1:9/',
      ...(meta.env.webhookUrl && { [meta.env.webhookUrl]: 'https://hooks.example/registered' }),
      ...(oauth && { [oauth.env.clientId]: 'client-id' }),
    }
    // Where the app secret is also the webhook secret (Shopify, Lightspeed), OAuth uses its first entry.
    if (oauth && oauth.env.clientSecret !== meta.env.webhookSecret) env[oauth.env.clientSecret] = 'client-secret'
    const c = parseConfig(env).pos[slug]
    expect(c.webhookSecrets).toEqual(['current', 'previous'])
    expect(c.apiBaseUrl).toBe('http://127.0.0.1:9/')
    expect(c.webhookUrl).toBe(meta.env.webhookUrl ? 'https://hooks.example/registered' : undefined)
    if (oauth) {
      expect(c.clientId).toBe('client-id')
      expect(c.clientSecret).toBe(oauth.env.clientSecret === meta.env.webhookSecret ? 'current' : 'client-secret')
    }
  })

  test('unset, the API base URL is its production origin, and development signs demo traffic with its own secret', () => {
    expect(parseConfig({ APP_ENV: 'test' }).pos[slug]).toMatchObject({
      webhookSecrets: [],
      apiBaseUrl: meta.productionApiBaseUrl,
    })
    expect(parseConfig({ APP_ENV: 'development' }).pos[slug].webhookSecrets).toEqual([meta.developmentWebhookSecret])
    expect(meta.developmentWebhookSecret).not.toBe('')
  })

  test('OAuth, if any, is complete for its flow', () => {
    if (!oauth) return
    expect([oauth.env.clientId, oauth.env.clientSecret].every((n) => /^[A-Z][A-Z0-9_]+$/.test(n))).toBe(true)
    expect(['connection', 'partner']).toContain(oauth.tokenOwner)
    expect(oauth.externalMerchantId).not.toBe('')
    expect(isFn(oauth.tokenOrigin)).toBe(true)
    if (oauth.flow === 'authorization_code') {
      expect([oauth.authorizeOrigin, oauth.authorizeUrl, oauth.exchangeCode, oauth.refresh].every(isFn)).toBe(true)
      expect(typeof oauth.pkce).toBe('boolean')
      expect(['always', 'pkce_only']).toContain(oauth.rotatesRefreshToken)
      expect(Array.isArray(oauth.scopes)).toBe(true)
    } else {
      expect(oauth.flow).toBe('client_credentials')
      expect(isFn(oauth.login)).toBe(true)
    }
  })

  test('polling, if any, lists pages and turns a time into a cursor', () => {
    if (!polling) return
    expect(isFn(polling.page)).toBe(true)
    expect(typeof polling.cursorAt(new Date('2026-06-02T12:00:00Z'))).toBe('string')
  })
})

test('every provider folder under src/pos is registered, and only those', () => {
  const dir = join(import.meta.dir, '../../src/pos')
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_PROVIDERS.has(d.name))
    .map((d) => d.name)
  expect([...posProviders].sort() as string[]).toEqual(folders.sort())
})

test('no two providers read the same environment variable', () => {
  const names = posProviders.flatMap((p) => {
    const { meta, oauth } = posAdapters[p]
    const own = [
      meta.env.webhookSecret,
      meta.env.apiBaseUrl,
      meta.env.webhookUrl,
      oauth?.env.clientId,
      oauth?.env.clientSecret,
    ]
    return [...new Set(own.filter((n) => n !== undefined))]
  })
  expect(new Set(names).size).toBe(names.length)
})

test('a malformed provider variable is refused by name, never by value', () => {
  const { apiBaseUrl } = posAdapters.square.meta.env
  expect(() => parseConfig({ APP_ENV: 'test', [apiBaseUrl]: 'not a url secret-ish' })).toThrow(
    new ConfigError(`Invalid configuration: ${apiBaseUrl}`),
  )
})
