// Supabase Auth (GoTrue) over its REST API: send a code, verify it, refresh, log out.
// Every call carries the project's anon key as `apikey`; errors come back as
// {code, error_code, msg}, which we reduce to a status so nothing of theirs reaches a user.
import type { Config } from '../config'
import type { Destination } from './destination'

export type SupabaseSession = { access_token: string; refresh_token: string; expires_in: number }
export type SupabaseResult<T> = { ok: true; value: T } | { ok: false; status: number }

const TIMEOUT_MS = 10_000

async function call<T>(
  config: Config,
  path: string,
  init: { body?: unknown; bearer?: string },
): Promise<SupabaseResult<T>> {
  if (!config.SUPABASE_URL || !config.SUPABASE_ANON_KEY)
    throw new Error('AUTH_PROVIDER=supabase needs SUPABASE_URL and SUPABASE_ANON_KEY')
  const headers: Record<string, string> = {
    apikey: config.SUPABASE_ANON_KEY,
    'content-type': 'application/json',
    accept: 'application/json',
  }
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`
  let res: Response
  try {
    res = await fetch(`${config.SUPABASE_URL.replace(/\/$/, '')}/auth/v1${path}`, {
      method: 'POST',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch {
    return { ok: false, status: 503 }
  }
  if (!res.ok) return { ok: false, status: res.status }
  const text = await res.text()
  return { ok: true, value: (text ? JSON.parse(text) : {}) as T }
}

const target = (d: Destination) => (d.channel === 'email' ? { email: d.value } : { phone: d.value })

export const supabaseSendOtp = (config: Config, d: Destination) =>
  call<unknown>(config, '/otp', { body: { ...target(d), create_user: true } })

export const supabaseVerifyOtp = (config: Config, d: Destination, code: string) =>
  call<SupabaseSession>(config, '/verify', {
    body: { ...target(d), token: code, type: d.channel === 'email' ? 'email' : 'sms' },
  })

export const supabaseRefresh = (config: Config, refreshToken: string) =>
  call<SupabaseSession>(config, '/token?grant_type=refresh_token', { body: { refresh_token: refreshToken } })

/** scope=local ends only this session at Supabase; our own revocation already happened. */
export const supabaseLogout = (config: Config, accessToken: string) =>
  call<unknown>(config, '/logout?scope=local', { bearer: accessToken })
