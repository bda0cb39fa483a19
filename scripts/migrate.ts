// Fly release command: apply drizzle/ migrations (and the RLS/append-only guards) once per deploy.
import { parseConfig } from '../src/config'
import { databaseUrl } from '../src/infra/bootstrap'
import { openDb } from '../src/infra/db'

const config = parseConfig(process.env)
const h = openDb(databaseUrl(config), { max: 1 })
await h.migrate()
await h.close()
console.log('migrations applied')
