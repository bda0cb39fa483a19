// Members at scale (issue 18): the list is keyset-paginated (API `cursor` / `next_cursor`, the
// portal's "Older members" link) and search finds a member by the start of their email, the
// last digits of their phone, or their id, in the caller's shop only.
import { describe, expect, test } from 'bun:test'
import { eq, sql } from 'drizzle-orm'
import { execRows } from '../../src/infra/db'
import { asSystem, inTenant } from '../../src/infra/scope'
import { findOrCreateMemberByIdentity, members } from '../../src/members'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { adminSql } from '../helpers/db'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })

type Page = { members: { member_id: string; email: string | null; phone: string | null }[]; next_cursor: string | null }

describe('merchant members list', () => {
  test('paging with a cursor returns every member exactly once while new members keep arriving', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const original: string[] = []
    // Several members share a created_at, so the id has to break ties for the cursor to hold.
    for (let i = 0; i < 23; i++) {
      const at = new Date(Date.UTC(2026, 10, 1, 12, Math.floor(i / 4)))
      original.push((await findOrCreateMemberByIdentity(deps.dbh.db, scope, { email: `page${i}@list.test` }, at)).id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const path: string = `/api/v1/merchant/members?limit=5${cursor ? `&cursor=${cursor}` : ''}`
      const res: { status: number; body: Page } = await json<Page>(path, { headers: cast.staff.headers })
      expect(res.status).toBe(200)
      expect(res.body.members.length).toBeLessThanOrEqual(5)
      seen.push(...res.body.members.map((m) => m.member_id))
      cursor = res.body.next_cursor
      // Between pages: one newer member and one as old as the oldest, both while paging.
      await findOrCreateMemberByIdentity(deps.dbh.db, scope, { email: `new${pages}@list.test` }, new Date())
      await findOrCreateMemberByIdentity(
        deps.dbh.db,
        scope,
        { email: `late${pages}@list.test` },
        new Date(Date.UTC(2026, 9, 1)),
      )
      pages++
    } while (cursor && pages < 30)
    expect(new Set(seen).size).toBe(seen.length)
    expect(original.every((id) => seen.filter((s) => s === id).length === 1)).toBe(true)
    // Newest first: the 23 originals come in created_at order, ties by id descending.
    const minute = new Map(original.map((id, i) => [id, Math.floor(i / 4)]))
    const expected = [...original].sort((a, b) => minute.get(b)! - minute.get(a)! || (a < b ? 1 : -1))
    expect(seen.filter((id) => minute.has(id))).toEqual(expected)
  })

  test('a cursor that this list did not give out is a 400 in the documented shape', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    for (const bad of [
      'nonsense',
      Buffer.from('2026-01-01|x').toString('base64url'),
      Buffer.from("2026-11-01T12:00:00.000000Z|a'b").toString('base64url'),
    ]) {
      const res = await json<{ error: { code: string; request_id: string } }>(
        `/api/v1/merchant/members?cursor=${bad}`,
        { headers: cast.staff.headers },
      )
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
  })

  test("search finds by email prefix, trailing phone digits or id, and never another shop's member", async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const other = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const ana = await findOrCreateMemberByIdentity(deps.dbh.db, scope, {
      email: 'ana.lovelace@example.com',
      phone: '+14155550199',
    })
    await findOrCreateMemberByIdentity(deps.dbh.db, scope, { email: 'ben@example.com', phone: '+14155550288' })
    await findOrCreateMemberByIdentity(
      deps.dbh.db,
      { tenantId: other.tenant.id },
      { email: 'ana.lovelace@elsewhere.com', phone: '+14155550199' },
    )
    const find = async (q: string) =>
      (
        await json<Page>(`/api/v1/merchant/members?q=${encodeURIComponent(q)}`, { headers: cast.staff.headers })
      ).body.members.map((m) => m.member_id)
    expect(await find('ana.love')).toEqual([ana.id])
    expect(await find('ANA.Lovelace@EXAMPLE.COM')).toEqual([ana.id])
    expect(await find('555 0199')).toEqual([ana.id])
    expect(await find('0199')).toEqual([ana.id])
    expect(await find('(415) 555-0199')).toEqual([ana.id])
    expect(await find('+1 415 555 0199')).toEqual([ana.id])
    expect(await find(ana.id)).toEqual([ana.id])
    expect((await find('4155')).length).toBe(0) // the start of a phone number is not its end
    expect((await find('b')).length).toBe(1)
    expect(await find('100%_')).toEqual([])
    expect(await find('lovelace')).toEqual([]) // the middle of an address is not a prefix (ADR 0020)
  })

  test('search by name finds the start of any word-cased name, and every clause of a search can use an index under row-level security', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const anna = await findOrCreateMemberByIdentity(deps.dbh.db, scope, { email: 'ag@example.com' })
    await asSystem(deps.dbh.db, (tx) => tx.update(members).set({ name: 'Anna Gómez' }).where(eq(members.id, anna.id)))
    const find = async (q: string) =>
      (
        await json<Page>(`/api/v1/merchant/members?q=${encodeURIComponent(q)}`, { headers: cast.staff.headers })
      ).body.members.map((m) => m.member_id)
    expect(await find('anna g')).toEqual([anna.id])
    expect(await find('ANNA GÓ')).toEqual([anna.id])
    expect(await find('gómez')).toEqual([]) // a prefix of the name, not any word of it
    // Postgres applies the tenant policy before any condition that is not leakproof, and a
    // function such as lower() is not: a clause on lower(name) scanned every member of the shop
    // (ADR 0020). With a shop of some size and fresh statistics, the search is a BitmapOr of one
    // index lookup per clause only when every clause can be an index condition; otherwise it
    // reads the whole shop's range and filters.
    const dbName = await asSystem(deps.dbh.db, async (tx) => {
      await tx.execute(
        sql`insert into members (id, tenant_id, email, name, created_at)
            select 'mbr_plan' || g, ${scope.tenantId}, 'plan' || g || '@example.com', 'Member ' || g, now() from generate_series(1, 5000) g`,
      )
      return (await execRows<{ name: string }>(tx, sql`select current_database() as name`))[0]!.name
    })
    const su = adminSql(dbName)
    await su`analyze members`
    await su.end()
    const plan = await inTenant(deps.dbh.db, scope, async (tx) => {
      const q = 'anna'
      return execRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select id from members where tenant_id = ${scope.tenantId} and (
              (email ~>=~ ${q} and email ~<~ ${`${q}\u{10ffff}`}) or (name_lower ~>=~ ${q} and name_lower ~<~ ${`${q}\u{10ffff}`})
              or id = ${q} or (phone_reversed ~>=~ '9910' and phone_reversed ~<~ ${'9910\u{10ffff}'}))`,
      )
    })
    const text = plan.map((r) => r['QUERY PLAN']).join('\n')
    expect(text).toContain('BitmapOr')
    expect(text).toMatch(
      /Bitmap Index Scan on members_name_prefix[^\n]*\n\s+Index Cond: \(\(tenant_id = '[^']+'::text\) AND \(name_lower ~>=~/,
    )
    expect(text).toMatch(
      /Bitmap Index Scan on members_email_prefix[^\n]*\n\s+Index Cond: \(\(tenant_id = '[^']+'::text\) AND \(email ~>=~/,
    )
  })

  test('the portal list ends each page with a link to older members that continues where it stopped', async () => {
    const { deps, request } = getApp()
    const cast = await makeCast(deps)
    const base = Date.UTC(2026, 10, 1)
    await asSystem(deps.dbh.db, (tx) =>
      tx.insert(members).values(
        Array.from({ length: 53 }, (_, i) => ({
          id: newId('mbr'),
          tenantId: cast.tenant.id,
          email: `m${i}@portal.test`,
          createdAt: new Date(base + i * 60_000),
        })),
      ),
    )
    const html = (path: string) =>
      request(path, { headers: { ...cast.staff.headers, accept: 'text/html' } }).then((r) => r.text())
    const first = await html('/merchant/members')
    expect(first.match(/href="\/merchant\/members\/mbr_/g)?.length).toBe(50)
    const next = /<a href="([^"]+)" id="older-members"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toBeDefined()
    const second = await html(next!)
    expect(second.match(/href="\/merchant\/members\/mbr_/g)?.length).toBe(3)
    expect(second).not.toContain('id="older-members"')
  })
})
