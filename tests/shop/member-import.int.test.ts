// Members with opening balances from another loyalty system (shop essentials 5), through the
// API as an integration would send them: preview first, then import; the same file twice
// imports nothing twice; existing members get their points on top; refusals name line and why.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq, sql } from 'drizzle-orm'
import { auditEvents } from '../../src/audit/audit.schema'
import { asSystem } from '../../src/infra/scope'
import { ledgerEntries, lots, wallets } from '../../src/ledger'
import { findOrCreateMemberByIdentity, members } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})

const post = (csv: string, dryRun: boolean, who: { headers: Record<string, string> } = cast.owner) =>
  getApp().json<Record<string, unknown>>(`/api/v1/merchant/imports/members?dry_run=${dryRun}`, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'text/csv' },
    body: csv,
  })

const memberByEmail = async (email: string) => {
  const list = await getApp().json<{ members: { member_id: string; balance: number; email: string }[] }>(
    `/api/v1/merchant/members?q=${encodeURIComponent(email)}`,
    { headers: cast.owner.headers },
  )
  return list.body.members.find((m) => m.email === email)
}

const FILE = [
  'Phone,Email,Name,Points',
  '+1 415 555 0101,ana.old@example.com,Ana,120',
  ',ben.old@example.com,Ben,40',
  '(415) 555-0101,,Ana again,30', // same person as line 2 by phone: merged, 150 in total
  ',not-an-email,Nobody,10',
  '+14155550199,,,ten',
  ',,No contact,5',
  '+14155550123,,"=HYPERLINK(""http://evil"")",0',
].join('\r\n')

describe('member import', () => {
  test('the preview says what would happen, row by row, and saves nothing', async () => {
    const before = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(members).where(eq(members.tenantId, cast.tenant.id)),
    )
    const res = await post(FILE, true)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 1, new_members: 3, already_imported: 0 })
    expect(res.body.imported).toBeUndefined()
    expect(res.body.rejected).toEqual([
      { row: 5, reason: 'the email address is not valid' },
      { row: 6, reason: 'points must be a whole number from 0 to 1,000,000,000' },
      { row: 7, reason: 'needs a phone number or an email address' },
    ])
    const after = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(members).where(eq(members.tenantId, cast.tenant.id)),
    )
    expect(after.length).toBe(before.length)
  })

  test('import credits one "brought over" entry per member; the same file again changes nothing', async () => {
    const first = await post(FILE, false)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ accepted: 3, imported: 2, new_members: 3 })
    const ana = await memberByEmail('ana.old@example.com')
    expect(ana?.balance).toBe(150)
    const detail = await getApp().json<{ entries: { type: string; points: number; explanation: string }[] }>(
      `/api/v1/merchant/members/${ana!.member_id}`,
      { headers: cast.owner.headers },
    )
    expect(detail.body.entries).toEqual([
      expect.objectContaining({
        type: 'import',
        points: 150,
        explanation: 'Points brought over from your previous loyalty programme',
      }),
    ])

    const again = await post(FILE, false)
    // The member with 0 points has no balance to bring over, so only two were imported before.
    expect(again.body).toMatchObject({ accepted: 3, imported: 0, new_members: 0, already_imported: 2 })
    expect((await memberByEmail('ana.old@example.com'))?.balance).toBe(150)
    expect((await memberByEmail('ben.old@example.com'))?.balance).toBe(40)

    const audits = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'members.import'), eq(auditEvents.targetTenantId, cast.tenant.id))),
    )
    expect(audits.map((a) => (a.after as { imported: number }).imported)).toEqual([2, 0])
    expect(audits[0]?.actorUserId).toBe(cast.owner.userId)
  })

  test('a member who already earned at the till keeps those points and gets the import on top', async () => {
    const db = getApp().deps.dbh.db
    const { wallet } = await seedWallet(db, cast.tenant.id, { email: 'cleo@example.com', points: 25 })
    const res = await post('email,points\nCLEO@example.com,75\n', false)
    expect(res.body).toMatchObject({ accepted: 1, imported: 1, new_members: 0 })
    expect(await walletSums(db, wallet.id)).toEqual({ balance: 100, ledger: 100, lots: 100 })
  })

  test('a row whose phone and email belong to two different members is refused, not merged', async () => {
    const db = getApp().deps.dbh.db
    await seedWallet(db, cast.tenant.id, { phone: '+14155550777', points: 1 })
    await seedWallet(db, cast.tenant.id, { email: 'dana@example.com', points: 1 })
    const res = await post('phone,email,points\n+14155550777,dana@example.com,50\n', false)
    expect(res.body).toMatchObject({
      accepted: 0,
      imported: 0,
      rejected: [{ row: 2, reason: 'its phone and its email belong to two different existing members' }],
    })
  })

  test('bad files get a clear 4xx and staff cannot import', async () => {
    expect((await post('name\nAna\n', true)).status).toBe(400)
    expect((await post('name\nAna\n', true)).body).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining('points column') },
    })
    const json = await getApp().json('/api/v1/merchant/imports/members?dry_run=true', {
      method: 'POST',
      headers: cast.owner.headers,
      body: { csv: 'phone,points' },
    })
    expect(json.status).toBe(415)
    expect((await post(FILE, true, cast.staff)).status).toBe(403)
  })
  test('two rows the file keeps apart but the shop knows as one member: the later one is refused, preview and import alike', async () => {
    const db = getApp().deps.dbh.db
    // Next to each other, and more than one chunk of the import apart.
    for (const gap of [0, 5_200]) {
      const shop = await makeCast(getApp().deps)
      // Known by phone and email, without a wallet yet (added by hand, never earned).
      const known = await findOrCreateMemberByIdentity(
        db,
        { tenantId: shop.tenant.id },
        { phone: '+14155550888', email: 'eve@example.com' },
      )
      const filler = Array.from({ length: gap }, (_, i) => `+1628${String(1_000_000 + i).slice(-7)},,Guest ${i},1`)
      const file = ['phone,email,name,points', '+14155550888,,Eve,10', ...filler, ',eve@example.com,Eve again,20']
      const refused = [{ row: gap + 3, reason: 'it names the same existing member as row 2: put them on one row' }]

      const preview = await post(file.join('\n'), true, shop.owner)
      expect(preview.status).toBe(200)
      expect(preview.body).toMatchObject({
        accepted: gap + 1,
        new_members: gap,
        already_imported: 0,
        rejected: refused,
      })
      const real = await post(file.join('\n'), false, shop.owner)
      expect(real.body).toEqual({ ...preview.body, imported: gap + 1 })

      const [wallet] = await asSystem(db, (tx) => tx.select().from(wallets).where(eq(wallets.memberId, known.id)))
      expect(await walletSums(db, wallet!.id)).toEqual({ balance: 10, ledger: 10, lots: 10 })
      const again = await post(file.join('\n'), false, shop.owner)
      expect(again.body).toMatchObject({ imported: 0, already_imported: gap + 1, rejected: refused })
    }
  }, 60_000)

  test('names and contacts arrive as written: quotes, commas, backslashes, braces, accents, the word NULL', async () => {
    const shop = await makeCast(getApp().deps)
    const names = ['Zoë "Z" {O\'Brien}, Jr.', 'back\\slash', 'NULL', '=HYPERLINK("http://evil")']
    const file = [
      'phone,email,name,points',
      ...names.map((n, i) => `+1707555010${i},z${i}@example.com,"${n.replaceAll('"', '""')}",1`),
    ].join('\n')
    expect((await post(file, false, shop.owner)).body).toMatchObject({ imported: 4 })
    const stored = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx
        .select({ phone: members.phone, email: members.email, name: members.name })
        .from(members)
        .where(eq(members.tenantId, shop.tenant.id))
        .orderBy(members.phone),
    )
    expect(stored).toEqual(names.map((name, i) => ({ phone: `+1707555010${i}`, email: `z${i}@example.com`, name })))
  })

  test('two owners importing the same file at once credit each member once', async () => {
    const db = getApp().deps.dbh.db
    const shop = await makeCast(getApp().deps)
    const file = [
      'phone,points',
      ...Array.from({ length: 300 }, (_, i) => `+1510${String(1_000_000 + i).slice(-7)},${i + 1}`),
    ].join('\n')
    const [a, b] = await Promise.all([post(file, false, shop.owner), post(file, false, shop.owner)])
    expect([a.body.imported, b.body.imported].sort()).toEqual([0, 300])
    expect([a.body.already_imported, b.body.already_imported].sort()).toEqual([0, 300])
    const [totals] = await asSystem(db, (tx) =>
      tx
        .select({
          entries: sql<number>`count(*)::int`,
          points: sql<number>`sum(${ledgerEntries.points})::int`,
          lots: sql<number>`(select count(*)::int from ${lots} where ${lots.tenantId} = ${shop.tenant.id})`,
          balances: sql<number>`(select sum(${wallets.balance})::int from ${wallets} where ${wallets.tenantId} = ${shop.tenant.id})`,
        })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.tenantId, shop.tenant.id), eq(ledgerEntries.type, 'import'))),
    )
    expect(totals).toEqual({ entries: 300, points: 45_150, lots: 300, balances: 45_150 })
  })
})
