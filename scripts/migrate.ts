// Fly release command: apply drizzle/ migrations (and the RLS/append-only guards) once per
// deploy. Needs only DATABASE_URL, so a release never depends on the app's other secrets.
import { openDb } from '../src/infra/db'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL is required to migrate')
  process.exit(1)
}
const h = openDb(url, { max: 1 })
await h.migrate()
await h.close()
console.log('migrations applied')
