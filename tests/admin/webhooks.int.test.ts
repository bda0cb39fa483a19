// Admin console, webhook events: only admins; failed / unknown-merchant / recent views; the raw
// body (which can carry a customer's contact details) is never rendered; a replay puts the row
// back to received, queues a fresh job and leaves an audit record.
import { beforeAll, describe, expect, test } from 'bun:test'
import { listAudit } from '../../src/audit'
import { asSystem } from '../../src/infra/scope'
import { jobIdFor } from '../../src/pos/ingest/enqueue-inbox-events'
import { inboxEvents } from '../../src/pos/pos.schema'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { portal, refusedToNonAdmins } from './portal'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
const ids = { failed: newId('whk'), unmatched: newId('whk'), processed: newId('whk') }
const RAW = JSON.stringify({
  customer: { phone: '+15557654321', email: 'hidden.buyer@example.org', given_name: 'Quentin' },
})

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  const base = {
    provider: 'square' as const,
    eventType: 'payment.updated',
    rawBody: RAW,
    headers: { 'x-square-secret-ish': 'Quentin' },
  }
  await asSystem(getApp().deps.dbh.db, (tx) =>
    tx.insert(inboxEvents).values([
      {
        ...base,
        id: ids.failed,
        providerEventId: 'evt-failed',
        externalMerchantId: 'SQ-KNOWN',
        tenantId: cast.tenant.id,
        status: 'failed',
        attempts: 5,
        lastError: 'Error: member hidden.buyer@example.org clashed',
      },
      {
        ...base,
        id: ids.unmatched,
        providerEventId: 'evt-unmatched',
        externalMerchantId: 'SQ-NOBODY',
        status: 'unmatched_merchant',
      },
      {
        ...base,
        id: ids.processed,
        providerEventId: 'evt-ok',
        externalMerchantId: 'SQ-KNOWN',
        tenantId: cast.tenant.id,
        status: 'processed',
        attempts: 1,
      },
    ]),
  )
})

const neverRaw = (html: string) => {
  for (const s of ['+15557654321', 'hidden.buyer@example.org', 'Quentin', 'given_name']) expect(html).not.toContain(s)
}

describe('admin console: webhook events', () => {
  test('consumers and merchants get 403', async () => {
    const calls = [
      { path: '/admin/webhook-events' },
      { path: `/admin/webhook-events/${ids.failed}/replay`, form: { reason: 'x' } },
    ]
    expect(await refusedToNonAdmins(getApp(), cast, calls)).toEqual([])
  })

  test('failed (the default), unknown merchant and recent views; never the raw body; errors scrubbed', async () => {
    const failed = await portal(getApp(), cast.admin, '/admin/webhook-events')
    expect(failed.status).toBe(200)
    expect(failed.text).toContain(`id="whk-${ids.failed}"`)
    expect(failed.text).not.toContain(`id="whk-${ids.processed}"`)
    expect(failed.text).toContain('SQ-KNOWN')
    expect(failed.text).toContain('payment.updated')
    expect(failed.text).toContain('[REDACTED]')
    neverRaw(failed.text)
    const unmatched = await portal(getApp(), cast.admin, '/admin/webhook-events?view=unmatched', { htmx: true })
    expect(unmatched.text).toContain(`id="whk-${ids.unmatched}"`)
    expect(unmatched.text).not.toContain(`id="whk-${ids.failed}"`)
    const recent = await portal(getApp(), cast.admin, '/admin/webhook-events?view=recent&merchant=SQ-KNOWN', {
      htmx: true,
    })
    expect(recent.text).toContain(`id="whk-${ids.processed}"`)
    expect(recent.text).not.toContain(`id="whk-${ids.unmatched}"`)
    neverRaw(unmatched.text + recent.text)
  })

  test('replay re-enqueues the event and is audited', async () => {
    const r = await portal(getApp(), cast.admin, `/admin/webhook-events/${ids.failed}/replay`, {
      htmx: true,
      form: { reason: 'bug fixed in rules' },
    })
    expect(r.status).toBe(200)
    expect(r.text).toContain('data-status="received"')
    expect(r.text).toContain('queued for processing again')
    neverRaw(r.text)
    const jobs = await getApp().deps.queues.get('pos-events').getJobs(['waiting', 'delayed', 'prioritized'])
    expect(jobs.some((j) => j.id?.startsWith(jobIdFor(ids.failed, 'r')))).toBe(true)
    const [audit] = await listAudit(getApp().deps.dbh.db, { targetId: ids.failed, action: 'webhook_event.replay' })
    expect(audit).toMatchObject({
      actorUserId: cast.admin.userId,
      reason: 'bug fixed in rules',
      before: { status: 'failed', attempts: 5 },
      after: { status: 'received' },
    })
  })

  test('an unknown merchant’s event stays parked; the default reason matches the API', async () => {
    const r = await portal(getApp(), cast.admin, `/admin/webhook-events/${ids.unmatched}/replay`, {
      htmx: true,
      form: {},
    })
    expect(r.text).toContain('data-status="unmatched_merchant"')
    const [audit] = await listAudit(getApp().deps.dbh.db, { targetId: ids.unmatched })
    expect(audit?.reason).toBe('replayed by a platform admin')
  })
})
