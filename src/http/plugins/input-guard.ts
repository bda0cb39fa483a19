// Refuses control characters, malformed Unicode and absurd nesting in the body, query string
// and path params of every route (src/shared/safe-text.ts), after parsing and before any
// validator or handler, so no route can forget it. Webhooks read their raw bytes
// (parse: 'none') and are verified by signature instead; their parsed body is undefined here.
import { Elysia } from 'elysia'
import { AppError } from '../../shared/errors'
import { findInputProblem, type InputProblem, MAX_INPUT_DEPTH } from '../../shared/safe-text'

const SHORT_NAME = /^[\w.-]{1,64}$/

/** `body.destination`, `params.walletId`, or just `body` for a scalar or an unprintable name. */
function problemIn(where: string, value: unknown): InputProblem | null {
  if (!value || typeof value !== 'object') return findInputProblem({ [where]: value })
  const found = findInputProblem(value as Record<string, unknown>)
  if (!found) return null
  return { ...found, field: SHORT_NAME.test(found.field) ? `${where}.${found.field}` : where }
}

/** Elysia hands a path param that is not valid percent-encoded UTF-8 (e.g. %ED%A0%80) over as null. */
function undecodableParam(params: Record<string, unknown> | undefined): string | null {
  const name = Object.entries(params ?? {}).find(([, v]) => typeof v !== 'string')?.[0]
  return name === undefined ? null : SHORT_NAME.test(name) ? `params.${name}` : 'params'
}

/**
 * Control characters are refused after authentication (onBeforeHandle): a request without
 * credentials gets its 401 first and never learns a body's field names (ADR 0017). Absurd
 * nesting is refused at once, naming nothing, because validating it is the expensive part;
 * an undecodable path param is refused at once too (it names only the route's own param).
 */
const deferred = new WeakMap<Request, AppError>()

export const inputGuard = new Elysia({ name: 'input-guard' })
  .onTransform({ as: 'global' }, ({ body, query, params, request }) => {
    const undecodable = undecodableParam(params)
    if (undecodable)
      throw new AppError('validation_failed', 'The address is not valid UTF-8', {
        fields: { [undecodable]: 'is not valid UTF-8' },
      })
    const found = problemIn('params', params) ?? problemIn('query', query) ?? problemIn('body', body)
    if (!found) return
    if (found.problem === 'too_deep')
      throw new AppError('validation_failed', `Input must not nest more than ${MAX_INPUT_DEPTH} levels deep`)
    deferred.set(
      request,
      new AppError('validation_failed', 'Text must not contain control characters', {
        fields: { [found.field]: 'contains a control character' },
      }),
    )
  })
  .onBeforeHandle({ as: 'global' }, ({ request }) => {
    const problem = deferred.get(request)
    if (problem) throw problem
  })
