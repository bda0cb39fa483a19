// Request bodies of the merchant rules API. The rule set itself stays `unknown` here: the rules
// module parses it, so its field messages (keyed by dotted path) are the ones a client sees.
import { z } from 'zod'

export const publishBody = z.object({
  rule_set: z.unknown(),
  /** The version the client edited; a newer active version makes the publish a 409. */
  base_version: z.number().int().positive().optional(),
})

export const previewBody = z.object({
  /** A draft; omitted means "under the active version". */
  rule_set: z.unknown().optional(),
  transaction: z.object({
    currency: z.string().optional(),
    total: z.number(),
    subtotal: z.number().optional(),
    discount: z.number().optional(),
    tax: z.number().optional(),
    tip: z.number().optional(),
  }),
  /** When the sale happens (RFC 3339); campaigns are judged at this instant. Default: now. */
  occurred_at: z.iso.datetime({ offset: true }).optional(),
  /** Visits the member already made, for visit bonuses. Default 0. */
  visit_count: z.number().int().min(0).max(1_000_000).optional(),
  /** Points the member earned in the tier window before this sale, which picks their tier. Default 0. */
  tier_points: z.number().int().min(0).max(1_000_000_000_000).optional(),
})

/** Field messages from the rules module, re-keyed to where they sit in the request body. */
export function underKey(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [`${prefix}.${path}`, message]))
}
