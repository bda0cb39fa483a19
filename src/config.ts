// Configuration is read from the environment exactly once, validated with zod and frozen.
// In production a missing secret stops the process with the *names* of what is missing.
import { z } from 'zod'
import { type PosProvider, posAdapters, posProviders } from './pos/registry'

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
const optional = z.string().min(1).optional()
/**
 * A provider webhook secret, as a comma-separated list so it can be rotated without losing
 * deliveries: any entry verifies a webhook; the first is the current one, and is the one OAuth
 * uses where the same app secret also signs OAuth calls (Shopify, Lightspeed). Unset = [].
 */
const secretList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
const int = (d: number) => z.coerce.number().int().positive().default(d)
const bool = (d: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(d ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1')

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_BASE_URL: z.string().url().optional(),
  DATABASE_URL: optional,
  /** The owner role's URL, for migrations only (ADR 0018); the runtime role owns nothing. */
  DATABASE_MIGRATION_URL: optional,
  /** Where development keeps its embedded database and private Redis. */
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_MAX: int(10),
  DATABASE_CONNECT_TIMEOUT_S: int(10),
  DATABASE_IDLE_TIMEOUT_S: int(30),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Namespace for BullMQ keys and rate-limit counters, so deployments (or test runs) sharing a Redis never mix. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w-]{1,32}$/)
    .default('sa'),
  ADMIN_EMAILS: csv,
  /** Whom a suspended shop is told to contact (shown in the portal). */
  SUPPORT_EMAIL: z.string().trim().email().optional(),
  AUTH_PROVIDER: z.enum(['builtin', 'supabase']).default('builtin'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: int(25_000),
  MAX_BODY_BYTES: int(1_048_576),
  /** Member imports carry whole customer lists (100k rows ≈ 6 MB), so their routes allow more. */
  IMPORT_MAX_BYTES: int(16_777_216),
  TOKEN_ENCRYPTION_KEYS: optional,
  JWT_PRIVATE_KEYS: optional,
  // Cookies carry Secure unless turned off for plain-http development on a non-localhost host.
  COOKIE_SECURE: bool(true),
  /** HMAC key for OTP code and destination hashes. Generated per process outside production. */
  OTP_SECRET: optional,
  OTP_RESEND_COOLDOWN_S: int(30),
  /**
   * Private port for GET /metrics (Fly scrapes it over the private network; it is not in
   * [http_service], so it is never public). Unset: development and test serve /metrics on PORT,
   * production serves it nowhere. See ADR 0017.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Header carrying the client IP set by our own proxy (fly-client-ip on Fly); required in production; unset = socket address. */
  TRUSTED_IP_HEADER: optional,
  RATE_LIMIT_SIGNIN_PER_DESTINATION: int(5), // codes requested/verified per destination per 15 min
  RATE_LIMIT_SIGNIN_PER_IP: int(30), // sign-in calls per IP per 15 min
  RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY: int(20), // wrong codes per destination per 24 h, from any IP (ADR 0017)
  RATE_LIMIT_PUBLIC_PER_IP: int(300), // any request per IP per minute
  RATE_LIMIT_WEBHOOK_UNVERIFIED_PER_IP: int(60), // webhook posts failing verification (or refused before it) per IP per minute; signed deliveries are never limited
  /** Where each channel goes: the outbox table (dev/test) or the real provider. */
  NOTIFY_EMAIL_TRANSPORT: z.enum(['outbox', 'smtp']).optional(),
  NOTIFY_SMS_TRANSPORT: z.enum(['outbox', 'twilio']).optional(),
  SMTP_URL: optional,
  SMTP_FROM: z.string().default('SalesArck <no-reply@salesarck.local>'),
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM: optional,
  TWILIO_API_BASE_URL: z.string().url().default('https://api.twilio.com'),
  SUPABASE_URL: optional,
  SUPABASE_ANON_KEY: optional,
  // Each POS provider's variables are declared by its descriptor (posEnvShape below).
  /** Seconds between polls of a connection whose webhooks are not working (30–60, issue 7). */
  POS_POLL_INTERVAL_S: z.coerce.number().int().min(30).max(60).default(45),
  /** A connection with no webhook for this long is polled as if it had none. */
  POS_WEBHOOK_SILENCE_MINUTES: int(15),
  /** How far back the nightly POS reconciliation compares the POS with what we ingested. */
  POS_RECONCILE_WINDOW_HOURS: int(48),
})

/**
 * The variables every registered POS provider declares (src/pos/<provider>: meta.env and
 * oauth.env), with the same rules for each: webhook secrets as rotation lists, a base URL
 * defaulting to the production origin, client id and secret optional (no OAuth without them).
 */
function posEnvShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const p of posProviders) {
    const { meta, oauth } = posAdapters[p]
    shape[meta.env.webhookSecret] = secretList
    if (meta.env.webhookUrl) shape[meta.env.webhookUrl] = optional
    // Shopify's per-shop origins have no default: an override points every shop at one host.
    shape[meta.env.apiBaseUrl] = meta.productionApiBaseUrl
      ? z.string().url().default(meta.productionApiBaseUrl)
      : optional
    if (oauth) {
      shape[oauth.env.clientId] ??= optional
      // Where the app secret also signs webhooks (Shopify, Lightspeed) it stays the rotation list.
      shape[oauth.env.clientSecret] ??= optional
    }
  }
  return shape
}

const posSchema = z.object(posEnvShape())

/** One POS provider's settings, read from the variables its descriptor names (api-v1.md). */
export type PosProviderConfig = Readonly<{
  /** Any entry verifies a webhook; the first is current. Empty = its webhooks are refused (and it is polled). */
  webhookSecrets: readonly string[]
  /** The notification URL as registered, for providers that sign it (Square); else undefined. */
  webhookUrl: string | undefined
  clientId: string | undefined
  /** The app's client secret; from a rotation list (Shopify, Lightspeed), its current, first entry. */
  clientSecret: string | undefined
  /** `<PROVIDER>_API_BASE_URL` or its production default; undefined only where the origin is per merchant. */
  apiBaseUrl: string | undefined
}>

function posConfig(values: Record<string, unknown>): Readonly<Record<PosProvider, PosProviderConfig>> {
  const text = (name: string | undefined) => {
    const v = name === undefined ? undefined : values[name]
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' && first !== '' ? first : undefined
  }
  const entry = (p: PosProvider): PosProviderConfig => {
    const { meta, oauth } = posAdapters[p]
    const secrets = values[meta.env.webhookSecret]
    return Object.freeze({
      webhookSecrets: Array.isArray(secrets) ? secrets : [],
      webhookUrl: text(meta.env.webhookUrl),
      clientId: text(oauth?.env.clientId),
      clientSecret: text(oauth?.env.clientSecret),
      apiBaseUrl: text(meta.env.apiBaseUrl),
    })
  }
  return Object.freeze(
    Object.fromEntries(posProviders.map((p) => [p, entry(p)])) as Record<PosProvider, PosProviderConfig>,
  )
}

/** Secrets production cannot run without; checked by name so the error never shows a value. */
const requiredInProduction = [
  'DATABASE_URL',
  'REDIS_URL',
  'APP_BASE_URL',
  'TOKEN_ENCRYPTION_KEYS',
  'JWT_PRIVATE_KEYS',
  'OTP_SECRET',
] as const

type Parsed = z.infer<typeof schema>
export type Config = Readonly<
  Omit<Parsed, 'NOTIFY_EMAIL_TRANSPORT' | 'NOTIFY_SMS_TRANSPORT' | 'OTP_SECRET'> & {
    APP_BASE_URL: string
    isProduction: boolean
    NOTIFY_EMAIL_TRANSPORT: 'outbox' | 'smtp'
    NOTIFY_SMS_TRANSPORT: 'outbox' | 'twilio'
    OTP_SECRET: string
    pos: Readonly<Record<PosProvider, PosProviderConfig>>
  }
>

export class ConfigError extends Error {}

/**
 * Zero-config development: the demo admin, plain-http cookies, and the webhook secrets that
 * `bun run demo:traffic` signs with. Only when APP_ENV is development (or unset) and only for
 * variables that are not set; never in test or production.
 */
const DEVELOPMENT_DEFAULTS: Record<string, string> = {
  ADMIN_EMAILS: 'admin@demo.salesarck.dev',
  SUPPORT_EMAIL: 'support@demo.salesarck.dev',
  COOKIE_SECURE: 'false',
  // The webhook secrets demo:traffic signs with, one per provider (meta.developmentWebhookSecret).
  ...Object.fromEntries(
    posProviders.map((p) => [posAdapters[p].meta.env.webhookSecret, posAdapters[p].meta.developmentWebhookSecret]),
  ),
}

export function parseConfig(rawEnv: Record<string, string | undefined>): Config {
  const env = (rawEnv.APP_ENV ?? 'development') === 'development' ? { ...DEVELOPMENT_DEFAULTS, ...rawEnv } : rawEnv
  const parsed = schema.safeParse(env)
  const pos = posSchema.safeParse(env)
  if (!parsed.success || !pos.success) {
    // Name the variables only: values may be secrets.
    const issues = [...(parsed.error?.issues ?? []), ...(pos.error?.issues ?? [])]
    const names = [...new Set(issues.map((i) => String(i.path[0])))]
    throw new ConfigError(`Invalid configuration: ${names.join(', ')}`)
  }
  const c = parsed.data
  if (c.APP_ENV === 'production') {
    const missing: string[] = requiredInProduction.filter((k) => !env[k])
    // Behind Fly's proxy the socket address is the proxy's: without the header every visitor
    // would share one rate-limit bucket.
    if (!env.TRUSTED_IP_HEADER) missing.push('TRUSTED_IP_HEADER')
    if (c.AUTH_PROVIDER === 'supabase')
      for (const k of ['SUPABASE_URL', 'SUPABASE_ANON_KEY']) if (!env[k]) missing.push(k)
    if (c.NOTIFY_EMAIL_TRANSPORT !== 'outbox' && !env.SMTP_URL) missing.push('SMTP_URL')
    if (c.NOTIFY_SMS_TRANSPORT !== 'outbox')
      for (const k of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) if (!env[k]) missing.push(k)
    if (missing.length) throw new ConfigError(`Missing required secrets: ${missing.join(', ')}`)
  }
  return Object.freeze({
    ...c,
    APP_BASE_URL: c.APP_BASE_URL ?? `http://localhost:${c.PORT}`,
    isProduction: c.APP_ENV === 'production',
    // Production delivers for real unless told otherwise; development and test keep the outbox.
    NOTIFY_EMAIL_TRANSPORT: c.NOTIFY_EMAIL_TRANSPORT ?? (c.APP_ENV === 'production' ? 'smtp' : 'outbox'),
    NOTIFY_SMS_TRANSPORT: c.NOTIFY_SMS_TRANSPORT ?? (c.APP_ENV === 'production' ? 'twilio' : 'outbox'),
    OTP_SECRET: c.OTP_SECRET ?? Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    pos: posConfig(pos.data),
  })
}
