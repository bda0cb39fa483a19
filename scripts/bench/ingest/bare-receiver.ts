// The bench's yardstick (bun run bench:ingest): the least a webhook receiver can do. Bun.serve,
// the Square HMAC check on the raw bytes, one INSERT with a unique key, 200. Same Postgres, same
// pool size as the app. Started as its own process by scripts/bench/ingest.ts.
import { createHmac, timingSafeEqual } from 'node:crypto'
import postgres from 'postgres'

function env(name: string): string {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is required`)
  return v
}
const sql = postgres(env('BARE_DATABASE_URL'), { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} })
const key = env('SQUARE_WEBHOOK_SIGNATURE_KEY')
const url = env('SQUARE_WEBHOOK_URL')
await sql`create table if not exists bare_deliveries (event_id text primary key, body text not null, received_at timestamptz not null default now())`

const server = Bun.serve({
  port: Number(env('PORT')),
  hostname: '127.0.0.1',
  async fetch(req) {
    const body = await req.text()
    const given = Buffer.from(req.headers.get('x-square-hmacsha256-signature') ?? '', 'base64')
    const expected = createHmac('sha256', key)
      .update(url + body, 'utf8')
      .digest()
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return new Response('{"error":"unauthorized"}', { status: 401 })
    const eventId = (JSON.parse(body) as { event_id?: string }).event_id ?? ''
    await sql`insert into bare_deliveries (event_id, body) values (${eventId}, ${body}) on conflict do nothing`
    return new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } })
  },
})
console.log(`bare receiver on ${server.port}`)
