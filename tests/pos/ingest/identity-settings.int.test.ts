// The merchant's "matching a sale to a member" setting: staff see it, only the owner changes
// it, and what is saved is what POS ingestion reads.
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../../src/infra/scope'
import { identityPriority } from '../../../src/pos/ingest'
import { portal } from '../../admin/portal'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })

describe('identity priority setting', () => {
  test('owner switches to email first; staff can look but not change; bad values are refused', async () => {
    const app = getApp()
    const cast = await makeCast(app.deps)
    const scope = { tenantId: cast.tenant.id }
    const read = () => inTenant(app.deps.dbh.db, scope, (tx) => identityPriority(tx, scope))
    expect(await read()).toEqual(['phone', 'email'])
    const staffPage = await portal(app, cast.staff, '/merchant/settings')
    expect(staffPage.status).toBe(200)
    expect(staffPage.text).toContain('Only the shop owner can change this.')
    expect((await portal(app, cast.staff, '/merchant/settings/identity', { form: { priority: 'email' } })).status).toBe(
      403,
    )
    expect((await portal(app, cast.owner, '/merchant/settings/identity', { form: { priority: 'fax' } })).status).toBe(
      400,
    )
    const saved = await portal(app, cast.owner, '/merchant/settings/identity', {
      htmx: true,
      form: { priority: 'email,phone' },
    })
    expect(saved.status).toBe(200)
    expect(saved.text).toContain('Saved.')
    expect(await read()).toEqual(['email', 'phone'])
    expect((await portal(app, cast.owner, '/merchant/settings')).text).toMatch(/value="email,phone" checked/)
  })
})
