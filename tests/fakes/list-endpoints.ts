// Puts a provider fake's LIST endpoints (for polling and reconciliation) in front of the fake
// itself without editing it: a second Bun.serve answers the list routes and forwards every
// other request, byte for byte, to the wrapped fake. `failNext` here hits list calls only, so
// a test can rate-limit polling while OAuth keeps working.
import type { FakeRequest, FakeRoute, FakeServer, RecordedRequest } from './shared/server'
import { json } from './shared/server'

export type ListFake<F extends FakeServer> = F & {
  /** Origin of the composite: point <PROVIDER>_API_BASE_URL here. */
  url: string
  inner: F
  /** List-route requests only, in order. */
  listRequests: RecordedRequest[]
  failNext(status: number, opts?: { times?: number; headers?: Record<string, string> }): void
  stop(): Promise<void>
}

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

export function withListEndpoints<F extends FakeServer>(inner: F, routes: FakeRoute[]): ListFake<F> {
  const listRequests: RecordedRequest[] = []
  const failures: { status: number; headers: Record<string, string> }[] = []
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url)
      for (const route of routes) {
        const params = route.method === request.method ? match(route.path, url.pathname) : null
        if (!params) continue
        listRequests.push({
          method: request.method,
          path: url.pathname,
          search: url.search,
          headers: Object.fromEntries(request.headers),
        })
        const failure = failures.shift()
        if (failure)
          return json(
            { error: 'injected failure', errors: [{ code: failure.status === 429 ? 'RATE_LIMITED' : 'INTERNAL' }] },
            failure.status,
            failure.headers,
          )
        const auth = request.headers.get('authorization')
        const req: FakeRequest = { request, url, params, bearer: auth?.startsWith('Bearer ') ? auth.slice(7) : null }
        return route.handle(req)
      }
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
      return fetch(`${inner.url}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body,
        redirect: 'manual',
      })
    },
  })
  return Object.assign(Object.create(null), inner, {
    url: `http://127.0.0.1:${server.port}`,
    inner,
    listRequests,
    failNext(status: number, opts: { times?: number; headers?: Record<string, string> } = {}) {
      for (let i = 0; i < (opts.times ?? 1); i++) failures.push({ status, headers: opts.headers ?? {} })
    },
    async stop() {
      await server.stop(true)
      await inner.stop()
    },
  }) as ListFake<F>
}

/** Splits `items` into pages of `size`. */
export function pageOf<T>(items: readonly T[], start: number, size: number): { page: T[]; more: boolean } {
  return { page: items.slice(start, start + size), more: start + size < items.length }
}
