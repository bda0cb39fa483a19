// Group commit at receipt (ADR 0019): deliveries that arrive together share one INSERT. What a
// provider must still be able to count on: each delivery is stored exactly once, a redelivery in
// the same group is recognised as one, and a delivery the database refuses fails alone.
import { describe, expect, test } from 'bun:test'
import { inArray } from 'drizzle-orm'
import { asSystem } from '../../../src/infra/scope'
import { inboxEvents } from '../../../src/pos/pos.schema'
import { type Delivery, storeDelivery } from '../../../src/pos/ingest/store-delivery'
import { newId } from '../../../src/shared/ids'
import { useTestApp } from '../../helpers/app'

const getApp = useTestApp()

const delivery = (eventId: string, over: Partial<Delivery> = {}): Delivery => ({
  id: newId('whk'),
  provider: 'square',
  providerEventId: eventId,
  externalMerchantId: 'MGROUP',
  eventType: 'payment.updated',
  rawBody: `{"event_id":"${eventId}","note":"quotes \\" and back\\\\slashes, ünïcödé ☕"}`,
  headers: { 'content-type': 'application/json', 'square-environment': 'Production' },
  receivedAt: new Date('2026-06-02T17:41:09.123Z'),
  ...over,
})

const rowsOf = (ids: string[]) =>
  asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(inboxEvents).where(inArray(inboxEvents.id, ids)))

describe('storing deliveries that arrive together', () => {
  test('200 concurrent deliveries: each stored once, byte for byte, and answered with its own id', async () => {
    const db = getApp().deps.dbh.db
    const sent = Array.from({ length: 200 }, (_, i) => delivery(`evt-group-${i}`))
    const ids = await Promise.all(sent.map((d) => storeDelivery(db, d)))
    expect(ids).toEqual(sent.map((d) => d.id))
    const rows = await rowsOf(ids as string[])
    expect(rows).toHaveLength(200)
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const d of sent) {
      const row = byId.get(d.id)!
      expect(row.rawBody).toBe(d.rawBody)
      expect(row.headers).toEqual(d.headers)
      expect(row.providerEventId).toBe(d.providerEventId)
      expect(row.receivedAt.toISOString()).toBe(d.receivedAt.toISOString())
      expect(row).toMatchObject({ status: 'received', tenantId: null, source: 'webhook', attempts: 0 })
    }
  })

  test('copies of one event sent at once, and again later: one row, every other copy a duplicate', async () => {
    const db = getApp().deps.dbh.db
    const copies = Array.from({ length: 12 }, () => delivery('evt-group-dup'))
    const ids = await Promise.all(copies.map((d) => storeDelivery(db, d)))
    const stored = ids.filter((id) => id !== null)
    expect(stored).toHaveLength(1)
    expect(await storeDelivery(db, delivery('evt-group-dup'))).toBeNull()
    const rows = await rowsOf(copies.map((d) => d.id))
    expect(rows.map((r) => r.id)).toEqual(stored as string[])
  })

  test('a delivery the database refuses fails alone; the others in its group are stored', async () => {
    const db = getApp().deps.dbh.db
    const taken = delivery('evt-group-first')
    await storeDelivery(db, taken)
    // Several statements in flight make the later deliveries wait and share one; the last of
    // them reuses a stored row id, which the database refuses (primary key).
    const batch = Array.from({ length: 20 }, (_, i) => delivery(`evt-group-poison-${i}`))
    batch.push(delivery('evt-group-poison-x', { id: taken.id }))
    const results = await Promise.allSettled(batch.map((d) => storeDelivery(db, d)))
    expect(results.at(-1)!.status).toBe('rejected')
    const fine = results.slice(0, -1)
    expect(fine.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(fine.map((r) => (r as PromiseFulfilledResult<string | null>).value)).toEqual(
      batch.slice(0, -1).map((d) => d.id),
    )
    expect(await rowsOf(batch.slice(0, -1).map((d) => d.id))).toHaveLength(20)
  })
})
