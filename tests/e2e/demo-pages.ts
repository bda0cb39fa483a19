// The README's demo platform for browser tests of the portal as people use it: the seeded
// shops, with signed-in contexts for Brewhaus's owner, the admin and the demo consumer.
import { eq } from 'drizzle-orm'
import type { Browser, BrowserContext } from 'playwright-core'
import { users } from '../../src/auth/auth.schema'
import { DEMO, seedDemo } from '../../src/demo/seed'
import type { AppDeps } from '../../src/infra/deps'
import { linkMembersToUser } from '../../src/members'
import { tenants } from '../../src/tenancy'
import { addMembership, makeUser, signIn } from '../helpers/identities'

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 800 }

export async function seededDemo(deps: AppDeps) {
  await seedDemo(deps)
  const db = deps.dbh.db
  const [brew] = await db.select().from(tenants).where(eq(tenants.slug, DEMO.brewhaus.slug))
  const userByEmail = async (email: string) =>
    (await db.select().from(users).where(eq(users.email, email)))[0] ?? (await makeUser(deps, { email }))
  const owner = await userByEmail(DEMO.brewhaus.owner)
  await addMembership(deps, owner.id, brew!.id, 'merchant_owner').catch(() => {})
  const admin = await userByEmail(DEMO.admin)
  const [existing] = await db.select().from(users).where(eq(users.phone, DEMO.consumer.phone))
  const consumer = existing ?? (await makeUser(deps, { phone: DEMO.consumer.phone }))
  await linkMembersToUser(db, { id: consumer.id, phone: DEMO.consumer.phone, phoneVerifiedAt: new Date() })
  return { brewhaus: brew!, owner, admin, consumer }
}

export async function contextAs(
  deps: AppDeps,
  browser: Browser,
  base: string,
  userId: string,
  tenantId: string | null,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  const tokens = await signIn(deps, userId, tenantId)
  const ctx = await browser.newContext({ viewport })
  await ctx.addCookies([{ name: 'sa_access', value: tokens.access_token, url: base, httpOnly: true, sameSite: 'Lax' }])
  return ctx
}
