// A tiny router over Bun.serve on port 0, shared by the provider fakes. Tests start and stop
// each fake; nothing here knows about a provider.

export type FakeRequest = {
  request: Request
  url: URL
  params: Record<string, string>
  /** The Bearer token, or null when the Authorization header is absent or another scheme. */
  bearer: string | null
}

export type FakeRoute = {
  method: 'GET' | 'POST'
  /** Path with `:name` segments, e.g. "/v2/customers/:id". */
  path: string
  handle: (req: FakeRequest) => Response | Promise<Response>
}

export type RecordedRequest = { method: string; path: string; search: string; headers: Record<string, string> }

export type FakeServer = {
  /** Origin, e.g. http://127.0.0.1:49152; pass as FetchContext.baseUrl. */
  url: string
  /** Every request received, in order (path and query only; bodies are not kept). */
  requests: RecordedRequest[]
  /** The next `times` requests (default 1) get this status instead of being handled: 429, 500, … */
  failNext(status: number, opts?: { times?: number; headers?: Record<string, string> }): void
  stop(): Promise<void>
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers })

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? ''
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual)
    else if (segment !== actual) return null
  }
  return params
}

export function startFakeServer(routes: FakeRoute[]): FakeServer {
  const requests: RecordedRequest[] = []
  const failures: { status: number; headers: Record<string, string> }[] = []

  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url)
      requests.push({
        method: request.method,
        path: url.pathname,
        search: url.search,
        headers: Object.fromEntries(request.headers),
      })
      const failure = failures.shift()
      if (failure) return json({ error: 'injected failure' }, failure.status, failure.headers)
      for (const route of routes) {
        const params = route.method === request.method ? match(route.path, url.pathname) : null
        if (!params) continue
        const auth = request.headers.get('authorization')
        const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null
        return route.handle({ request, url, params, bearer })
      }
      return json({ error: 'not_found' }, 404)
    },
  })

  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    failNext(status, opts = {}) {
      for (let i = 0; i < (opts.times ?? 1); i++) failures.push({ status, headers: opts.headers ?? {} })
    },
    stop: () => server.stop(true),
  }
}

/** POSTs exactly these bytes with these headers, as a provider's webhook sender would. */
export function postWebhook(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers })
}

/** Request parameters from a JSON or form-encoded body; non-string values are dropped. */
export async function readParams(request: Request): Promise<Record<string, string>> {
  const text = await request.text()
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text))
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null) return {}
    return Object.fromEntries(
      Object.entries(body)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
        .map(([k, v]) => [k, String(v)]),
    )
  } catch {
    return {}
  }
}

/** 302 to the app's redirect URI with these query parameters, as a consent page does. */
export function redirectTo(redirectUri: string, params: Record<string, string>): Response {
  const target = new URL(redirectUri)
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v)
  return new Response(null, { status: 302, headers: { location: target.toString() } })
}
