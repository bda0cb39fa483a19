// Front door of idempotency: Idempotency-Key handling for API writes (ADR 0007).
export { isValidKey } from './request-hash'
export { StoredRefusal, storedRefusal, withIdempotency, type IdempotentRequest, type Reply } from './with-idempotency'
