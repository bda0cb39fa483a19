// The one token endpoint call every provider makes: POST, no redirects, the answer normalised into
// a TokenSet or a classified error. `fetch` comes in as an argument.
import type { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import { classifyTokenError, type OAuthError } from './oauth-error'
import type { TokenSet } from './oauth-token-set'

/** The subset of `fetch` we use, so tests and the shell can inject their own (timeouts, metrics). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export type TokenRequest<T> = {
  fetch: FetchLike
  url: string
  body: { json: Record<string, unknown> } | { form: Record<string, string> }
  /** The documented success body; anything else is `invalid`, never a half-filled TokenSet. */
  schema: z.ZodType<T>
  toTokenSet: (data: T) => TokenSet
}

/**
 * POSTs to a token endpoint and normalises the answer into a TokenSet or a classified error.
 * Redirects are refused: following a 307/308 would resend our client secret to another host.
 */
export async function requestTokens<T>(req: TokenRequest<T>): Promise<Result<TokenSet, OAuthError>> {
  const isJson = 'json' in req.body
  let res: Response
  try {
    res = await req.fetch(req.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: 'json' in req.body ? JSON.stringify(req.body.json) : new URLSearchParams(req.body.form).toString(),
    })
  } catch {
    return err({ kind: 'retryable', status: null, providerCode: null, reason: 'token endpoint unreachable' })
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (res.status < 200 || res.status >= 300) return err(classifyTokenError(res.status, body))
  const parsed = req.schema.safeParse(body)
  if (!parsed.success) {
    return err({
      kind: 'invalid',
      status: res.status,
      providerCode: null,
      reason: 'token endpoint returned an unexpected body',
    })
  }
  return ok(req.toTokenSet(parsed.data))
}
