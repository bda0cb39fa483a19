// Run as a separate process by refresh-lifecycle.int.test.ts: builds its own deps on the same
// database and refreshes one connection when told to, so two processes race for real.
import { parseConfig } from '../../../src/config'
import { buildDeps } from '../../../src/app-deps'
import { refreshConnectionToken } from '../../../src/pos/connection'

const [connectionId, startAt] = [process.argv[2]!, Number(process.argv[3])]
const deps = await buildDeps(parseConfig({ ...process.env, APP_ENV: 'test' }), { queuePrefix: `child_${process.pid}` })
await Bun.sleep(Math.max(0, startAt - Date.now()))
const outcome = await refreshConnectionToken(deps, connectionId, { mode: 'scheduled' })
process.stdout.write(`${JSON.stringify({ outcome })}\n`)
await deps.close()
process.exit(0)
