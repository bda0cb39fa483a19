// Admin console, audit log: only admins; filters by action and target; pages by (time, id) so
// records written together are neither skipped nor repeated; before → after as a diff; the
// reason is escaped.
import { beforeAll, describe, expect, test } from 'bun:test'
import { recordAudit } from '../../src/audit'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { portal, refusedToNonAdmins } from './portal'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
const target = 'wal_audit_paging'

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  const db = getApp().deps.dbh.db
  // 55 records in one instant, as a reconciliation run writes them.
  const at = new Date('2026-01-02T03:04:05.000Z')
  for (let i = 0; i < 55; i++) {
    await recordAudit(db, {
      actorUserId: 'system:reconciliation',
      action: 'wallet.balance_healed',
      target: { type: 'wallet', id: target },
      before: { balance: i },
      after: { balance: i + 1 },
      reason: `heal ${i}`,
      at,
    })
  }
  await recordAudit(db, {
    actorUserId: cast.admin.userId,
    action: 'tenant.suspend',
    target: { type: 'tenant', id: 'ten_other' },
    before: { status: 'active', name: 'Same' },
    after: { status: 'suspended', name: 'Same' },
    reason: '<img src=x onerror=alert(1)>',
    at: new Date('2026-01-03T00:00:00.000Z'),
  })
})

const rowIds = (html: string) => [...html.matchAll(/<tr id="audit-(aud_[0-9a-z]+)"/g)].map((m) => m[1])

describe('admin console: audit log', () => {
  test('consumers and merchants get 403', async () => {
    expect(await refusedToNonAdmins(getApp(), cast, [{ path: '/admin/audit' }])).toEqual([])
  })

  test('filters by action and by target id; the diff shows only what changed; reasons are escaped', async () => {
    const byAction = await portal(getApp(), cast.admin, '/admin/audit?action=tenant.suspend', { htmx: true })
    expect(rowIds(byAction.text)).toHaveLength(1)
    expect(byAction.text).toContain(
      '<span class="diff-key">status: </span><del class="diff-from">active</del> → <ins class="diff-to">suspended</ins>',
    )
    expect(byAction.text).not.toContain('diff-key">name')
    expect(byAction.text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(byAction.text).not.toContain('<img src=x')
    const byTarget = await portal(getApp(), cast.admin, `/admin/audit?target_id=${target}`, { htmx: true })
    expect(byTarget.text).not.toContain('ten_other')
  })

  test('pages through records that share one timestamp without gaps or repeats', async () => {
    const first = await portal(getApp(), cast.admin, `/admin/audit?target_id=${target}`)
    expect(first.status).toBe(200)
    const page1 = rowIds(first.text)
    expect(page1).toHaveLength(50)
    const older = /href="([^"]+)" id="audit-older"/.exec(first.text)?.[1]
    expect(older).toBeDefined()
    const second = await portal(getApp(), cast.admin, older!.replaceAll('&amp;', '&'))
    const page2 = rowIds(second.text)
    expect(page2).toHaveLength(5)
    expect(new Set([...page1, ...page2]).size).toBe(55)
    expect(second.text).not.toContain('id="audit-older"')
  })
})
