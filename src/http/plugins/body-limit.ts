// Refuse oversized bodies before anything reads them. Bun's maxRequestBodySize also caps
// streamed bodies at the socket; this check gives the API's error shape for the common case.
import { Elysia } from 'elysia'
import { AppError } from '../../shared/errors'

export function bodyLimit(maxBytes: number) {
  return new Elysia({ name: 'body-limit' }).onRequest(({ request }) => {
    const len = Number(request.headers.get('content-length') ?? 0)
    if (len > maxBytes) throw new AppError('payload_too_large', `Request body is larger than ${maxBytes} bytes`)
  })
}
