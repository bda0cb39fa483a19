// Zero-config development: when no Redis answers and redis-server is installed, run a private
// one as a child process with its data under .data/. Never used outside development.
import { mkdirSync } from 'node:fs'
import { createConnection } from 'node:net'

function reachable(url: string): Promise<boolean> {
  const u = new URL(url)
  return new Promise((resolve) => {
    const s = createConnection({ host: u.hostname, port: Number(u.port || 6379) })
    s.setTimeout(500)
    s.once('connect', () => (s.end(), resolve(true)))
    s.once('error', () => resolve(false))
    s.once('timeout', () => (s.destroy(), resolve(false)))
  })
}

export async function ensureDevRedis(url: string, dataDir: string): Promise<{ stop(): void } | null> {
  if (await reachable(url)) return null
  const bin = Bun.which('redis-server')
  if (!bin) {
    console.error(
      `Redis is not reachable at ${url}. Install it (apt-get install redis-server, brew install redis) or set REDIS_URL.`,
    )
    process.exit(1)
  }
  const port = Number(new URL(url).port || 6379)
  const dir = `${dataDir}/redis`
  mkdirSync(dir, { recursive: true })
  const child = Bun.spawn([bin, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '60 1'], {
    stdout: 'ignore',
    stderr: 'inherit',
  })
  for (let i = 0; i < 50 && !(await reachable(url)); i++) await Bun.sleep(100)
  console.log(`Started a private redis-server on port ${port} (data in ${dir})`)
  return { stop: () => child.kill() }
}
