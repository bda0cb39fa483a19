// Admin console, reconciliation: only admins; "Run now" queues the API's job and answers with a
// fragment that polls itself every 2 s; once a worker has finished the run, the fragment stops
// polling and links to the run, whose findings (here a healed balance drift) are listed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { Worker } from 'bullmq'
import { eq } from 'drizzle-orm'
import IORedis from 'ioredis'
import { reconcileLedgerJob } from '../../jobs/reconcile-ledger'
import { startWorkers, type WorkerRuntime } from '../../jobs/worker'
import { asSystem } from '../../src/infra/scope'
import { getTenant } from '../../src/tenancy'
import { wallets } from '../../src/ledger'
import { posReconciliationReports } from '../../src/pos/connection/connection.schema'
import { posConnections } from '../../src/pos/pos.schema'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'
import { portal, refusedToNonAdmins } from './portal'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
let workers: WorkerRuntime | undefined
let walletId: string

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  const db = getApp().deps.dbh.db
  walletId = (await seedWallet(db, cast.tenant.id, { points: 40 })).wallet.id
  // Drift the projection behind the ledger's back, for the run to find and heal.
  await asSystem(db, (tx) => tx.update(wallets).set({ balance: 45 }).where(eq(wallets.id, walletId)))
})

describe('admin console: reconciliation', () => {
  test('consumers and merchants get 403', async () => {
    const calls = [
      { path: '/admin/reconciliation' },
      { path: '/admin/reconciliation/runs', form: {} },
      { path: '/admin/reconciliation/jobs/reconcile-manual-1' },
      { path: '/admin/reconciliation/runs/rec_none' },
    ]
    expect(await refusedToNonAdmins(getApp(), cast, calls)).toEqual([])
    expect(await getApp().deps.queues.get('maintenance').getJobCounts('waiting')).toEqual({ waiting: 0 })
  })

  test("one shop: its run shows wallets checked of the shop's total while running, then its finding", async () => {
    const app = getApp()
    const db = app.deps.dbh.db
    const other = await seedWallet(db, cast.tenant.id, { points: 5 })
    const started = await portal(app, cast.admin, '/admin/reconciliation/runs', {
      htmx: true,
      form: { tenant_id: cast.tenant.id },
    })
    expect(started.status).toBe(202)
    const poll = /hx-get="(\/admin\/reconciliation\/jobs\/reconcile-manual-ten_[0-9a-z]+-\d+)"/.exec(started.text)?.[1]
    expect(poll).toBeDefined()
    // Play the worker by hand so the job can be looked at while it is still active.
    const connection = new IORedis(app.config.REDIS_URL, { maxRetriesPerRequest: null })
    const worker = new Worker('maintenance', null, { connection, prefix: app.deps.queues.prefix })
    try {
      const job = (await worker.getNextJob('tok', { block: false }))!
      expect(job.data.data).toEqual({ trigger: 'manual', tenant_id: cast.tenant.id })
      const result = (await reconcileLedgerJob(app.deps, job.data.data, job)) as { runId: string }
      const running = (await portal(app, cast.admin, poll!, { htmx: true })).text
      expect(running).toContain('data-state="running"')
      expect(running).toContain('hx-trigger="every 2s"')
      expect(running).toContain('data-checked="2" data-total="2"')
      expect(running).toContain('Running: 2 of 2 wallets checked')
      await job.moveToCompleted(result, 'tok', false)
      const done = (await portal(app, cast.admin, poll!, { htmx: true })).text
      expect(done).toContain('data-state="finished"')
      expect(done).toContain('2 wallets checked, 1 finding.')
      const list = await portal(app, cast.admin, '/admin/reconciliation')
      expect(list.text).toContain(`<code class="small">${cast.tenant.id}</code>`)
    } finally {
      await worker.close()
      connection.disconnect()
    }
    expect((await walletSums(db, walletId)).balance).toBe(40)
    expect((await walletSums(db, other.wallet.id)).balance).toBe(5)
    // The drift was healed by this run; plant it again for the platform-wide run below.
    await asSystem(db, (tx) => tx.update(wallets).set({ balance: 45 }).where(eq(wallets.id, walletId)))
  }, 30_000)

  test('an unknown shop is a 404 and queues nothing, in the console and the API', async () => {
    const res = await portal(getApp(), cast.admin, '/admin/reconciliation/runs', {
      htmx: true,
      form: { tenant_id: 'ten_nosuchshop' },
    })
    expect(res.status).toBe(404)
    const api = await getApp().json<{ error: { code: string } }>('/api/v1/admin/reconciliation-runs', {
      method: 'POST',
      headers: cast.admin.headers,
      body: { tenant_id: 'ten_nosuchshop' } as never,
    })
    expect(api.status).toBe(404)
    expect(api.body.error.code).toBe('not_found')
    expect(await getApp().deps.queues.get('maintenance').getJobCounts('waiting')).toEqual({ waiting: 0 })
  })

  test('run now → polling progress → finished run with its findings', async () => {
    const started = await portal(getApp(), cast.admin, '/admin/reconciliation/runs', { htmx: true, form: {} })
    expect(started.status).toBe(202)
    expect(started.text).toContain('data-state="queued"')
    expect(started.text).toContain('hx-trigger="every 2s"')
    const poll = /hx-get="(\/admin\/reconciliation\/jobs\/reconcile-manual-\d+)"/.exec(started.text)?.[1]
    expect(poll).toBeDefined()

    workers = await startWorkers(getApp().deps)
    let fragment = ''
    for (let i = 0; i < 100; i++) {
      fragment = (await portal(getApp(), cast.admin, poll!, { htmx: true })).text
      if (fragment.includes('data-state="finished"')) break
      await Bun.sleep(100)
    }
    expect(fragment).toContain('data-state="finished"')
    expect(fragment).not.toContain('hx-trigger')
    expect(fragment).toContain('1 finding.')
    const runLink = /href="(\/admin\/reconciliation\/runs\/rec_[0-9a-z]+)"/.exec(fragment)?.[1]

    const run = await portal(getApp(), cast.admin, runLink!)
    expect(run.status).toBe(200)
    expect(run.text).toContain('projection_mismatch')
    expect(run.text).toContain(walletId)
    expect(run.text).toContain('healed')
    const list = await portal(getApp(), cast.admin, '/admin/reconciliation')
    expect(list.text).toContain(runLink!)
  }, 30_000)

  test('an unknown run is a 404', async () => {
    expect((await portal(getApp(), cast.admin, '/admin/reconciliation/runs/rec_nothing')).status).toBe(404)
  })

  test('the nightly POS reconciliation reports are listed with their outcome', async () => {
    const db = getApp().deps.dbh.db
    const [conn] = await asSystem(db, (tx) =>
      tx
        .insert(posConnections)
        .values({ id: 'con_recon_report', tenantId: cast.tenant.id, provider: 'square', externalMerchantId: 'MRECON' })
        .returning(),
    )
    const now = new Date()
    await asSystem(db, (tx) =>
      tx.insert(posReconciliationReports).values({
        id: 'prr_1',
        tenantId: cast.tenant.id,
        connectionId: conn!.id,
        provider: 'square',
        windowStart: new Date(now.getTime() - 48 * 3600_000),
        windowEnd: now,
        posCount: 12,
        ingestedCount: 10,
        missing: ['p1', 'p2'],
        outcome: 'repaired',
      }),
    )
    const page = await portal(getApp(), cast.admin, '/admin/reconciliation')
    expect(page.status).toBe(200)
    const row = page.text.slice(page.text.indexOf('pos-reports'))
    expect(row).toContain((await getTenant(db, cast.tenant.id))!.name)
    expect(row).toMatch(/<td class="num">12<\/td><td class="num">10<\/td><td class="num">2<\/td>/)
    expect(row).toContain('badge warn">Missing sales fed back in')
  })
})
