// Pure naming and framing for live events (ADR 0024). A channel is one audience: a user (their
// balances) or a tenant (its sales). Each has a Redis stream (the replay buffer, ids are the SSE
// ids) and a pub/sub channel of the same name, both inside the deployment's key prefix.

export type LiveEventName = 'balance' | 'transaction'
export type LiveEvent = { id: string; event: LiveEventName; data: Record<string, unknown> }

export const userChannel = (prefix: string, userId: string) => `${prefix}:live:user:${userId}`
export const tenantChannel = (prefix: string, tenantId: string) => `${prefix}:live:tenant:${tenantId}`

/** A stream entry id as Redis writes it ("ms-seq"); anything else is refused before reaching Redis. */
const STREAM_ID = /^\d{1,15}-\d{1,10}$/
export const isStreamId = (s: string) => STREAM_ID.test(s)
/** The position of a channel whose buffer was empty: every entry in it is new. */
export const EMPTY_BUFFER = '0-0'

/** Orders two stream ids; a negative result means a comes first. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number]
  const [bm, bs] = b.split('-').map(Number) as [number, number]
  return am - bm || as - bs
}

/**
 * The Last-Event-ID a client presents covers every channel it listens to, so it carries one
 * stream id per channel ("<channel index>:<stream id>" joined by "."): each channel resumes
 * from its own position.
 */
export type Cursor = Map<number, string>

export function parseCursor(raw: string | null | undefined, channels: number): Cursor | 'invalid' | null {
  if (!raw) return null
  const out: Cursor = new Map()
  for (const part of raw.split('.')) {
    const m = /^(\d{1,2}):(.+)$/.exec(part)
    if (!m || Number(m[1]) >= channels || !isStreamId(m[2]!)) return 'invalid'
    out.set(Number(m[1]), m[2]!)
  }
  return out
}

export const formatCursor = (cursor: Cursor) =>
  [...cursor.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, id]) => `${i}:${id}`)
    .join('.')

/** One SSE frame. Data is JSON on one line, so no field can break the framing. */
export function sseFrame(f: { id?: string; event: string; data: unknown }): string {
  return `${f.id ? `id: ${f.id}\n` : ''}event: ${f.event}\ndata: ${JSON.stringify(f.data)}\n\n`
}
