// The delayed BullMQ job (not the sweeper) returns an unused code's points, through a real
// worker: the path a code takes when everything is healthy.
import { afterAll, describe, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../jobs/worker'
import { inTenant } from '../../src/infra/scope'
import { issueRedemption, scheduleRedemptionExpiry } from '../../src/ledger'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp()
let workers: WorkerRuntime | undefined

describe('redemption expiry job', () => {
  test('an unused code expires on its delayed job and its points come back once', async () => {
    const { deps } = getApp()
    const tenant = await makeTenant(deps)
    const { wallet } = await seedWallet(deps.dbh.db, tenant.id, { phone: '+14155550123', points: 100 })
    const now = new Date()
    // Issued 16 minutes ago with the default 15-minute TTL: due a minute ago.
    const issuedAt = new Date(now.getTime() - 16 * 60_000)
    const r = await inTenant(deps.dbh.db, { tenantId: tenant.id }, (tx) =>
      issueRedemption(
        tx,
        { tenantId: tenant.id },
        { walletId: wallet.id, points: 30, shopName: 'Shop', now: issuedAt },
      ),
    )
    expect((await walletSums(deps.dbh.db, wallet.id)).ledger).toBe(70)
    await scheduleRedemptionExpiry(deps.queues, { id: r.id, tenantId: tenant.id, expiresAt: r.expiresAt }, now)
    await scheduleRedemptionExpiry(deps.queues, { id: r.id, tenantId: tenant.id, expiresAt: r.expiresAt }, now) // a replayed request: same job id
    workers = await startWorkers(deps)
    const queue = deps.queues.get('redemptions')
    const end = Date.now() + 15_000
    while (!(await queue.getJob(`expire-${r.id}`))?.finishedOn && Date.now() < end) await Bun.sleep(100)
    const job = await queue.getJob(`expire-${r.id}`)
    expect(job?.returnvalue).toEqual({ returned: true })
    expect((await walletSums(deps.dbh.db, wallet.id)).ledger).toBe(100)
  }, 30_000)
})
