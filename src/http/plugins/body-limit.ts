// Refuse oversized bodies before anything reads them. Bun's maxRequestBodySize also caps
// streamed bodies at the socket; this check gives the API's error shape for the common case.
// Member imports are the one place a large body is expected, so their paths get their own cap.
import { Elysia } from 'elysia'
import { AppError } from '../../shared/errors'

export const IMPORT_PATHS = ['/api/v1/merchant/imports/', '/merchant/imports/']

export function bodyLimit(maxBytes: number, importMaxBytes: number) {
  return new Elysia({ name: 'body-limit' }).onRequest(({ request }) => {
    const len = Number(request.headers.get('content-length') ?? 0)
    const path = new URL(request.url).pathname
    const limit = IMPORT_PATHS.some((p) => path.startsWith(p)) ? importMaxBytes : maxBytes
    if (len > limit) throw new AppError('payload_too_large', `Request body is larger than ${limit} bytes`)
  })
}
