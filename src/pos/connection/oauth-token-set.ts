// What every provider's token response becomes: the normalised TokenSet, and the helpers the
// providers use to fill it (scope lists, lifetimes). Pure: `now` comes in as an argument.

/** What every provider's token response is normalised into. Store it encrypted (token-cipher). */
export type TokenSet = {
  accessToken: string
  /** Absent only when the provider issues none (Toast, legacy non-expiring tokens). */
  refreshToken?: string
  expiresAt?: Date
  /** Only some providers tell us (Clover, Square PKCE, Shopify); used to warn before it lapses. */
  refreshTokenExpiresAt?: Date
  scopes?: string[]
  /** Set only when the token response itself names the merchant (Square `merchant_id`). */
  externalMerchantId?: string
}

type Maybe<T> = T | undefined

/**
 * A TokenSet from what a token response carried. A response without a refresh token keeps the
 * previous one (non-rotating providers omit it; losing it would strand the connection).
 */
export function tokenSet(
  accessToken: string,
  parts: {
    refreshToken: Maybe<string>
    previousRefreshToken: Maybe<string>
    expiresAt?: Maybe<Date>
    refreshTokenExpiresAt?: Maybe<Date>
    scopes?: Maybe<string[]>
    externalMerchantId?: Maybe<string>
  },
): TokenSet {
  const refreshToken = parts.refreshToken ?? parts.previousRefreshToken
  return {
    accessToken,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(parts.expiresAt !== undefined && { expiresAt: parts.expiresAt }),
    ...(parts.refreshTokenExpiresAt !== undefined && { refreshTokenExpiresAt: parts.refreshTokenExpiresAt }),
    ...(parts.scopes !== undefined && { scopes: parts.scopes }),
    ...(parts.externalMerchantId !== undefined && { externalMerchantId: parts.externalMerchantId }),
  }
}

/** Space- or comma-separated scope string → list (Shopify uses commas, the others spaces). */
export function splitScopes(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined
  return raw.split(/[\s,]+/).filter((s) => s.length > 0)
}

export function expiresInToDate(now: Date, seconds: number | undefined): Date | undefined {
  return seconds === undefined ? undefined : new Date(now.getTime() + seconds * 1000)
}
