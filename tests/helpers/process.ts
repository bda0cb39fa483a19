// Runs the real server entry point (src/server.ts) as a child process, the way Fly runs it.
import type { Subprocess } from 'bun'

export type ServerProcess = {
  proc: Subprocess<'ignore', 'pipe', 'pipe'>
  base: string
  output(): string
  exited: Promise<number>
}

/** `undefined` in `env` removes a variable (e.g. REDIS_PREFIX, to test its default). */
export async function startServer(
  env: Record<string, string | undefined>,
  opts: { startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const proc = Bun.spawn(['bun', 'src/server.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    // A private Redis namespace: queues and rate-limit counters of one server never meet another's.
    env: withoutUnset({
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_PREFIX: `proc${process.pid}${Math.random().toString(36).slice(2, 8)}`,
      ...env,
    }),
    stdout: 'pipe',
    stderr: 'pipe',
    stdin: 'ignore',
  })
  let out = ''
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) out += new TextDecoder().decode(chunk)
  }
  void pump(proc.stdout)
  void pump(proc.stderr)
  const deadline = Date.now() + (opts.startTimeoutMs ?? 20_000)
  let port: number | undefined
  while (!port && Date.now() < deadline) {
    const m = /"port":(\d+),[^\n]*"msg":"http listening"/.exec(out)
    if (m) port = Number(m[1])
    else await Bun.sleep(50)
  }
  if (!port) {
    proc.kill()
    throw new Error(`server did not start:\n${out}`)
  }
  return { proc, base: `http://127.0.0.1:${port}`, output: () => out, exited: proc.exited }
}

function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}
