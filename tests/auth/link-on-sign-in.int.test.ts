// Points earned at the till before anyone signed in must show up the first time that person
// signs in with the same phone or email, through the real OTP flow.
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'

const getApp = useTestApp()

async function pointsAtTheTill(tenantId: string, identity: { phone?: string; email?: string }, points: number) {
  const { deps } = getApp()
  const scope = { tenantId }
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const member = await findOrCreateMemberByIdentity(tx, scope, identity)
    const wallet = await ensureWallet(tx, scope, member.id)
    await earn(tx, scope, {
      walletId: wallet.id,
      points,
      referenceType: 'pos_txn',
      referenceId: crypto.randomUUID(),
      ruleVersionId: null,
      explanation: `$${points}.00 → ${points} pts`,
    })
    return wallet.id
  })
}

async function signInWithCode(destination: string) {
  const { json } = getApp()
  expect((await json('/api/v1/auth/otp', { method: 'POST', body: { destination } })).status).toBe(202)
  const outbox = (await json<{ body: string }[]>('/dev/outbox.json')).body
  const code = /\b(\d{6})\b/.exec(outbox[0]!.body)![1]!
  const r = await json<{ access_token: string }>('/api/v1/auth/verify', { method: 'POST', body: { destination, code } })
  expect(r.status).toBe(200)
  return { authorization: `Bearer ${r.body.access_token}` }
}

describe('wallets appear at first sign-in', () => {
  test('a phone used at two shops before signing up brings both wallets, with their balances', async () => {
    const { deps, json } = getApp()
    const a = await makeTenant(deps, { name: 'Corner Café' })
    const b = await makeTenant(deps, { name: 'Book Nook' })
    const walletA = await pointsAtTheTill(a.id, { phone: '+14155550111' }, 40)
    const walletB = await pointsAtTheTill(b.id, { phone: '+14155550111' }, 12)
    await pointsAtTheTill(b.id, { phone: '+14155550999' }, 99) // someone else's
    const headers = await signInWithCode('+1 415 555 0111')
    const wallets = await json<{ wallet_id: string; tenant_name: string; balance: number }[]>(
      '/api/v1/consumer/wallets',
      { headers },
    )
    expect(wallets.body.map((w) => [w.wallet_id, w.tenant_name, w.balance]).sort()).toEqual(
      [
        [walletA, 'Corner Café', 40],
        [walletB, 'Book Nook', 12],
      ].sort(),
    )
  })

  test('an email seen on a receipt links the same way, whatever its case', async () => {
    const { deps, json } = getApp()
    const t = await makeTenant(deps, { name: 'Florist' })
    await pointsAtTheTill(t.id, { email: 'mia@example.com', phone: '+14155550222' }, 7)
    const byEmail = await signInWithCode('Mia@Example.com')
    const wallets = await json<{ tenant_name: string; balance: number }[]>('/api/v1/consumer/wallets', {
      headers: byEmail,
    })
    expect(wallets.body).toEqual([expect.objectContaining({ tenant_name: 'Florist', balance: 7 })])
  })
})
