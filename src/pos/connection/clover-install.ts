// Clover App Market installs (issue 10.4). The merchant starts in Clover's App Market, so Clover
// redirects to us with merchant_id, client_id and code but without a `state` of ours: nobody on
// our side started the flow, and we do not know which SalesArck shop it is for. So:
//   1. landing (public): exchange the code at once (codes are short-lived), confirm the merchant
//      with Clover's API using the new token, and park the sealed tokens for INSTALL_TTL_MS;
//   2. the route hands the browser a signed link (symmetric JWT naming the parked install);
//   3. a signed-in shop OWNER opens it, sees which Clover merchant and which shop, and confirms;
//      only then is the install consumed (single use) and linked to the owner's active shop.
import { and, eq, gt, lt } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import { newId } from '../../shared/ids'
import type { FetchLike } from '../adapter'
import { confirmedCloverMerchant } from './complete-connect'
import { posPendingInstalls } from './connection.schema'
import { linkConnection } from './link-connection'
import { oauthProvider } from './oauth-registry'
import { callbackUrl, providerSettings } from './provider-settings'
import { sealTokens } from './seal-tokens'
import type { ConnectActor } from './start-connect'
import { tokenCipher } from './token-vault'

/** How long a parked install waits for its owner (sign-in included). */
export const INSTALL_TTL_MS = 30 * 60_000

export type ParkedInstall = { installId: string; merchantId: string }

/** Step 1: what GET /oauth/clover/install does with Clover's redirect. */
export async function parkCloverInstall(
  deps: AppDeps,
  query: URLSearchParams,
  opts: { fetch?: FetchLike } = {},
): Promise<ParkedInstall> {
  const s = providerSettings(deps.config, 'clover')
  const code = query.get('code')
  if (!code || code.length > 512) throw new AppError('bad_request', 'Clover did not send an authorization code')
  if (!s.clientId || query.get('client_id') !== s.clientId)
    throw new AppError('bad_request', 'This install is not for SalesArck')
  const p = oauthProvider('clover')
  if (p?.flow !== 'authorization_code')
    throw new AppError('not_found', 'Clover installs are not available on this server')
  const origin = p.tokenOrigin(s.origin)
  if (!origin.ok) throw new AppError('bad_request', origin.error.reason)
  const fetchFn = opts.fetch ?? fetch
  const now = deps.clock()
  const exchanged = await p.exchangeCode({
    fetch: fetchFn,
    baseUrl: origin.value,
    clientId: s.clientId,
    ...(s.clientSecret !== undefined && { clientSecret: s.clientSecret }),
    code,
    redirectUri: callbackUrl(deps.config, 'clover'),
    now,
  })
  if (!exchanged.ok)
    throw new AppError(
      exchanged.error.kind === 'retryable' ? 'unavailable' : 'bad_request',
      `Connecting failed: ${exchanged.error.reason}`,
    )
  const merchantId = await confirmedCloverMerchant(
    fetchFn,
    origin.value,
    exchanged.value.accessToken,
    query.get('merchant_id'),
  )
  const sealed = await sealTokens(await tokenCipher(deps.config), exchanged.value, null)
  const installId = newId('ins', now.getTime())
  await asSystem(deps.dbh.db, async (tx) => {
    await tx.delete(posPendingInstalls).where(lt(posPendingInstalls.expiresAt, now))
    await tx.insert(posPendingInstalls).values({
      id: installId,
      provider: 'clover',
      externalMerchantId: merchantId,
      accessTokenEnc: sealed.accessTokenEnc,
      refreshTokenEnc: sealed.refreshTokenEnc,
      tokenExpiresAt: sealed.tokenExpiresAt,
      refreshTokenExpiresAt: exchanged.value.refreshTokenExpiresAt ?? null,
      expiresAt: new Date(now.getTime() + INSTALL_TTL_MS),
    })
  })
  return { installId, merchantId }
}

const expired = () =>
  new AppError(
    'bad_request',
    'This Clover install link has expired or was already used. Open SalesArck from Clover again.',
  )

/** Step 3a: the confirmation page's facts; the install must still be parked and unexpired. */
export async function describeCloverInstall(deps: AppDeps, link: ParkedInstall): Promise<{ merchantId: string }> {
  const [row] = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({ merchantId: posPendingInstalls.externalMerchantId })
      .from(posPendingInstalls)
      .where(and(eq(posPendingInstalls.id, link.installId), gt(posPendingInstalls.expiresAt, deps.clock()))),
  )
  if (!row || row.merchantId !== link.merchantId) throw expired()
  return row
}

/** Step 3b: the owner confirmed. DELETE … RETURNING makes the install single use. */
export async function confirmCloverInstall(deps: AppDeps, actor: ConnectActor, link: ParkedInstall): Promise<string> {
  const now = deps.clock()
  const [row] = await asSystem(deps.dbh.db, (tx) =>
    tx
      .delete(posPendingInstalls)
      .where(
        and(
          eq(posPendingInstalls.id, link.installId),
          eq(posPendingInstalls.externalMerchantId, link.merchantId),
          gt(posPendingInstalls.expiresAt, now),
        ),
      )
      .returning(),
  )
  if (!row) throw expired()
  const cipher = await tokenCipher(deps.config)
  const tokens = {
    accessToken: await cipher.decrypt(row.accessTokenEnc),
    ...(row.refreshTokenEnc && { refreshToken: await cipher.decrypt(row.refreshTokenEnc) }),
    ...(row.tokenExpiresAt && { expiresAt: row.tokenExpiresAt }),
    ...(row.refreshTokenExpiresAt && { refreshTokenExpiresAt: row.refreshTokenExpiresAt }),
  }
  return linkConnection(deps, {
    tenantId: actor.tenantId,
    provider: 'clover',
    externalMerchantId: row.externalMerchantId,
    authMode: 'oauth',
    tokens,
    grant: 'code',
  })
}
