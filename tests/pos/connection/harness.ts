// Shared setup for the connection lifecycle tests: all five provider fakes with their list
// endpoints, the app configured to use them, and the connect flow driven over HTTP exactly as
// a browser would (302 to the consent page, 302 back to our callback).
import { eq } from 'drizzle-orm'
import { generateKeyring } from '../../../src/infra/crypto/token-cipher'
import type { AppDeps } from '../../../src/infra/deps'
import { asSystem } from '../../../src/infra/scope'
import type { FetchLike } from '../../../src/pos'
import type { PosProvider } from '../../../src/pos'
import { activateToastConnection, connectToast } from '../../../src/pos/connection'
import { posConnectionSync } from '../../../src/pos/connection/connection.schema'
import { tokenCipher } from '../../../src/pos/connection/token-vault'
import { startCloverFake, startLightspeedFake, startShopifyFake, startSquareFake, startToastFake } from '../../fakes'
import { withCloverList } from '../../fakes/clover-list'
import { withLightspeedList } from '../../fakes/lightspeed-list'
import { withShopifyList } from '../../fakes/shopify-list'
import { withSquareList } from '../../fakes/square-list'
import { withToastList } from '../../fakes/toast-list'
import type { TestApp } from '../../helpers/app'

export const RESTAURANT = '0cd990c9-fd74-461d-8468-de2a0919ccbb'

export function startFakes(opts: { squarePkce?: boolean; pageSize?: number; now?: () => number } = {}) {
  const size = opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}
  const now = opts.now ? { now: opts.now } : {}
  return {
    square: withSquareList(startSquareFake({ pkce: opts.squarePkce ?? false, ...now }), size),
    clover: withCloverList(startCloverFake({ ...now }), size),
    shopify: withShopifyList(startShopifyFake({ ...now }), size),
    lightspeed: withLightspeedList(startLightspeedFake({ ...now }), size),
    toast: withToastList(startToastFake({ restaurants: [RESTAURANT], ...now }), size),
  }
}

export type Fakes = ReturnType<typeof startFakes>

export function fakeEnv(f: Fakes, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_BASE_URL: 'http://localhost',
    TOKEN_ENCRYPTION_KEYS: generateKeyring(['k1']),
    SQUARE_API_BASE_URL: f.square.url,
    SQUARE_APPLICATION_ID: f.square.clientId,
    SQUARE_APPLICATION_SECRET: f.square.clientSecret,
    CLOVER_API_BASE_URL: f.clover.url,
    CLOVER_APP_ID: f.clover.appId,
    CLOVER_APP_SECRET: f.clover.clientSecret,
    SHOPIFY_API_BASE_URL: f.shopify.url,
    SHOPIFY_API_KEY: f.shopify.apiKey,
    SHOPIFY_API_SECRET: f.shopify.apiSecret,
    LIGHTSPEED_API_BASE_URL: f.lightspeed.url,
    LIGHTSPEED_CLIENT_ID: f.lightspeed.clientId,
    LIGHTSPEED_CLIENT_SECRET: f.lightspeed.clientSecret,
    TOAST_API_BASE_URL: f.toast.url,
    TOAST_CLIENT_ID: f.toast.clientId,
    TOAST_CLIENT_SECRET: f.toast.clientSecret,
    ...extra,
  }
}

export async function stopFakes(f: Fakes) {
  await Promise.all(Object.values(f).map((x) => x.stop()))
}

/** Drives connect → consent → callback; returns the callback's redirect target. */
export async function connectOverHttp(
  t: TestApp,
  headers: Record<string, string>,
  provider: Exclude<PosProvider, 'toast'>,
  f: Fakes,
): Promise<string> {
  const qs = provider === 'shopify' ? `?shop=${f.shopify.shop}` : ''
  const start = await t.request(`/api/v1/merchant/connections/${provider}/connect${qs}`, { headers })
  if (start.status !== 302) throw new Error(`connect answered ${start.status}: ${await start.text()}`)
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' })
  const back = new URL(consent.headers.get('location')!)
  const done = await t.request(`${back.pathname}${back.search}`, { headers })
  return done.headers.get('location') ?? `status ${done.status}`
}

/** The consent redirect only, for tests that tamper with the callback. */
export async function consentRedirect(
  t: TestApp,
  headers: Record<string, string>,
  provider: Exclude<PosProvider, 'toast'>,
  f: Fakes,
): Promise<URL> {
  const qs = provider === 'shopify' ? `?shop=${f.shopify.shop}` : ''
  const start = await t.request(`/api/v1/merchant/connections/${provider}/connect${qs}`, { headers })
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' })
  return new URL(consent.headers.get('location')!)
}

/**
 * A Toast link whose ownership proof is already done (ADR 0016), for tests about what happens
 * after it: connectToast, then the admin's activation with the owner's claim code.
 */
export async function connectToastProven(
  deps: AppDeps,
  actor: { tenantId: string; userId: string },
  guid: string,
  opts: { fetch?: FetchLike } = {},
): Promise<string> {
  const id = await connectToast(deps, actor, guid, opts)
  const [sync] = await asSystem(deps.dbh.db, (tx) =>
    tx.select().from(posConnectionSync).where(eq(posConnectionSync.connectionId, id)),
  )
  const code = await (await tokenCipher(deps.config)).decrypt(sync!.claimCodeEnc!)
  await activateToastConnection(deps, actor.userId, id, code, 'ownership checked in the test set-up')
  return id
}
