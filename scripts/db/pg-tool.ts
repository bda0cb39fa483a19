// Runs pg_dump / pg_restore as child processes and turns their --verbose chatter into one
// progress line per table, so a long backup shows where it is. The database URL goes to the
// tool as an argument and is never printed (it carries the password).

/** The role that owns the tables: backups must see every row, restores must create them. */
export function ownerUrl(): string {
  const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_MIGRATION_URL (or DATABASE_URL) is required')
    process.exit(1)
  }
  return url
}

/** Runs the tool; `progress` picks the table name out of a verbose line, or returns null. */
export async function runPgTool(args: string[], progress: (line: string) => string | null): Promise<void> {
  const proc = Bun.spawn(args, { stdout: 'inherit', stderr: 'pipe', stdin: 'ignore' })
  const errors: string[] = []
  let n = 0
  let pending = ''
  for await (const chunk of proc.stderr) {
    pending += new TextDecoder().decode(chunk)
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const table = progress(line)
      if (table) console.log(`[${++n}] ${table}`)
      else if (/error|fatal/i.test(line)) errors.push(line)
    }
  }
  const code = await proc.exited
  if (code !== 0) {
    console.error(errors.join('\n') || `${args[0]} exited with ${code}`)
    process.exit(code)
  }
}
