// Development only: the Redis namespace (queue and rate-limit key prefix) of a `bun run dev`
// data folder. Two checkouts, or a new demo after an old one's folder was deleted, share one
// local Redis; without their own prefix, a fresh demo inherits leftover jobs and sign-in
// counters. The prefix hashes the folder's absolute path with a random id written into the
// folder when it is first used, so a recreated folder starts clean too (ADR 0021).
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ID_FILE = 'redis-namespace'

export function devRedisPrefix(dataDir: string): string {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, ID_FILE)
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(8).toString('hex')}\n`, { flag: 'wx' })
  const id = readFileSync(file, 'utf8').trim()
  return `dev-${createHash('sha256').update(`${dir}\n${id}`).digest('hex').slice(0, 12)}`
}
