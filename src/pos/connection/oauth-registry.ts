// One entry per POS provider: how its merchants connect, which functions speak its token
// protocol, and which environment variables (api-v1.md § Environment) feed them. The registry
// reads no env itself; the shell looks the names up and passes values in.
import type { Result } from '../../shared/result'
import * as clover from '../clover/oauth'
import * as lightspeed from '../lightspeed/oauth'
import * as shopify from '../shopify/oauth'
import * as square from '../square/oauth'
import * as toast from '../toast/oauth'
import type {
  AuthorizeInput,
  ExchangeCodeInput,
  OAuthError,
  OriginContext,
  ProviderSlug,
  RefreshInput,
  TokenSet,
} from './oauth-common'

type TokenResult = Promise<Result<TokenSet, OAuthError>>

type Common = {
  slug: ProviderSlug
  env: { clientId: string; clientSecret: string; baseUrl: string }
  /**
   * Who owns a token: one merchant connection, or our whole partner client (Toast), in which
   * case every restaurant shares it and it must be refreshed once, not once per restaurant.
   */
  tokenOwner: 'connection' | 'partner'
  /** Where the connection's external merchant id (api-v1 § admin connections) comes from. */
  externalMerchantId: string
  tokenOrigin(ctx: OriginContext): Result<string, OAuthError>
}

export type AuthorizationCodeProvider = Common & {
  flow: 'authorization_code'
  /** The provider's docs support PKCE S256: send a challenge, keep the verifier with the state. */
  pkce: boolean
  /** Every refresh invalidates the previous refresh token: a lost response means a lost grant. */
  rotatesRefreshToken: 'always' | 'pkce_only'
  scopes: readonly string[]
  authorizeOrigin(ctx: OriginContext): Result<string, OAuthError>
  authorizeUrl(input: AuthorizeInput): string
  exchangeCode(input: ExchangeCodeInput): TokenResult
  refresh(input: RefreshInput): TokenResult
}

export type ClientCredentialsProvider = Common & {
  flow: 'client_credentials'
  login(input: toast.LoginInput): TokenResult
}

export type ProviderOAuth = AuthorizationCodeProvider | ClientCredentialsProvider

const envFor = (prefix: string, clientId: string, clientSecret: string) => ({
  clientId,
  clientSecret,
  baseUrl: `${prefix}_API_BASE_URL`,
})

export const oauthRegistry = {
  square: {
    slug: 'square',
    flow: 'authorization_code',
    env: envFor('SQUARE', 'SQUARE_APPLICATION_ID', 'SQUARE_APPLICATION_SECRET'),
    tokenOwner: 'connection',
    externalMerchantId: 'token response merchant_id',
    // PKCE grants get single-use 90-day refresh tokens; code-flow ones are multi-use forever.
    pkce: true,
    rotatesRefreshToken: 'pkce_only',
    scopes: square.SCOPES,
    ...square,
  },
  clover: {
    slug: 'clover',
    flow: 'authorization_code',
    env: envFor('CLOVER', 'CLOVER_APP_ID', 'CLOVER_APP_SECRET'),
    tokenOwner: 'connection',
    externalMerchantId: 'callback query merchant_id',
    pkce: true,
    rotatesRefreshToken: 'always',
    scopes: clover.SCOPES,
    ...clover,
  },
  shopify: {
    slug: 'shopify',
    flow: 'authorization_code',
    env: envFor('SHOPIFY', 'SHOPIFY_API_KEY', 'SHOPIFY_API_SECRET'),
    tokenOwner: 'connection',
    externalMerchantId: 'callback query shop (parseShopDomain), after verifyCallbackHmac',
    pkce: false,
    rotatesRefreshToken: 'always',
    scopes: shopify.SCOPES,
    ...shopify,
  },
  lightspeed: {
    slug: 'lightspeed',
    flow: 'authorization_code',
    env: envFor('LIGHTSPEED', 'LIGHTSPEED_CLIENT_ID', 'LIGHTSPEED_CLIENT_SECRET'),
    tokenOwner: 'connection',
    externalMerchantId: 'retailer id from the API; callback domain_prefix only picks the token host',
    pkce: false,
    rotatesRefreshToken: 'always',
    scopes: lightspeed.SCOPES,
    ...lightspeed,
  },
  toast: {
    slug: 'toast',
    flow: 'client_credentials',
    env: envFor('TOAST', 'TOAST_CLIENT_ID', 'TOAST_CLIENT_SECRET'),
    tokenOwner: 'partner',
    externalMerchantId: 'restaurant GUID from the partners webhook (parseRestaurantGuid)',
    ...toast,
  },
} as const satisfies Record<ProviderSlug, ProviderOAuth>

export function oauthProvider(slug: ProviderSlug): ProviderOAuth {
  return oauthRegistry[slug]
}
