// Exports (shop essentials 4): the owner downloads transactions, members and ledger entries for
// a date range as CSV or JSON; every row exactly once across the stream's pages; cells a
// spreadsheet would execute stay text; staff cannot export.
import { beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../src/infra/scope'
import { members } from '../../src/members'
import { parseCsv } from '../../src/shared/csv'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
// More members than one page of the stream (2,000), imported in one go.
const COUNT = 2_345

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  const csv = [
    'phone,name,points',
    ...Array.from({ length: COUNT }, (_, i) => `+1415556${String(i).padStart(4, '0')},Guest ${i},${i + 1}`),
  ].join('\n')
  const res = await getApp().request('/api/v1/merchant/imports/members?dry_run=false', {
    method: 'POST',
    headers: { ...cast.owner.headers, 'content-type': 'text/csv' },
    body: csv,
  })
  expect(res.status).toBe(200)
  const db = getApp().deps.dbh.db
  await asSystem(db, (tx) =>
    tx.update(members).set({ name: '=HYPERLINK("http://evil.test","click")' }).where(eq(members.phone, '+14155560007')),
  )
}, 60_000)

const get = (path: string, who = cast.owner) => getApp().request(path, { headers: who.headers })

describe('exports', () => {
  test('members.csv streams every member once, with a row count header and safe cells', async () => {
    const res = await get('/api/v1/merchant/exports/members.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+-members\.csv"/)
    expect(res.headers.get('x-export-rows')).toBe(String(COUNT))
    const rows = parseCsv(await res.text())
    expect(rows[0]!.cells).toEqual(['member_id', 'name', 'phone', 'email', 'balance', 'signed_up', 'joined_at'])
    const body = rows.slice(1)
    expect(body.length).toBe(COUNT)
    expect(new Set(body.map((r) => r.cells[0])).size).toBe(COUNT)
    expect(body.reduce((s, r) => s + Number(r.cells[4]), 0)).toBe((COUNT * (COUNT + 1)) / 2)
    const evil = body.find((r) => r.cells[2] === '+14155560007')!
    expect(evil.cells[1]).toBe(`'=HYPERLINK("http://evil.test","click")`)
  }, 30_000)

  test('ledger.json holds the same entries as ledger.csv', async () => {
    const json = (await (await get('/api/v1/merchant/exports/ledger.json')).json()) as {
      type: string
      points: number
      entry_id: string
    }[]
    const csv = parseCsv(await (await get('/merchant/exports/ledger.csv')).text()).slice(1)
    expect(json.length).toBe(COUNT)
    expect(json.every((e) => e.type === 'import')).toBe(true)
    expect(csv.map((r) => r.cells[0]).sort()).toEqual(json.map((e) => e.entry_id).sort())
  }, 30_000)

  test("a date range keeps only rows of those days in the shop's time zone", async () => {
    const db = getApp().deps.dbh.db
    await asSystem(db, (tx) =>
      tx
        .update(members)
        .set({ createdAt: new Date('2026-01-10T12:00:00Z') })
        .where(eq(members.phone, '+14155560001')),
    )
    const res = await get('/api/v1/merchant/exports/members.csv?from=2026-01-10&to=2026-01-10')
    expect(res.headers.get('x-export-rows')).toBe('1')
    const rows = parseCsv(await res.text()).slice(1)
    expect(rows.map((r) => r.cells[2])).toEqual(['+14155560001'])
    expect((await get('/api/v1/merchant/exports/transactions.csv?from=2026-02-01&to=2026-01-01')).status).toBe(400)
    expect((await get('/api/v1/merchant/exports/transactions.csv?from=yesterday')).status).toBe(400)
  })

  test('staff cannot export; an unknown export is 404', async () => {
    expect((await get('/api/v1/merchant/exports/members.csv', cast.staff)).status).toBe(403)
    expect((await get('/api/v1/merchant/exports/secrets.csv')).status).toBe(404)
  })
})
