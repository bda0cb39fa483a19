// A TCP pass-through the test can cut and restore, to take Postgres or Redis "down" for one
// app without touching the machine's servers that other test files share.
import type { Socket, TCPSocketListener } from 'bun'

export type TcpProxy = { port: number; stop(): void; start(): void; close(): void }

export function tcpProxy(target: { host: string; port: number }): TcpProxy {
  let listener: TCPSocketListener<{ upstream?: Socket<unknown>; pending: Uint8Array[] }> | undefined
  const live = new Set<Socket<unknown>>()
  let port = 0
  const listen = () => {
    listener = Bun.listen<{ upstream?: Socket<unknown>; pending: Uint8Array[] }>({
      hostname: '127.0.0.1',
      port,
      socket: {
        async open(client) {
          client.data = { pending: [] }
          live.add(client as Socket<unknown>)
          try {
            const upstream = await Bun.connect({
              hostname: target.host,
              port: target.port,
              socket: {
                data: (_s, d) => void client.write(d),
                close: () => {
                  client.end()
                },
                error: () => {
                  client.end()
                },
              },
            })
            live.add(upstream)
            client.data.upstream = upstream
            for (const chunk of client.data.pending) upstream.write(chunk)
          } catch {
            client.end()
          }
        },
        data(client, d) {
          if (client.data.upstream) client.data.upstream.write(d)
          else client.data.pending.push(new Uint8Array(d))
        },
        close(client) {
          client.data.upstream?.end()
          live.delete(client as Socket<unknown>)
        },
        error(client) {
          client.data.upstream?.end()
        },
      },
    })
    port = listener.port
  }
  listen()
  return {
    get port() {
      return port
    },
    stop() {
      listener?.stop(true)
      for (const s of live) s.end()
      live.clear()
      listener = undefined
    },
    start() {
      if (!listener) listen()
    },
    close() {
      this.stop()
    },
  }
}
