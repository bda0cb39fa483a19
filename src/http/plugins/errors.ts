// The one error mapper (principle 7). It never echoes submitted input: validation errors name
// fields, not values, and unexpected errors become a generic 500 with the request id.
import { Elysia } from 'elysia'
import { StoredRefusal } from '../../idempotency'
import { log, logContext } from '../../infra/logger'
import { AppError, type ErrorCode } from '../../shared/errors'
import { ErrorFragment, ErrorPage, errorTitle } from '../../../views/errors/error-page'
import { responseShape } from '../wants'

export type ErrorBody = {
  error: { code: ErrorCode; message: string; request_id: string; fields?: Record<string, string> }
}

function fromElysia(code: string | number, error: unknown): AppError | null {
  switch (code) {
    case 'VALIDATION': {
      const all = (error as { all?: { path?: string; summary?: string; message?: string }[] }).all ?? []
      const fields: Record<string, string> = {}
      for (const e of all) {
        const path =
          String(e.path ?? '')
            .replace(/^\//, '')
            .replaceAll('/', '.') || 'body'
        fields[path] ??= e.message ?? 'is invalid'
      }
      return new AppError('validation_failed', 'Some fields are missing or invalid', { fields })
    }
    case 'PARSE':
      return new AppError('bad_request', 'The request body could not be parsed')
    case 'NOT_FOUND':
      return new AppError('not_found', 'There is nothing at this address')
    case 'INVALID_COOKIE_SIGNATURE':
      return new AppError('unauthorized', 'Your session is not valid; please sign in again')
    default:
      return null
  }
}

export function renderError(
  request: Request,
  e: AppError,
  set: { status?: number | string; headers: Record<string, string | number> },
) {
  const reqId = logContext.getStore()?.reqId ?? ''
  set.status = e.status
  if (e.retryAfter !== undefined) set.headers['retry-after'] = String(e.retryAfter)
  const shape = responseShape(request)
  if (e.code === 'unauthorized' && shape !== 'json') return toSignIn(request, set)
  if (shape === 'json') {
    // A refusal stored under an Idempotency-Key answers as it did the first time (ADR 0007).
    const stored = e instanceof StoredRefusal ? e : null
    const body: ErrorBody = { error: { code: e.code, message: e.message, request_id: stored?.requestId ?? reqId } }
    if (e.fields) body.error.fields = e.fields
    // A Response, not a string: the html() plugin only maps markup, and this must stay JSON.
    return Response.json(body, { status: e.status, headers: stored?.replayed ? { 'idempotent-replayed': 'true' } : {} })
  }
  set.headers['content-type'] = 'text/html; charset=utf-8'
  const view = { status: e.status, title: errorTitle(e.status), message: e.message, requestId: reqId }
  return shape === 'fragment' ? ErrorFragment(view) : ErrorPage(view)
}

/**
 * A browser without a valid session is sent to sign-in (and back afterwards) instead of being
 * shown a 401 page; htmx requests get HX-Redirect because a swapped redirect would nest a page.
 */
function toSignIn(request: Request, set: { status?: number | string; headers: Record<string, string | number> }) {
  const url = new URL(request.url)
  const next = request.method === 'GET' ? url.pathname + url.search : '/'
  const as = url.pathname.startsWith('/admin') ? 'admin' : 'consumer'
  const location = `/signin?as=${as}&next=${encodeURIComponent(next)}`
  const htmx = request.headers.get('hx-request') === 'true'
  set.status = htmx ? 401 : 303
  return new Response(null, { status: htmx ? 401 : 303, headers: htmx ? { 'hx-redirect': location } : { location } })
}

export const errorMapper = new Elysia({ name: 'error-mapper' }).onError(
  { as: 'global' },
  ({ code, error, request, set }) => {
    let appError = error instanceof AppError ? error : fromElysia(code, error)
    if (!appError) {
      log.error({ err: error, route: new URL(request.url).pathname }, 'unhandled error')
      appError = new AppError('internal', 'An unexpected error occurred. It has been logged.')
    } else if (appError.status >= 500) {
      log.error({ err: error }, 'server error')
    }
    return renderError(request, appError, set as never)
  },
)
