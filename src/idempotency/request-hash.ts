// Pure: the fingerprint of a request, so the same Idempotency-Key with a different body is
// caught. Keys are sorted before hashing: {"a":1,"b":2} and {"b":2,"a":1} are the same request.
import { createHash } from 'node:crypto'

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    )
  }
  return v
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([route, canonical(body ?? null)]))
    .digest('hex')
}

/** Printable ASCII, 1–255 characters (UUIDs, ULIDs, anything a client library generates). */
export const isValidKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key)
