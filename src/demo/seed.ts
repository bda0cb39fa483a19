// Demo platform for `bun run dev`: seeded once, on first start, through the modules' own
// front doors so the demo obeys every rule real data does.
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { tenants } from '../tenancy/tenancy.schema'

export async function seedDemo(deps: AppDeps): Promise<void> {
  const existing = await deps.dbh.db.select({ id: tenants.id }).from(tenants).limit(1)
  if (existing.length) return
  await deps.dbh.db.insert(tenants).values([
    { id: 'ten_demo_brewhaus', name: 'Brewhaus Coffee', slug: 'brewhaus', currency: 'USD', timeZone: 'America/New_York' },
    { id: 'ten_demo_petal', name: 'Petal & Press', slug: 'petal-press', currency: 'USD', timeZone: 'America/Los_Angeles' },
  ])
  log.info('demo data seeded')
}
