// TokenSet → the encrypted columns. A response without a refresh token keeps the stored one
// (Nango #298): losing it would silently turn a working grant into a dead one.
import type { TokenCipher } from '../../infra/crypto/token-cipher'
import type { TokenSet } from './oauth-token-set'

export type SealedTokens = {
  accessTokenEnc: string
  refreshTokenEnc: string | null
  tokenExpiresAt: Date | null
  scopes?: string
}

export async function sealTokens(
  cipher: TokenCipher,
  set: TokenSet,
  previousRefreshTokenEnc: string | null,
): Promise<SealedTokens> {
  return {
    accessTokenEnc: await cipher.encrypt(set.accessToken),
    refreshTokenEnc: set.refreshToken !== undefined ? await cipher.encrypt(set.refreshToken) : previousRefreshTokenEnc,
    tokenExpiresAt: set.expiresAt ?? null,
    ...(set.scopes !== undefined && { scopes: set.scopes.join(' ') }),
  }
}
