// Verification works on bytes; parsing works on text. Both views come from the same raw body
// so the route can hand over exactly what arrived on the wire (reliability-tests W1).

const encoder = new TextEncoder()
// fatal: invalid UTF-8 must not be silently repaired into a different, parseable body.
const decoder = new TextDecoder('utf-8', { fatal: true })

export function bodyBytes(raw: Uint8Array | string): Uint8Array {
  return typeof raw === 'string' ? encoder.encode(raw) : raw
}

export function bodyText(raw: Uint8Array | string): string | null {
  if (typeof raw === 'string') return raw
  try {
    return decoder.decode(raw)
  } catch {
    return null
  }
}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown

/**
 * Parses JSON without throwing. Integer ids above 2^53 (Shopify's order and customer ids)
 * lose digits as JS numbers, so any key listed in `exactKeys` keeps its source text instead
 * (JSON.parse source-text access, supported by Bun).
 */
export function parseJson(text: string, exactKeys: readonly string[] = []): unknown {
  // A reviver is called for every value of the document: only pay for it when a key needs it
  // (it was a tenth of a Square webhook's receipt).
  const reviver: Reviver | undefined = exactKeys.length
    ? (key, value, context) =>
        exactKeys.includes(key) && typeof value === 'number' && context?.source !== undefined ? context.source : value
    : undefined
  try {
    return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1])
  } catch {
    return undefined
  }
}
