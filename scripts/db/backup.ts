// bun run db:backup [file] — a consistent snapshot of the whole database in pg_dump's custom
// format (compressed, restorable table by table). Production's primary backup is Fly Postgres'
// volume snapshots and point-in-time recovery (docs/runbooks/backup-and-restore.md); this is
// the portable copy for drills, migrations between providers and local investigation.
import { statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ownerUrl, runPgTool } from './pg-tool'

const url = ownerUrl()
const file = process.argv[2] ?? `backups/salesarck-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`
await mkdir(dirname(file), { recursive: true })
console.log(`backing up to ${file}`)
await runPgTool(
  ['pg_dump', '--format=custom', '--verbose', '--no-password', `--file=${file}`, `--dbname=${url}`],
  (line) => /dumping contents of table "(.+)"/.exec(line)?.[1] ?? null,
)
console.log(`backup written: ${file} (${(statSync(file).size / 1024).toFixed(0)} KiB)`)
