// Refuses control characters and malformed Unicode in the body, query string and path params of
// every route (src/shared/safe-text.ts), after parsing and before any validator or handler, so
// no route can forget it. Webhooks read their raw bytes (parse: 'none') and are verified by
// signature instead; their parsed body is undefined here.
import { Elysia } from 'elysia'
import { AppError } from '../../shared/errors'
import { findUnsafeText } from '../../shared/safe-text'

const SHORT_NAME = /^[\w.-]{1,64}$/

/** `body.destination`, `params.walletId`, or just `body` for a scalar or an unprintable name. */
function unsafeField(where: string, value: unknown): string | null {
  if (!value || typeof value !== 'object') return findUnsafeText({ [where]: value })
  const field = findUnsafeText(value as Record<string, unknown>)
  if (field === null) return null
  return SHORT_NAME.test(field) ? `${where}.${field}` : where
}

export const inputGuard = new Elysia({ name: 'input-guard' }).onTransform({ as: 'global' }, ({ body, query, params }) => {
  const field = unsafeField('params', params) ?? unsafeField('query', query) ?? unsafeField('body', body)
  if (field !== null) throw new AppError('validation_failed', 'Text must not contain control characters', { fields: { [field]: 'contains a control character' } })
})
