// The owner's shop settings (issue 14.1): name, time zone, currency, branding, contact email,
// and what points are worth in money (the liability the analytics show).
// Every change writes one audit record with only the fields that changed, in the same
// transaction. The currency is the one the active rules count in (a different one would make
// every sale earn 0), so it can be confirmed here but only changes with the rules (ADR 0022).
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { AppError, notFound } from '../shared/errors'
import { checkBrandColor } from './brand-color'
import { tenants } from './tenancy.schema'
import { isTimeZone } from './time-zones'

export type ShopSettings = {
  name: string
  time_zone: string
  currency: string
  brand_color: string | null
  /** The readable text colour on brand_color, chosen by the contrast check. */
  brand_text: string | null
  logo_url: string | null
  contact_email: string | null
  /** What 100 points are worth, in the currency's minor units: prices the liability (ADR 0026). */
  redemption_value_per_100_points: number
}

/** Empty strings from a form mean "remove"; absent fields are left as they are. */
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), s.nullable()).optional()

const httpsUrl = z
  .string()
  .trim()
  .max(2048, { error: 'Keep the address under 2048 characters' })
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', { error: 'Use an https:// address' })

export const shopSettingsPatch = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Give the shop a name' })
    .max(120, { error: 'Keep the name under 120 characters' })
    .optional(),
  time_zone: z
    .string()
    .trim()
    .refine(isTimeZone, { error: 'Choose a time zone from the list, e.g. America/New_York' })
    .optional(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'Use a 3-letter ISO 4217 code' })
    .optional(),
  brand_color: optional(z.string().max(20)),
  logo_url: optional(httpsUrl),
  contact_email: optional(
    z.string().trim().toLowerCase().max(254).email({ error: 'Enter an email address like shop@example.com' }),
  ),
  // Forms send text; the database check allows 0 (points with no cash value) to 1,000,000.
  redemption_value_per_100_points: z.coerce
    .number({ error: 'Enter a whole number of cents, e.g. 100' })
    .int({ error: 'Enter a whole number of cents, e.g. 100' })
    .min(0, { error: 'Use 0 or more' })
    .max(1_000_000, { error: 'Use at most 1000000' })
    .optional(),
})

export const settingsOf = (t: typeof tenants.$inferSelect): ShopSettings => ({
  name: t.name,
  time_zone: t.timeZone,
  currency: t.currency,
  brand_color: t.brandColor,
  brand_text: t.brandText,
  logo_url: t.logoUrl,
  contact_email: t.contactEmail,
  redemption_value_per_100_points: t.redemptionValuePer100Points,
})

export async function getShopSettings(tx: Tx, scope: TenantScope): Promise<ShopSettings> {
  const [t] = await tx.select().from(tenants).where(eq(tenants.id, scope.tenantId))
  if (!t) throw notFound('Shop')
  return settingsOf(t)
}

/** Field messages for a form or a 400; nothing is written when any field is wrong. */
export function readSettingsPatch(
  raw: unknown,
): { ok: true; patch: z.output<typeof shopSettingsPatch> } | { ok: false; fields: Record<string, string> } {
  const parsed = shopSettingsPatch.safeParse(raw ?? {})
  const fields: Record<string, string> = {}
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      if (i.code === 'unrecognized_keys') for (const k of i.keys) fields[k] ??= 'is not a setting'
      else fields[String(i.path[0] ?? 'body')] ??= i.message
    }
    return { ok: false, fields }
  }
  if (parsed.data.brand_color) {
    const brand = checkBrandColor(parsed.data.brand_color)
    if (!brand.ok) return { ok: false, fields: { brand_color: brand.reason } }
  }
  return { ok: true, patch: parsed.data }
}

export type SettingsChange = { before: ShopSettings; after: ShopSettings; changed: (keyof ShopSettings)[] }

export async function updateShopSettings(
  tx: Tx,
  scope: TenantScope,
  input: { raw: unknown; actorUserId: string; now: Date },
): Promise<SettingsChange> {
  const read = readSettingsPatch(input.raw)
  if (!read.ok) throw new AppError('validation_failed', 'Some settings are invalid', { fields: read.fields })
  const patch = read.patch
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, scope.tenantId)).for('update')
  if (!row) throw notFound('Shop')
  const before = settingsOf(row)
  if (patch.currency !== undefined && patch.currency !== before.currency) {
    throw new AppError(
      'rule_violation',
      `Points are counted for sales in ${before.currency}; the currency changes together with the rules, which support can do for you`,
      {
        fields: { currency: `Stays ${before.currency} while your rules count in it` },
      },
    )
  }
  const brand = patch.brand_color ? checkBrandColor(patch.brand_color) : null
  const set: Partial<typeof tenants.$inferInsert> = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.time_zone !== undefined ? { timeZone: patch.time_zone } : {}),
    ...(patch.brand_color !== undefined
      ? { brandColor: brand?.ok ? brand.color : null, brandText: brand?.ok ? brand.text : null }
      : {}),
    ...(patch.logo_url !== undefined ? { logoUrl: patch.logo_url } : {}),
    ...(patch.contact_email !== undefined ? { contactEmail: patch.contact_email } : {}),
    ...(patch.redemption_value_per_100_points !== undefined
      ? { redemptionValuePer100Points: patch.redemption_value_per_100_points }
      : {}),
  }
  const [updated] = await tx
    .update(tenants)
    .set({ ...set, updatedAt: input.now })
    .where(eq(tenants.id, scope.tenantId))
    .returning()
  const after = settingsOf(updated!)
  const changed = (Object.keys(after) as (keyof ShopSettings)[]).filter((k) => after[k] !== before[k])
  if (changed.length > 0) {
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'tenant.settings.update',
      target: { type: 'tenant', id: scope.tenantId, tenantId: scope.tenantId },
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      reason: 'shop settings changed by the owner',
      at: input.now,
    })
  }
  return { before, after, changed }
}
