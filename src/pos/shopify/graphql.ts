// The GraphQL Admin API (POST /admin/api/<version>/graphql.json, X-Shopify-Access-Token), the
// API Shopify keeps current while the REST Admin API is legacy. Failures are values, never
// throws, and never carry the token or the response body (it may hold customer data).
import { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import { type FetchContext, type FetchDetailsError, parseJson } from '../adapter'
import { EXACT_ID_KEYS } from './payload'

export const ADMIN_API_VERSION = '2026-07'

// Cost-based throttling answers 200 with a THROTTLED error instead of a 429.
const envelope = z.looseObject({
  data: z.unknown().optional(),
  errors: z
    .union([
      z.string(),
      z.array(z.looseObject({ extensions: z.looseObject({ code: z.string().optional() }).optional() })),
    ])
    .optional(),
})

function statusError(status: number, retryAfter: string | null): FetchDetailsError {
  if (status === 401) return { code: 'unauthorized', status }
  if (status === 403) return { code: 'forbidden', status }
  if (status === 404) return { code: 'not_found', status }
  if (status === 429) return { code: 'rate_limited', status, ...(retryAfter && { retryAfter }) }
  return { code: status >= 500 ? 'unavailable' : 'bad_response', status }
}

export async function shopifyGraphql<S extends z.ZodType>(
  ctx: FetchContext,
  query: string,
  variables: Record<string, unknown>,
  data: S,
): Promise<Result<z.output<S>, FetchDetailsError>> {
  let res: Response
  try {
    res = await ctx.fetch(new URL(`/admin/api/${ADMIN_API_VERSION}/graphql.json`, ctx.baseUrl).toString(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-shopify-access-token': ctx.accessToken,
      },
      body: JSON.stringify({ query, variables }),
    })
  } catch {
    return err({ code: 'unavailable' })
  }
  if (!res.ok) {
    await res.body?.cancel()
    return err(statusError(res.status, res.headers.get('retry-after')))
  }
  let body: unknown
  try {
    // Legacy ids exceed 2^53: read from the source text so no digit is lost.
    body = parseJson(await res.text(), EXACT_ID_KEYS)
  } catch {
    return err({ code: 'bad_response', status: res.status })
  }
  const env = envelope.safeParse(body)
  if (!env.success) return err({ code: 'bad_response', status: res.status })
  const errors = env.data.errors
  if (Array.isArray(errors) && errors.some((e) => e.extensions?.code === 'THROTTLED'))
    return err({ code: 'rate_limited', status: res.status, retryAfter: '2' })
  const parsed = data.safeParse(env.data.data)
  return parsed.success ? ok(parsed.data) : err({ code: 'bad_response', status: res.status })
}
