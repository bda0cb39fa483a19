// A minimal local token endpoint for the OAuth unit tests (Bun.serve on port 0). Each test file
// gives it a handler that follows one provider's documented contract; the stub records every
// request exactly as it arrived on the wire so tests can assert content types and bodies.
import type { Server } from 'bun'

export type SeenRequest = {
  method: string
  path: string
  search: string
  contentType: string
  headers: Headers
  /** Parsed JSON or form body, whichever the content type says. */
  body: Record<string, unknown>
}

export type StubReply = { status: number; body?: unknown; headers?: Record<string, string> }

export type TokenStub = { origin: string; requests: SeenRequest[]; stop: () => void }

export function startTokenStub(handle: (req: SeenRequest) => StubReply): TokenStub {
  const requests: SeenRequest[] = []
  const server: Server<undefined> = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url)
      const contentType = request.headers.get('content-type') ?? ''
      const text = await request.text()
      const body = contentType.includes('json')
        ? (JSON.parse(text) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(text))
      const seen = {
        method: request.method,
        path: url.pathname,
        search: url.search,
        contentType,
        headers: request.headers,
        body,
      }
      requests.push(seen)
      const reply = handle(seen)
      return Response.json(reply.body ?? {}, { status: reply.status, headers: reply.headers ?? {} })
    },
  })
  return { origin: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) }
}

/** A fetch that never reaches anything, for "network down" cases. */
export const unreachableFetch = async (): Promise<Response> => {
  throw new TypeError('fetch failed')
}
