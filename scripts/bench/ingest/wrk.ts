// Runs wrk (Debian's /usr/bin/wrk) with deliveries.lua against one receiver and reads its report.
import { existsSync } from 'node:fs'

export type WrkResult = {
  requests: number
  perSecond: number
  p50: number
  p90: number
  p99: number
  non2xx: number
  errors: number
}

const WRK = process.env.WRK_PATH ?? '/usr/bin/wrk'

export function assertWrk(): void {
  if (!existsSync(WRK)) {
    console.error(`wrk not found at ${WRK}: apt-get install wrk (or set WRK_PATH)`)
    process.exit(1)
  }
}

/** wrk prints latencies as 1.23us / 4.56ms / 1.20s. */
const toMs = (v: string) => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim())
  if (!m) return Number.NaN
  const n = Number(m[1])
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000
}

export async function runWrk(
  base: string,
  filePrefix: string,
  opts: { connections: number; seconds: number; threads: number },
): Promise<WrkResult> {
  const script = new URL('./deliveries.lua', import.meta.url).pathname
  const proc = Bun.spawn(
    [
      WRK,
      `-t${opts.threads}`,
      `-c${opts.connections}`,
      `-d${opts.seconds}s`,
      '--latency',
      '-s',
      script,
      `${base}/webhooks/square`,
      '--',
      filePrefix,
    ],
    { stdout: 'pipe', stderr: 'pipe' },
  )
  const out = await new Response(proc.stdout).text()
  if ((await proc.exited) !== 0) throw new Error(`wrk failed: ${await new Response(proc.stderr).text()}`)
  const pct = (p: string) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '')
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: pct('50'),
    p90: pct('90'),
    p99: pct('99'),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: errors ? errors.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
  }
}
