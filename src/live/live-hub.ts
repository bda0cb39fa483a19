// One Redis subscriber connection per process, fanned out in memory to every open stream of
// that process (ADR 0024). A channel is subscribed while at least one local listener wants it
// and unsubscribed when the last one leaves, so a closed page leaves nothing behind.
import type { Redis } from 'ioredis'
import { log } from '../infra/logger'
import { compareStreamIds, EMPTY_BUFFER, isStreamId, type LiveEvent } from './live-channels'
import { parseAnnouncement, REPLAY_MAXLEN } from './publish-live'

export type Listener = (e: LiveEvent) => void

export type LiveHub = {
  /** Starts delivering a channel's new events to the listener; the returned function stops it. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>
  /**
   * Events after `afterId` from the channel's replay buffer, oldest first ('0-0': the buffer was
   * empty, so all of it); 'reset' when that id is no longer (or never was) in the buffer, so the
   * client must refetch what it shows.
   */
  replay(channel: string, afterId: string): Promise<LiveEvent[] | 'reset'>
  /** The newest id in a channel's buffer, so a fresh client knows where it starts. */
  latestId(channel: string): Promise<string | null>
  /** Local listeners and Redis subscriptions held right now (for tests and metrics). */
  stats(): { listeners: number; channels: number }
  close(): Promise<void>
}

const REPLAY_LIMIT = 500

type StreamEntry = [id: string, fields: string[]]
const toEvent = ([id, fields]: StreamEntry): LiveEvent | null => {
  const f = new Map<string, string>()
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!)
  try {
    return { id, event: f.get('e') as LiveEvent['event'], data: JSON.parse(f.get('d') ?? 'null') }
  } catch {
    return null
  }
}

export function createLiveHub(redis: Redis): LiveHub {
  const listeners = new Map<string, Set<Listener>>()
  let subscriber: Redis | null = null

  // Opened on first use: processes (and tests) that never stream hold no extra connection.
  const connection = (): Redis => {
    if (subscriber) return subscriber
    const s = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true })
    s.on('error', () => {
      // Reconnects by itself; streams stay open and their clients catch up from the buffer.
    })
    s.on('message', (channel: string, message: string) => {
      const set = listeners.get(channel)
      const parsed = set ? parseAnnouncement(message) : null
      if (!set || !parsed) return
      for (const l of set) {
        try {
          l(parsed)
        } catch (error) {
          log.warn({ err: error }, 'live: a listener failed')
        }
      }
    })
    subscriber = s
    return s
  }

  return {
    async listen(channel, listener) {
      let set = listeners.get(channel)
      if (!set) {
        set = new Set()
        listeners.set(channel, set)
        await connection().subscribe(channel)
      }
      set.add(listener)
      return async () => {
        const current = listeners.get(channel)
        if (!current?.delete(listener) || current.size) return
        listeners.delete(channel)
        await subscriber?.unsubscribe(channel).catch(() => {})
      }
    },
    async replay(channel, afterId) {
      if (!isStreamId(afterId)) return 'reset'
      if (afterId === EMPTY_BUFFER) {
        // A full buffer may have been trimmed past the first events sent since.
        if ((await redis.xlen(channel)) >= REPLAY_MAXLEN) return 'reset'
        return ((await redis.xrange(channel, '-', '+', 'COUNT', REPLAY_LIMIT)) as StreamEntry[])
          .map(toEvent)
          .filter((e): e is LiveEvent => !!e)
      }
      const [first] = (await redis.xrange(channel, '-', '+', 'COUNT', 1)) as StreamEntry[]
      // Trimmed past it (or the buffer expired, or the id was never issued): events were lost.
      if (!first || compareStreamIds(afterId, first[0]) < 0) return 'reset'
      const known = (await redis.xrange(channel, afterId, afterId)) as StreamEntry[]
      if (!known.length) return 'reset'
      const entries = (await redis.xrange(channel, `(${afterId}`, '+', 'COUNT', REPLAY_LIMIT)) as StreamEntry[]
      return entries.map(toEvent).filter((e): e is LiveEvent => !!e)
    },
    async latestId(channel) {
      const [last] = (await redis.xrevrange(channel, '+', '-', 'COUNT', 1)) as StreamEntry[]
      return last?.[0] ?? null
    },
    stats() {
      let n = 0
      for (const s of listeners.values()) n += s.size
      return { listeners: n, channels: listeners.size }
    },
    async close() {
      listeners.clear()
      const s = subscriber
      subscriber = null
      if (s) await s.quit().catch(() => s.disconnect())
    },
  }
}
