// Toast's client-credentials token: one per partner client, shared by every restaurant, so it
// is stored once (pos_partner_tokens) and renewed under one advisory lock whoever needs it.
import { eq } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { err, ok, type Result } from '../../shared/result'
import * as toast from '../toast/oauth'
import { posPartnerTokens } from './connection.schema'
import { lockTokenKey } from './connections.repo'
import type { FetchLike } from '../adapter'
import type { OAuthError } from './oauth-error'
import { providerSettings } from './provider-settings'
import { isTokenUsable, REFRESH_WINDOW_MS, refreshKey } from './refresh-plan'
import { tokenCipher } from './token-vault'

export type PartnerToken = { accessToken: string; expiresAt: Date | null; renewed: boolean }

/**
 * The usable partner token, logging in again when it is missing, inside the refresh window, or
 * `force`d (a 401 proved it dead). Concurrent callers queue on the lock and reuse the result.
 */
export async function partnerToken(
  deps: AppDeps,
  opts: { fetch?: FetchLike; force?: boolean } = {},
): Promise<Result<PartnerToken, OAuthError>> {
  const cipher = await tokenCipher(deps.config)
  return asSystem(deps.dbh.db, async (tx) => {
    const startedAt = deps.clock()
    await lockTokenKey(tx, refreshKey({ provider: 'toast', connectionId: '' }))
    const now = deps.clock()
    const [row] = await tx.select().from(posPartnerTokens).where(eq(posPartnerTokens.provider, 'toast'))
    // A token renewed while we waited for the lock is fresh even when `force` was asked.
    const renewedMeanwhile = row !== undefined && row.refreshedAt >= startedAt
    const fresh =
      row !== undefined &&
      isTokenUsable(row.expiresAt, now) &&
      (row.expiresAt === null || row.expiresAt.getTime() - now.getTime() > REFRESH_WINDOW_MS)
    if (row && (renewedMeanwhile || (fresh && !opts.force))) {
      return ok({ accessToken: await cipher.decrypt(row.accessTokenEnc), expiresAt: row.expiresAt, renewed: false })
    }
    const s = providerSettings(deps.config, 'toast')
    const origin = toast.tokenOrigin(s.origin)
    if (!origin.ok) return origin
    if (!s.clientId || !s.clientSecret)
      return err({
        kind: 'invalid',
        status: null,
        providerCode: null,
        reason: 'Toast partner credentials are not configured',
      })
    const login = await toast.login({
      fetch: opts.fetch ?? fetch,
      baseUrl: origin.value,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      now,
    })
    if (!login.ok) return login
    const values = {
      accessTokenEnc: await cipher.encrypt(login.value.accessToken),
      expiresAt: login.value.expiresAt ?? null,
      refreshedAt: now,
    }
    await tx
      .insert(posPartnerTokens)
      .values({ provider: 'toast', ...values })
      .onConflictDoUpdate({ target: posPartnerTokens.provider, set: values })
    return ok({ accessToken: login.value.accessToken, expiresAt: values.expiresAt, renewed: true })
  })
}
