// Admin console for operators (issue: operations 6): connections across tenants, a wallet's
// ledger inspector, and the dead-letter queue with replay-all, each through HTTP as the
// runbooks use them.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { startWorkers, type WorkerRuntime } from '../../jobs/worker'
import { auditEvents } from '../../src/audit/audit.schema'
import { asSystem } from '../../src/infra/scope'
import { wallets } from '../../src/ledger'
import { posConnectionChanges } from '../../src/pos/connection/connection.schema'
import { posConnections } from '../../src/pos/pos.schema'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { adminSql } from '../helpers/db'
import { makeCast, makeTenant } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'
import { waitFor } from '../pos/ingest/harness'
import { portal, refusedToNonAdmins } from './portal'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
let workers: WorkerRuntime | undefined

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr data-status="(\w+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ status: m[1]!, html: m[2]! }))

describe('admin console: operations', () => {
  test('consumers and merchants get 403 from every operations page', async () => {
    const calls = [
      { path: '/admin/connections' },
      { path: '/admin/wallets/wal_x' },
      { path: '/admin/dead-letter' },
      { path: '/admin/dead-letter/replay', form: { reason: 'probe' } },
    ]
    expect(await refusedToNonAdmins(getApp(), cast, calls)).toEqual([])
  })

  test('connections across tenants: unhealthy first, filterable, with the last error and the reconnect email', async () => {
    const db = getApp().deps.dbh.db
    const cafe = await makeTenant(getApp().deps, { name: 'Corner Cafe' })
    const books = await makeTenant(getApp().deps, { name: 'Book Nook' })
    const cloverId = newId('con')
    const emailedAt = new Date('2026-11-20T08:30:00Z')
    await asSystem(db, async (tx) => {
      await tx.insert(posConnections).values([
        {
          id: newId('con'),
          tenantId: cafe.id,
          provider: 'square',
          externalMerchantId: 'MSQ-OPS-1',
          status: 'connected',
          lastEventAt: new Date('2026-11-29T12:00:00Z'),
        },
        {
          id: cloverId,
          tenantId: books.id,
          provider: 'clover',
          externalMerchantId: 'MCL-OPS-1',
          status: 'disconnected',
          statusReason: 'the provider rejected our refresh token',
          lastError: 'invalid_grant',
        },
      ])
      await tx.insert(posConnectionChanges).values({
        id: newId('aud'),
        tenantId: books.id,
        connectionId: cloverId,
        fromStatus: 'connected',
        toStatus: 'disconnected',
        reason: 'revoked',
        notified: 1,
        at: emailedAt,
      })
    })

    const page = await portal(getApp(), cast.admin, '/admin/connections')
    expect(page.status).toBe(200)
    const rows = rowsOf(page.text)
    expect(rows.map((r) => r.status).slice(0, 1)).toEqual(['disconnected'])
    expect(rows[0]!.html).toContain('Book Nook')
    expect(rows[0]!.html).toContain('invalid_grant')
    expect(rows[0]!.html).toContain('Disconnected')
    expect(rows[0]!.html).toContain(emailedAt.toISOString())
    expect(rows.find((r) => r.html.includes('Corner Cafe'))?.html).toContain('not sent')

    const filtered = await portal(getApp(), cast.admin, '/admin/connections?status=connected&provider=square', {
      htmx: true,
    })
    expect(filtered.text.startsWith('<tbody id="connection-rows">')).toBe(true)
    expect(rowsOf(filtered.text).map((r) => r.status)).toEqual(['connected'])
    expect(filtered.text).not.toContain('Book Nook')
  })

  test('ledger inspector: projection beside the recomputed sum, and a drift shown as a mismatch', async () => {
    const db = getApp().deps.dbh.db
    const { wallet } = await seedWallet(db, cast.tenant.id, { points: 120 })
    const ok = await portal(getApp(), cast.admin, `/admin/wallets/${wallet.id}`)
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('The balance equals its ledger and its open lots.')
    expect(ok.text).toMatch(/id="ledger-sum">\s*120/)
    expect(ok.text).toContain('Opening balance')

    await asSystem(db, (tx) => tx.update(wallets).set({ balance: 125 }).where(eq(wallets.id, wallet.id)))
    const drift = await portal(getApp(), cast.admin, `/admin/wallets/${wallet.id}`)
    expect(drift.text).toContain('disagree')
    expect(drift.text).toContain('off by 5')
    expect((await portal(getApp(), cast.admin, '/admin/wallets/wal_does_not_exist')).status).toBe(404)
  })

  test('dead-letter queue: a failed job is listed; after the cause is fixed, replay-all runs it and is audited', async () => {
    const t = getApp()
    const dbName = new URL(t.config.DATABASE_URL!).pathname.slice(1)
    const su = adminSql(dbName)
    // The cause: the retention job may not delete what it must (a broken grant after a deploy).
    await su.unsafe('revoke delete on idempotency_keys from salesarck_app')
    workers = await startWorkers(t.deps)
    await t.deps.queues.enqueue('maintenance', 'purge-expired', {}, { attempts: 1, jobId: 'purge-probe' })
    const listed = await waitFor(
      async () => (await portal(t, cast.admin, '/admin/dead-letter?queue=maintenance')).text,
      (html) => html.includes('purge-probe'),
      20_000,
    )
    // The database's reason, never the failed statement's parameters.
    expect(listed).toContain('permission denied for table idempotency_keys')
    expect(listed).not.toContain('params:')
    expect(listed).toContain('Replay all 1 shown')
    // A filter that matches nothing offers nothing to replay.
    expect((await portal(t, cast.admin, '/admin/dead-letter?queue=notifications', { htmx: true })).text).not.toContain(
      'replay-all',
    )

    await su.unsafe('grant delete on idempotency_keys to salesarck_app')
    await su.end()
    const replay = await portal(t, cast.admin, '/admin/dead-letter/replay', {
      htmx: true,
      form: { queue: 'maintenance', job: '', reason_contains: 'permission', reason: 'grant restored' },
    })
    expect(replay.status).toBe(200)
    expect(replay.text).toContain('Replayed 1 job.')
    expect(replay.text).not.toContain('purge-probe')
    const job = await t.deps.queues.get('maintenance').getJob('purge-probe')
    await waitFor(
      async () => job?.getState(),
      (s) => s === 'completed',
      20_000,
    )
    expect(await t.deps.queues.deadLetter.count()).toBe(0)

    const [audit] = await asSystem(t.deps.dbh.db, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'dead_letter.replay')),
    )
    expect(audit?.actorUserId).toBe(cast.admin.userId)
    expect(audit?.reason).toBe('grant restored')
    expect(audit?.after).toEqual({ replayed: 1, already_gone: 0 })
  }, 60_000)

  test('replay without a reason is refused with a field error, and replays nothing', async () => {
    const res = await portal(getApp(), cast.admin, '/admin/dead-letter/replay', {
      htmx: true,
      form: { queue: '', job: '', reason_contains: '', reason: '' },
    })
    expect(res.status).toBe(400)
  })
})
