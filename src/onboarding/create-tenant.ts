// Platform admin creates a tenant: the tenant, its owner's invitation, its first rule version
// and the audit record commit together or not at all. System scope because the tenant does
// not exist yet when the transaction starts (RLS still checks every row written).
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import type { Db } from '../infra/db'
import { tenantInvites, tenants } from '../infra/schema'
import { asSystem } from '../infra/scope'
// A tenant is never without rules (api-v1, Platform admin); rules read tenants, so this use case
// sits above both rather than in tenancy.
import { createInitialRuleVersion } from '../rules'
import { AppError } from '../shared/errors'
import { newId } from '../shared/ids'

export const createTenantInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/, 'lowercase letters, digits and dashes'),
  owner_email: z.string().trim().toLowerCase().email().max(254),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code')
    .default('USD'),
})

export async function createTenant(db: Db, actorUserId: string, raw: unknown, now: Date) {
  const parsed = createTenantInput.safeParse(raw)
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const i of parsed.error.issues)
      fields[String(i.path[0] ?? 'body')] ??= i.message.includes('expected') ? 'is required' : i.message
    throw new AppError('validation_failed', 'Some fields are missing or invalid', { fields })
  }
  const input = parsed.data
  return asSystem(db, async (tx) => {
    const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug))
    if (taken) throw new AppError('conflict', 'That slug is already in use', { fields: { slug: 'is already in use' } })
    const id = newId('ten', now.getTime())
    const [tenant] = await tx
      .insert(tenants)
      .values({ id, name: input.name, slug: input.slug, currency: input.currency, createdAt: now, updatedAt: now })
      .returning()
    await tx.insert(tenantInvites).values({
      id: newId('mem', now.getTime()),
      tenantId: id,
      email: input.owner_email,
      role: 'merchant_owner',
      createdAt: now,
    })
    try {
      await createInitialRuleVersion(tx, id, input.currency, now)
    } catch {
      throw new AppError('validation_failed', 'That currency is not supported', {
        fields: { currency: 'is not supported' },
      })
    }
    await recordAudit(tx, {
      actorUserId,
      action: 'tenant.create',
      target: { type: 'tenant', id, tenantId: id },
      before: null,
      after: { name: input.name, slug: input.slug, status: 'active', currency: input.currency },
      reason: 'tenant created',
      at: now,
    })
    return tenant!
  })
}
