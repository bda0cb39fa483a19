// One GET of a provider LIST endpoint for polling. Unlike getProviderJson it hands back the
// response headers too: Shopify and Toast paginate with `Link`, and a 429's Retry-After must
// reach the poller. Failures are values (FetchDetailsError), never throws, never the token.
import type { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import type { FetchContext, FetchDetailsError, FetchLike } from './provider-fetch'

export type ListPage<T> = { body: T; headers: Headers }

/** A sale as polling found it, wrapped the way the provider's webhook would have carried it. */
export type PolledSale = {
  transactionId: string
  /** RFC 3339; when the POS last changed it (drives the cursor and the reconciliation window). */
  changedAt: string
  /** Bytes and headers the adapter's parse() accepts, so polls take the webhook path. */
  delivery: { rawBody: string; headers: Record<string, string> }
}

export type SalesPage = {
  sales: PolledSale[]
  /** Opaque token for the next page of the same query, null on the last page. */
  nextPage: string | null
  /** High-water mark to store once this page is in the inbox. */
  cursor: string
}

export type PageQuery = { merchantId: string; cursor: string; pageToken: string | null; until: Date }

/** A provider's listing capability: the polling fallback and the nightly reconciliation use it. */
export type Poller = {
  page(ctx: FetchContext, q: PageQuery): Promise<Result<SalesPage, FetchDetailsError>>
  /** The cursor meaning "changes since this time". Lightspeed's feed has no time filter: from the start. */
  cursorAt(d: Date): string
}

export async function getListPage<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  headers: Record<string, string>,
  schema: S,
  /** Shopify reads ids beyond 2^53 as text, so it passes its own exact parser. */
  parse: (text: string) => unknown = JSON.parse,
): Promise<Result<ListPage<z.output<S>>, FetchDetailsError>> {
  let res: Response
  try {
    res = await fetchFn(url, { method: 'GET', headers: { accept: 'application/json', ...headers } })
  } catch {
    return err({ code: 'unavailable' })
  }
  if (!res.ok) {
    await res.body?.cancel()
    const s = res.status
    const retryAfter = res.headers.get('retry-after') ?? res.headers.get('x-toast-ratelimit-reset') ?? undefined
    if (s === 429) return err({ code: 'rate_limited', status: s, ...(retryAfter && { retryAfter }) })
    const code =
      s === 401
        ? 'unauthorized'
        : s === 403
          ? 'forbidden'
          : s === 404
            ? 'not_found'
            : s >= 500
              ? 'unavailable'
              : 'bad_response'
    return err({ code, status: s })
  }
  let body: unknown
  try {
    body = parse(await res.text())
  } catch {
    return err({ code: 'bad_response', status: res.status })
  }
  const parsed = schema.safeParse(body)
  return parsed.success
    ? ok({ body: parsed.data, headers: res.headers })
    : err({ code: 'bad_response', status: res.status })
}

/** The `rel="next"` target of an RFC 8288 Link header, or null. */
export function nextLink(link: string | null): string | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (m?.[1]) return m[1]
  }
  return null
}
