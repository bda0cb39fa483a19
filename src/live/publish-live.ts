// Publishing live events: each appended to its channel's replay buffer (a capped Redis stream, so
// a reconnecting client can catch up) and announced on the channel's pub/sub, in one script so
// the id announced is the id stored. Callers publish only after their transaction committed.
import type { Redis } from 'ioredis'
import type { LiveEventName } from './live-channels'

/** Entries kept per channel: enough for a page that was offline for a short while. */
export const REPLAY_MAXLEN = 200
/** A channel nobody writes to for this long loses its buffer (a reconnect then gets `reset`). */
export const REPLAY_TTL_MS = 60 * 60 * 1000

const SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', KEYS[1], id .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[3])
return id`

/** One event for one channel's audience. */
export type Publication = { channel: string; event: LiveEventName; data: Record<string, unknown> }

/**
 * Publishes events in order, in one round trip (a pipeline: a batch of sales is announced
 * together). Throws the first error after every event was tried.
 */
export async function publishLive(redis: Redis, events: readonly Publication[]): Promise<void> {
  if (!events.length) return
  const pipeline = redis.pipeline()
  for (const e of events)
    pipeline.eval(SCRIPT, 1, e.channel, REPLAY_MAXLEN, e.event, JSON.stringify(e.data), REPLAY_TTL_MS)
  const failed = (await pipeline.exec())?.find(([error]) => error)
  if (failed) throw failed[0]
}

/** The inverse of the script's PUBLISH payload. */
export function parseAnnouncement(
  message: string,
): { id: string; event: LiveEventName; data: Record<string, unknown> } | null {
  const a = message.indexOf('\n')
  const b = message.indexOf('\n', a + 1)
  if (a < 0 || b < 0) return null
  try {
    return {
      id: message.slice(0, a),
      event: message.slice(a + 1, b) as LiveEventName,
      data: JSON.parse(message.slice(b + 1)),
    }
  } catch {
    return null
  }
}
