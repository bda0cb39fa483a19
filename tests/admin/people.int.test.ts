// Admin console, people: only admins; the search masks contacts; an adjustment needs a reason
// (422 onto the field, nothing written), writes one ledger entry and one audit record with
// before/after, and a double submit of the same attempt adjusts once.
import { beforeAll, describe, expect, test } from 'bun:test'
import { listAudit } from '../../src/audit'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'
import { type PortalCall, portal, refusedToNonAdmins } from './portal'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
let walletId: string
const phone = '+14155550123'
const email = 'pat.person@example.com'

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  walletId = (await seedWallet(getApp().deps.dbh.db, cast.tenant.id, { phone, email, points: 100 })).wallet.id
})

const adjust = (form: Record<string, string>) =>
  portal(getApp(), cast.admin, `/admin/wallets/${walletId}/adjustments`, {
    htmx: true,
    form: { request_key: crypto.randomUUID(), ...form },
  })

describe('admin console: people', () => {
  test('consumers and merchants get 403', async () => {
    const calls: PortalCall[] = [
      { path: '/admin/people' },
      { path: '/admin/people/search', form: { q: phone } },
      {
        path: `/admin/wallets/${walletId}/adjustments`,
        form: { points: '5', reason: 'x', request_key: crypto.randomUUID() },
      },
    ]
    expect(await refusedToNonAdmins(getApp(), cast, calls)).toEqual([])
    expect((await walletSums(getApp().deps.dbh.db, walletId)).balance).toBe(100)
  })

  test('search by phone or email shows the wallets with masked contacts', async () => {
    for (const q of ['(415) 555-0123', 'Pat.Person@example.com']) {
      const r = await portal(getApp(), cast.admin, '/admin/people/search', { htmx: true, form: { q } })
      expect(r.status).toBe(200)
      expect(r.text).toContain(`id="balance-${walletId}"`)
      expect(r.text).toContain('100 pts')
      expect(r.text).toContain('•••• 0123')
      expect(r.text).toContain('pa•••on@example.com')
      expect(r.text).not.toContain(phone)
      expect(r.text).not.toContain(email)
    }
    const page = await portal(getApp(), cast.admin, '/admin/people')
    expect(page.text).toContain('href="/admin/audit"')
  })

  test('an unreadable query is a 422 with a message', async () => {
    const r = await portal(getApp(), cast.admin, '/admin/people/search', { htmx: true, form: { q: 'nobody' } })
    expect(r.status).toBe(422)
    expect(r.text).toContain('id="q-error"')
  })

  test('no reason or bad points → 422 partials onto the fields, nothing written', async () => {
    const before = (await listAudit(getApp().deps.dbh.db, { targetId: walletId })).length
    const noReason = await adjust({ points: '50', reason: '   ' })
    expect(noReason.status).toBe(422)
    expect(noReason.text).toContain(`<hx-partial hx-target="#adj-${walletId}-reason-error">Give a reason`)
    const badPoints = await adjust({ points: '0', reason: 'goodwill' })
    expect(badPoints.status).toBe(422)
    expect(badPoints.text).toContain(`<hx-partial hx-target="#adj-${walletId}-points-error">Enter a whole number`)
    expect((await walletSums(getApp().deps.dbh.db, walletId)).balance).toBe(100)
    expect(await listAudit(getApp().deps.dbh.db, { targetId: walletId })).toHaveLength(before)
  })

  test('an adjustment with a reason: new balance, the entry, and an audit record with before/after; a double submit adjusts once', async () => {
    const key = crypto.randomUUID()
    const first = await adjust({ points: '+50', reason: 'Missed stamp at the till', request_key: key })
    expect(first.status).toBe(200)
    expect(first.text).toContain(`<hx-partial hx-target="#balance-${walletId}">150 pts</hx-partial>`)
    expect(first.text).toMatch(/Ledger entry <code>ent_/)
    const again = await adjust({ points: '+50', reason: 'Missed stamp at the till', request_key: key })
    expect(again.status).toBe(200)
    expect(await walletSums(getApp().deps.dbh.db, walletId)).toEqual({ balance: 150, ledger: 150, lots: 150 })
    const [audit, ...rest] = await listAudit(getApp().deps.dbh.db, { targetId: walletId, action: 'wallet.adjust' })
    expect(rest).toHaveLength(0)
    expect(audit).toMatchObject({
      actorUserId: cast.admin.userId,
      reason: 'Missed stamp at the till',
      before: { balance: 100 },
      after: { balance: 150, points: 50 },
    })
  })

  test('removing more than the balance is refused on the form', async () => {
    const r = await adjust({ points: '-1000', reason: 'clawback' })
    expect(r.status).toBe(422)
    expect(r.text).toContain('not enough points')
    expect((await walletSums(getApp().deps.dbh.db, walletId)).balance).toBe(150)
  })

  test('without htmx a successful adjustment lands on the wallet’s audit history', async () => {
    const r = await portal(getApp(), cast.admin, `/admin/wallets/${walletId}/adjustments`, {
      form: { points: '-10', reason: 'duplicate award', request_key: crypto.randomUUID() },
    })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/admin/audit?target_id=${walletId}`)
  })
})
