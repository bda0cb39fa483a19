// Token bookkeeping shared by the fakes' OAuth endpoints (reliability-tests §6): counts
// token-endpoint calls, issues expiring tokens, rotates refresh tokens where the provider
// does, and revokes a whole token family when a rotated refresh token is presented again.

export type OAuthStoreOptions = {
  /** Access-token lifetime. */
  accessTtlSeconds: number
  /** Refresh-token lifetime; null = never expires (Square code flow). */
  refreshTtlSeconds: number | null
  /** Each refresh returns a new refresh token and retires the old one. */
  rotateRefreshTokens: boolean
  /** Shopify (Aug 2026): a rotated refresh token stays valid until the new access token is used. */
  graceUntilNewTokenUsed?: boolean
  /** Injected clock (ms), so tests can expire tokens without waiting. */
  now?: () => number
}

export type Grant = {
  merchantId: string
  accessToken: string
  refreshToken: string
  accessExpiresAt: number
  refreshExpiresAt: number | null
}

export type GrantResult = { ok: true; grant: Grant } | { ok: false; error: 'invalid_grant' }

type TokenRecord = { merchantId: string; family: string; expiresAt: number | null; revoked: boolean }

export class OAuthStore {
  /** Token-endpoint calls by kind, for single-flight assertions. */
  readonly calls = { code: 0, refresh: 0, clientCredentials: 0 }
  private readonly codes = new Map<string, string>()
  private readonly access = new Map<string, TokenRecord>()
  private readonly refresh = new Map<string, TokenRecord & { rotatedTo?: string }>()
  private readonly now: () => number
  /** Refresh tokens whose newest access token has been presented (ends Shopify's grace). */
  private readonly used = new Set<string>()
  private readonly refreshOfAccess = new Map<string, string>()

  constructor(private readonly opts: OAuthStoreOptions) {
    this.now = opts.now ?? Date.now
  }

  /** What the consent page would hand back for this merchant: a single-use code. */
  issueCode(merchantId: string): string {
    const code = `code_${crypto.randomUUID()}`
    this.codes.set(code, merchantId)
    return code
  }

  exchangeCode(code: string): GrantResult {
    this.calls.code++
    const merchantId = this.codes.get(code)
    if (!merchantId) return { ok: false, error: 'invalid_grant' }
    this.codes.delete(code)
    return { ok: true, grant: this.issue(merchantId, crypto.randomUUID()) }
  }

  refreshGrant(refreshToken: string): GrantResult {
    this.calls.refresh++
    const record = this.refresh.get(refreshToken)
    if (!record || record.revoked || this.expired(record)) return { ok: false, error: 'invalid_grant' }
    if (record.rotatedTo) {
      const successor = this.refresh.get(record.rotatedTo)
      const graceOver =
        !this.opts.graceUntilNewTokenUsed || successor?.revoked !== false || this.used.has(record.rotatedTo)
      if (graceOver) {
        // Reuse of a retired token looks like theft: revoke the whole family.
        this.revokeFamily(record.family)
        return { ok: false, error: 'invalid_grant' }
      }
    }
    if (!this.opts.rotateRefreshTokens) {
      const accessToken = this.newAccess(record.merchantId, record.family)
      return { ok: true, grant: { ...this.describe(accessToken, refreshToken) } }
    }
    const grant = this.issue(record.merchantId, record.family)
    record.rotatedTo = grant.refreshToken
    return { ok: true, grant }
  }

  /** Client-credentials grant (Toast): an expiring access token and no refresh token. */
  issueClientToken(subject: string): { accessToken: string; expiresAt: number } {
    this.calls.clientCredentials++
    const accessToken = this.newAccess(subject, `client_${subject}`)
    return { accessToken, expiresAt: this.now() + this.opts.accessTtlSeconds * 1000 }
  }

  /** A ready-made valid access token, for tests that only need the REST endpoints. */
  seedAccessToken(token: string, merchantId: string): void {
    this.access.set(token, { merchantId, family: `seed_${token}`, expiresAt: null, revoked: false })
  }

  /** The merchant the token belongs to, or null when unknown, expired or revoked. */
  authenticate(token: string | null): string | null {
    const record = token ? this.access.get(token) : undefined
    if (!token || !record || record.revoked || this.expired(record)) return null
    this.markUsed(token)
    return record.merchantId
  }

  /** The merchant uninstalled the app or the app revoked access: every token stops working. */
  revokeMerchant(merchantId: string): void {
    for (const map of [this.access, this.refresh]) {
      for (const record of map.values()) if (record.merchantId === merchantId) record.revoked = true
    }
  }

  private markUsed(accessToken: string): void {
    const refreshToken = this.refreshOfAccess.get(accessToken)
    if (refreshToken) this.used.add(refreshToken)
  }

  private issue(merchantId: string, family: string): Grant {
    const refreshToken = `rt_${crypto.randomUUID()}`
    const refreshExpiresAt =
      this.opts.refreshTtlSeconds === null ? null : this.now() + this.opts.refreshTtlSeconds * 1000
    this.refresh.set(refreshToken, { merchantId, family, expiresAt: refreshExpiresAt, revoked: false })
    const accessToken = this.newAccess(merchantId, family)
    this.refreshOfAccess.set(accessToken, refreshToken)
    return this.describe(accessToken, refreshToken)
  }

  private newAccess(merchantId: string, family: string): string {
    const token = `at_${crypto.randomUUID()}`
    this.access.set(token, {
      merchantId,
      family,
      expiresAt: this.now() + this.opts.accessTtlSeconds * 1000,
      revoked: false,
    })
    return token
  }

  private describe(accessToken: string, refreshToken: string): Grant {
    const access = this.access.get(accessToken)
    const refresh = this.refresh.get(refreshToken)
    if (!access || !refresh) throw new Error('token bookkeeping out of sync')
    return {
      merchantId: access.merchantId,
      accessToken,
      refreshToken,
      accessExpiresAt: access.expiresAt ?? Number.POSITIVE_INFINITY,
      refreshExpiresAt: refresh.expiresAt,
    }
  }

  private revokeFamily(family: string): void {
    for (const map of [this.access, this.refresh]) {
      for (const record of map.values()) if (record.family === family) record.revoked = true
    }
  }

  private expired(record: TokenRecord): boolean {
    return record.expiresAt !== null && record.expiresAt <= this.now()
  }
}
