// A deploy migrates the database while the previous release's workers keep processing (ADR 0019,
// "Prepared statements on the award path"): the statements a worker prepared before the
// migration must go on working after it adds columns and widens the ones they return.
import { expect, test } from 'bun:test'
import { processInboxEvent } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { adminSql } from '../../helpers/db'
import { makeTenant } from '../../helpers/identities'
import { balanceOf, inboxRows, linkMerchant, squarePayment, transactionsOf, webhookSecrets } from './harness'

const getApp = useTestApp(webhookSecrets)
let n = 0

async function sell(merchantId: string, email: string, total: number) {
  const id = `p-${++n}`
  const body = squarePayment({ merchantId, eventId: `e-${id}`, paymentId: id, total, email })
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  const outcomes: string[] = []
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') outcomes.push(await processInboxEvent(getApp().deps, row.id))
  return outcomes
}

test('sales go on being awarded, first time, after a migration adds and widens columns under the worker', async () => {
  // given a worker that has awarded sales, its statements prepared on its connections
  const t = getApp()
  const tenantId = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, tenantId, 'square', 'M-MIGRATE')
  for (let i = 0; i < 6; i++)
    expect(await sell('M-MIGRATE', `regular${i % 2}@example.com`, 1_000)).toEqual(['processed'])

  // when a release migrates: new columns, and wider types for columns the worker reads back
  const admin = adminSql(new URL(t.config.DATABASE_URL ?? '').pathname.slice(1))
  await admin.unsafe(`
    alter table pos_transactions add column loyalty_note text, alter column reason type varchar(200);
    alter table members add column nickname text, alter column email type varchar(320);
    alter table wallets add column label text;
    alter table ledger_entries add column note text;
    alter table webhook_events add column note text, alter column last_error type varchar(2000);
    alter table tenants add column motto text, alter column name type varchar(300);
  `)
  await admin.end()

  // then the same process awards a known guest's sale and a new guest's, each at the first attempt
  expect(await sell('M-MIGRATE', 'regular0@example.com', 2_500)).toEqual(['processed'])
  expect(await sell('M-MIGRATE', 'newcomer@example.com', 700)).toEqual(['processed'])
  expect(await balanceOf(t.deps, tenantId, 'regular0@example.com')).toBe(3 * 10 + 25)
  expect(await balanceOf(t.deps, tenantId, 'newcomer@example.com')).toBe(7)
  expect((await transactionsOf(t.deps, tenantId)).every((x) => x.state === 'awarded')).toBe(true)
})
