import type { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'

/** The subset of fetch adapters use; injected so tests point it at a fake provider. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export type FetchContext = {
  fetch: FetchLike
  /** Provider API origin (production, sandbox or a test fake), without a trailing slash. */
  baseUrl: string
  /** OAuth or client-credentials access token; sent only as a Bearer header. */
  accessToken: string
}

/**
 * Why a details fetch failed, so the job can choose: refresh the token (`unauthorized`),
 * retry later (`rate_limited`, `unavailable`), or give up (`forbidden`, `not_found`, `bad_response`).
 */
export type FetchDetailsError = {
  code: 'unauthorized' | 'forbidden' | 'not_found' | 'rate_limited' | 'unavailable' | 'bad_response'
  status?: number
  /** Raw Retry-After header: seconds (Clover) or an HTTP date (Lightspeed). */
  retryAfter?: string
}

function errorForStatus(res: Response): FetchDetailsError {
  const status = res.status
  if (status === 401) return { code: 'unauthorized', status }
  if (status === 403) return { code: 'forbidden', status }
  if (status === 404) return { code: 'not_found', status }
  if (status === 429) {
    const retryAfter = res.headers.get('retry-after')
    return retryAfter ? { code: 'rate_limited', status, retryAfter } : { code: 'rate_limited', status }
  }
  if (status >= 500) return { code: 'unavailable', status }
  return { code: 'bad_response', status }
}

/**
 * GET a provider resource and validate it. Network failures are `unavailable`, not throws:
 * a provider being down is an expected failure (architecture-guide P7). Error values never
 * include the token or the response body, which may hold PII.
 */
export async function getProviderJson<S extends z.ZodType>(
  ctx: FetchContext,
  path: string,
  schema: S,
  headers: Record<string, string> = {},
): Promise<Result<z.output<S>, FetchDetailsError>> {
  let res: Response
  try {
    res = await ctx.fetch(`${ctx.baseUrl}${path}`, {
      method: 'GET',
      headers: { ...headers, accept: 'application/json', authorization: `Bearer ${ctx.accessToken}` },
    })
  } catch {
    return err({ code: 'unavailable' })
  }
  if (!res.ok) {
    await res.body?.cancel()
    return err(errorForStatus(res))
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    return err({ code: 'bad_response', status: res.status })
  }
  const parsed = schema.safeParse(body)
  return parsed.success ? ok(parsed.data) : err({ code: 'bad_response', status: res.status })
}
