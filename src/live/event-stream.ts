// The caller's live events as a text/event-stream body: resume from Last-Event-ID (one stream
// position per channel), then follow. Each channel's start position is fixed before listening,
// and what was published since is read from the replay buffer while new events are held back,
// so nothing published around the connect is lost or sent twice.
import { log } from '../infra/logger'
import {
  compareStreamIds,
  type Cursor,
  EMPTY_BUFFER,
  formatCursor,
  type LiveEvent,
  parseCursor,
  sseFrame,
} from './live-channels'
import type { LiveHub } from './live-hub'

export const HEARTBEAT_MS = 15_000
/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3_000

export type EventStreamOptions = {
  channels: readonly string[]
  lastEventId: string | null
  signal?: AbortSignal
  heartbeatMs?: number
}

export function openEventStream(hub: LiveHub, opts: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const stops: (() => Promise<void>)[] = []
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    await Promise.all(stops.splice(0).map((stop) => stop()))
  }
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      opts.signal?.addEventListener('abort', () => void close())
      const cursor: Cursor = new Map()
      const held: [number, LiveEvent][] = []
      let following = false
      const deliver = (i: number, e: LiveEvent) => {
        const at = cursor.get(i)
        if (at && compareStreamIds(e.id, at) <= 0) return // already sent
        cursor.set(i, e.id)
        send(sseFrame({ id: formatCursor(cursor), event: e.event, data: e.data }))
      }
      try {
        const presented = parseCursor(opts.lastEventId, opts.channels.length)
        const fresh = presented === null || presented === 'invalid'
        for (const [i, channel] of opts.channels.entries()) {
          // A channel the presented id does not cover cannot be resumed: replaying 'none' resets.
          const from = fresh ? await hub.latestId(channel) : (presented.get(i) ?? 'none')
          cursor.set(i, from ?? EMPTY_BUFFER)
        }
        for (const [i, channel] of opts.channels.entries()) {
          stops.push(await hub.listen(channel, (e) => (following ? deliver(i, e) : held.push([i, e]))))
        }
        send(`retry: ${RETRY_MS}\n\n`)
        const since: [number, LiveEvent][] = []
        let reset = presented === 'invalid'
        for (const [i, channel] of opts.channels.entries()) {
          const r = await hub.replay(channel, cursor.get(i)!)
          if (r === 'reset') reset = true
          else for (const e of r) since.push([i, e])
        }
        if (reset) {
          // Events were lost: positions jump to the newest entries and the page refetches.
          for (const [i, channel] of opts.channels.entries()) {
            cursor.set(i, (await hub.latestId(channel)) ?? EMPTY_BUFFER)
          }
          send(sseFrame({ id: formatCursor(cursor), event: 'reset', data: {} }))
        } else {
          if (fresh) send(`id: ${formatCursor(cursor)}\n\n`)
          for (const [i, e] of since) deliver(i, e)
        }
        following = true
        for (const [i, e] of held.splice(0)) deliver(i, e)
        heartbeat = setInterval(() => send(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS)
      } catch (error) {
        log.warn({ err: error }, 'live: stream could not start')
        await close()
        controller.error(error)
      }
    },
    async cancel() {
      await close()
    },
  })
}
