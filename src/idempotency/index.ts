// Front door of idempotency: Idempotency-Key handling for API writes (ADR 0007).
export { isValidKey } from './request-hash'
export { withIdempotency, type IdempotentRequest, type Reply } from './with-idempotency'
