import { describe, expect, test } from 'bun:test'
import { purgeExpired } from '../../jobs/purge-expired'
import { idempotencyKeys } from '../../src/idempotency/idempotency.schema'
import { asSystem } from '../../src/infra/scope'
import { notifications } from '../../src/notify'
import { inboxEvents } from '../../src/pos/pos.schema'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp()
const DAY = 86_400_000

describe('retention', () => {
  test('old idempotency keys, delivered codes and finished webhook bodies go; recent and pending ones stay', async () => {
    const { deps } = getApp()
    const db = deps.dbh.db
    const old = new Date(Date.now() - 31 * DAY)
    const recent = new Date(Date.now() - 2 * DAY)
    await db.insert(idempotencyKeys).values([
      { scopeTenant: '', callerId: 'u1', key: 'old', route: 'r', requestHash: 'h', createdAt: old },
      { scopeTenant: '', callerId: 'u1', key: 'new', route: 'r', requestHash: 'h', createdAt: recent },
    ])
    await db.insert(notifications).values([
      {
        id: 'msg_old_sent',
        channel: 'sms',
        to: '+15550000001',
        body: 'Your code is 123456',
        status: 'sent',
        createdAt: old,
      },
      {
        id: 'msg_old_pending',
        channel: 'sms',
        to: '+15550000002',
        body: 'Your code is 654321',
        status: 'pending',
        createdAt: old,
      },
    ])
    const body = JSON.stringify({ customer: { email: 'ana@example.com' } })
    await asSystem(db, (tx) =>
      tx.insert(inboxEvents).values([
        {
          id: 'whk_old_done',
          provider: 'square',
          providerEventId: 'e1',
          eventType: 'payment.updated',
          rawBody: body,
          status: 'processed',
          receivedAt: old,
        },
        {
          id: 'whk_old_failed',
          provider: 'square',
          providerEventId: 'e2',
          eventType: 'payment.updated',
          rawBody: body,
          status: 'failed',
          receivedAt: old,
        },
        {
          id: 'whk_recent',
          provider: 'square',
          providerEventId: 'e3',
          eventType: 'payment.updated',
          rawBody: body,
          status: 'processed',
          receivedAt: recent,
        },
      ]),
    )
    expect(await purgeExpired(deps)).toEqual({ idempotencyKeys: 1, notifications: 1, webhookBodies: 1 })
    expect((await db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(['new'])
    expect((await db.select().from(notifications)).map((n) => n.id)).toEqual(['msg_old_pending'])
    const events = await asSystem(db, (tx) => tx.select().from(inboxEvents))
    const byId = Object.fromEntries(events.map((e) => [e.id, e.rawBody]))
    expect(byId).toEqual({ whk_old_done: '', whk_old_failed: body, whk_recent: body })
    expect(await purgeExpired(deps)).toEqual({ idempotencyKeys: 0, notifications: 0, webhookBodies: 0 })
  })
})
