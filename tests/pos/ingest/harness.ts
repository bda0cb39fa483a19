// Shared set-up for ingestion tests: link a POS merchant to a tenant, wait for processing, and
// read back what it produced (transactions, inbox rows, the member's balance) in the tenant's scope.
import { and, eq, sql } from 'drizzle-orm'
import type { AppDeps } from '../../../src/infra/deps'
import { asSystem, inTenant } from '../../../src/infra/scope'
import { ledgerEntries, wallets } from '../../../src/ledger'
import { members, normalizeEmail, normalizePhone } from '../../../src/members'
import { tokenCipher } from '../../../src/pos/connection/token-vault'
import type { PosProvider } from '../../../src/pos'
import { inboxEvents, posConnections, posTransactions } from '../../../src/pos/pos.schema'
import { newId } from '../../../src/shared/ids'

export async function linkMerchant(
  deps: AppDeps,
  tenantId: string,
  provider: PosProvider,
  externalMerchantId: string,
  accessToken?: string,
) {
  const id = newId('con')
  const accessTokenEnc = accessToken ? await (await tokenCipher(deps.config)).encrypt(accessToken) : null
  await asSystem(deps.dbh.db, (tx) =>
    tx.insert(posConnections).values({
      id,
      tenantId,
      provider,
      externalMerchantId,
      authMode: accessToken ? 'oauth' : 'manual',
      accessTokenEnc,
    }),
  )
  return id
}

export const transactionsOf = (deps: AppDeps, tenantId: string) =>
  inTenant(deps.dbh.db, { tenantId }, (tx) =>
    tx.select().from(posTransactions).where(eq(posTransactions.tenantId, tenantId)),
  )

export const inboxRows = (deps: AppDeps) => asSystem(deps.dbh.db, (tx) => tx.select().from(inboxEvents))

/** The balance of the member holding this phone or email in the tenant, or null when there is none. */
export async function balanceOf(deps: AppDeps, tenantId: string, contact: string): Promise<number | null> {
  const phone = normalizePhone(contact)
  const email = normalizeEmail(contact)
  const [row] = await inTenant(deps.dbh.db, { tenantId }, (tx) =>
    tx
      .select({ balance: wallets.balance })
      .from(members)
      .innerJoin(wallets, eq(wallets.memberId, members.id))
      .where(and(eq(members.tenantId, tenantId), email ? eq(members.email, email) : eq(members.phone, phone ?? ''))),
  )
  return row?.balance ?? null
}

/** Earn entries written for POS transactions, across every tenant: the storm's "effects". */
export async function posEffects(deps: AppDeps): Promise<number> {
  const [row] = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.type, 'earn'), eq(ledgerEntries.referenceType, 'pos_txn'))),
  )
  return row?.n ?? 0
}

export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last = await probe()
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(last)}`)
    await Bun.sleep(50)
    last = await probe()
  }
  return last
}

export const webhookSecrets = {
  SQUARE_WEBHOOK_SIGNATURE_KEY: 'square-signature-key',
  SQUARE_WEBHOOK_URL: 'https://hooks.salesarck.test/webhooks/square',
  CLOVER_WEBHOOK_AUTH_CODE: 'clover-auth-code',
  SHOPIFY_API_SECRET: 'shopify-api-secret',
  LIGHTSPEED_CLIENT_SECRET: 'lightspeed-client-secret',
  TOAST_WEBHOOK_SECRET: 'toast-webhook-secret',
}

/** A Square payment.updated delivery, COMPLETED, in the fixture's shape. */
export function squarePayment(p: {
  merchantId: string
  eventId: string
  paymentId: string
  total: number
  email?: string
  customerId?: string
}) {
  return JSON.stringify({
    merchant_id: p.merchantId,
    type: 'payment.updated',
    event_id: p.eventId,
    created_at: '2026-06-02T17:41:09Z',
    data: {
      type: 'payment',
      id: p.paymentId,
      object: {
        payment: {
          id: p.paymentId,
          created_at: '2026-06-02T17:41:05Z',
          amount_money: { amount: p.total, currency: 'USD' },
          total_money: { amount: p.total, currency: 'USD' },
          status: 'COMPLETED',
          ...(p.email && { buyer_email_address: p.email }),
          ...(p.customerId && { customer_id: p.customerId }),
        },
      },
    },
  })
}

export function squareRefund(p: {
  merchantId: string
  eventId: string
  refundId: string
  paymentId: string
  amount: number
}) {
  return JSON.stringify({
    merchant_id: p.merchantId,
    type: 'refund.updated',
    event_id: p.eventId,
    created_at: '2026-06-03T09:00:02Z',
    data: {
      type: 'refund',
      id: p.refundId,
      object: {
        refund: {
          id: p.refundId,
          status: 'COMPLETED',
          amount_money: { amount: p.amount, currency: 'USD' },
          payment_id: p.paymentId,
          created_at: '2026-06-03T09:00:00Z',
          updated_at: '2026-06-03T09:00:01Z',
        },
      },
    },
  })
}

export function squareCustomer(p: {
  merchantId: string
  eventId: string
  customerId: string
  phone?: string
  email?: string
}) {
  return JSON.stringify({
    merchant_id: p.merchantId,
    type: 'customer.updated',
    event_id: p.eventId,
    created_at: '2026-06-03T09:00:02Z',
    data: {
      type: 'customer',
      id: p.customerId,
      object: {
        customer: {
          id: p.customerId,
          ...(p.phone && { phone_number: p.phone }),
          ...(p.email && { email_address: p.email }),
        },
      },
    },
  })
}
