// Reads a text/event-stream response frame by frame, for tests of GET /api/v1/events.
export type SseFrame = { id?: string; event?: string; data?: string }

export function sseReader(res: Response) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const frames: SseFrame[] = []
  const parse = () => {
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const f: SseFrame = {}
      for (const line of block.split('\n')) {
        const m = /^(id|event|data): ?(.*)$/.exec(line)
        if (m) f[m[1] as keyof SseFrame] = m[2]!
      }
      if (f.id !== undefined || f.event !== undefined) frames.push(f)
      end = buffer.indexOf('\n\n')
    }
  }
  return {
    frames,
    /** Waits until a frame matches, or fails after the timeout. */
    async until(match: (f: SseFrame) => boolean, timeoutMs = 5_000): Promise<SseFrame> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = frames.find(match)
        if (found) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no matching SSE frame; got ${JSON.stringify(frames)}`)
        let timer: ReturnType<typeof setTimeout> | undefined
        const next = await Promise.race([
          reader.read(),
          new Promise<null>((r) => (timer = setTimeout(() => r(null), left))),
        ])
        clearTimeout(timer)
        if (next === null) continue
        if (next.done) throw new Error(`stream ended; got ${JSON.stringify(frames)}`)
        buffer += decoder.decode(next.value, { stream: true })
        parse()
      }
    },
    /** Reads for a while and returns every frame seen (to assert something did NOT arrive). */
    async settle(ms = 300): Promise<SseFrame[]> {
      await this.until(() => false, ms).catch(() => {})
      return frames
    },
    events: (name: string) => frames.filter((f) => f.event === name).map((f) => JSON.parse(f.data ?? 'null')),
    lastId: () => [...frames].reverse().find((f) => f.id)?.id,
    cancel: () => reader.cancel(),
  }
}
