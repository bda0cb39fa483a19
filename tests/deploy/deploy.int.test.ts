// Docker cannot run here, so this checks what can be checked: fly.toml parses and names
// things that exist, the Dockerfile copies real paths, and its install, release and start
// commands work when run directly, in production mode, on an empty database.
import { afterAll, describe, expect, test } from 'bun:test'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { generateKeySpec } from '../../src/auth/keys'
import { APP_ROLE, ensureRoles, OWNER_ROLE } from '../helpers/db'
import { startServer } from '../helpers/process'

const root = new URL('../..', import.meta.url).pathname
type FlyConfig = {
  kill_signal: string
  deploy: { release_command: string }
  processes: Record<string, string>
  http_service: { internal_port: number; min_machines_running: number; checks: { path: string }[] }
  checks: Record<string, { path: string }>
  env: Record<string, string>
  metrics: { port: number; path: string }
}
const fly = Bun.TOML.parse(readFileSync(join(root, 'fly.toml'), 'utf8')) as FlyConfig
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL!
const emptyDb = `deploy_${process.pid}_${Math.random().toString(36).slice(2, 7)}`
afterAll(async () => {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${emptyDb}" with (force)`)
  await admin.end()
})

async function productionEnv() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  await admin`select pg_advisory_lock(727272)`
  await ensureRoles(admin)
  await admin`select pg_advisory_unlock(727272)`
  await admin.unsafe(`create database "${emptyDb}" owner ${OWNER_ROLE}`)
  await admin.end()
  const as = (role: string) => {
    const u = new URL(ADMIN_URL)
    u.username = role
    u.pathname = `/${emptyDb}`
    return u.toString()
  }
  return {
    // What fly.toml's [env] sets (the client-IP header and the private metrics port), port 0 for tests.
    TRUSTED_IP_HEADER: fly.env.TRUSTED_IP_HEADER!,
    METRICS_PORT: '0',
    APP_ENV: 'production',
    // Two roles (ADR 0018): the release migrates as the owner, the app runs as a role owning nothing.
    DATABASE_MIGRATION_URL: as(OWNER_ROLE),
    DATABASE_URL: as(APP_ROLE),
    REDIS_URL: process.env.REDIS_URL!,
    APP_BASE_URL: 'https://salesarck.example',
    JWT_PRIVATE_KEYS: await generateKeySpec('test-1'),
    TOKEN_ENCRYPTION_KEYS: `tok-1:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`,
    // Delivery secrets production insists on; nothing is sent during this test.
    OTP_SECRET: 'deploy-test-otp-secret-0123456789abcdef',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    TWILIO_ACCOUNT_SID: 'ACdeploytest',
    TWILIO_AUTH_TOKEN: 'deploy-test',
    TWILIO_FROM: '+15005550006',
  }
}

describe('deploy configuration', () => {
  test('fly.toml runs web and worker groups from one image, with the migration as release command', () => {
    expect(Object.keys(fly.processes)).toEqual(['web', 'worker'])
    expect(fly.processes.web).toContain('ROLE=web')
    expect(fly.processes.worker).toContain('ROLE=worker')
    for (const cmd of [fly.deploy.release_command, fly.processes.web, fly.processes.worker]) {
      const script = String(cmd)
        .split(' ')
        .find((p) => p.endsWith('.ts'))!
      expect(existsSync(join(root, script))).toBe(true)
    }
    expect(fly.http_service.min_machines_running).toBeGreaterThanOrEqual(2)
    expect(fly.http_service.checks[0]?.path).toBe('/health/ready')
    expect(fly.checks.worker_ready?.path).toBe('/health/ready')
    expect(fly.kill_signal).toBe('SIGTERM')
    // Metrics are scraped on the private port only, never the public one (ADR 0017).
    expect(String(fly.metrics.port)).toBe(fly.env.METRICS_PORT!)
    expect(fly.metrics.port).not.toBe(fly.http_service.internal_port)
    expect(fly.env.TRUSTED_IP_HEADER).toBe('fly-client-ip')
  })

  test('every path the Dockerfile copies exists, and its base image is the official Bun image', () => {
    expect(dockerfile).toMatch(/^FROM oven\/bun:\$\{BUN_VERSION\} AS deps$/m)
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '))
    expect(copies.length).toBeGreaterThan(5)
    for (const p of copies) expect(existsSync(join(root, p))).toBe(true)
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[]
    expect(existsSync(join(root, cmd[1]!))).toBe(true)
  })

  test("the Dockerfile's install step works on the committed lockfile", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-docker-'))
    try {
      cpSync(join(root, 'package.json'), join(dir, 'package.json'))
      cpSync(join(root, 'bun.lock'), join(dir, 'bun.lock'))
      const install = /^RUN (bun install .+)$/m.exec(dockerfile)![1]!.split(' ')
      const r = Bun.spawnSync(install, { cwd: dir, stdout: 'pipe', stderr: 'pipe' })
      expect(r.exitCode).toBe(0)
      expect(existsSync(join(dir, 'node_modules/elysia'))).toBe(true)
      expect(existsSync(join(dir, 'node_modules/drizzle-kit'))).toBe(false) // dev tools stay out
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  test('production refuses to start without its secrets and names each missing one', () => {
    const r = Bun.spawnSync(['bun', 'src/server.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH!, APP_ENV: 'production', JWT_PRIVATE_KEYS: 'must-not-be-printed' },
      stdout: 'pipe',
      stderr: 'pipe',
    })
    const out = r.stderr.toString() + r.stdout.toString()
    expect(r.exitCode).toBe(1)
    expect(out).toContain('Missing required secrets:')
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'APP_BASE_URL', 'TOKEN_ENCRYPTION_KEYS'])
      expect(out).toContain(name)
    expect(out).not.toContain('must-not-be-printed')
  })

  test('release command migrates an empty database, then the start command serves in production mode', async () => {
    const env = await productionEnv()
    const release = Bun.spawnSync(fly.deploy.release_command.split(' '), {
      cwd: root,
      env: { ...process.env, ...env },
      stdout: 'pipe',
      stderr: 'pipe',
    })
    expect(release.stdout.toString()).toContain('migrations applied')
    expect(release.exitCode).toBe(0)
    const server = await startServer({ ...env, ROLE: 'web' })
    try {
      const ready = await fetch(`${server.base}/health/ready`)
      expect(ready.status).toBe(200)
      expect(ready.headers.get('strict-transport-security')).toContain('max-age=')
      expect((await fetch(`${server.base}/dev/outbox.json`)).status).toBe(404)
      expect((await fetch(`${server.base}/metrics`)).status).toBe(404)
    } finally {
      server.proc.kill('SIGTERM')
      expect(await server.exited).toBe(0)
    }
  }, 60_000)
})
