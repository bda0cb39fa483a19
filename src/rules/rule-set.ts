// A rule set version is plain data: this schema is its single definition and its type.
import { z } from 'zod'
import { definitionOf, RULE_KINDS, type RuleEntry, type RuleEntryInput, type RuleKind, ruleKinds } from './registry'

const entrySchemas = RULE_KINDS.map((kind) =>
  z.strictObject({ kind: z.literal(kind), config: ruleKinds[kind].configSchema }),
)

// Built from the registry so a new kind needs no edit here; the cast restores the per-kind
// typing that Array.map erases.
const ruleEntrySchema = z.discriminatedUnion(
  'kind',
  entrySchemas as unknown as [(typeof entrySchemas)[number], ...(typeof entrySchemas)[number][]],
  { error: `Unknown rule kind; use one of ${RULE_KINDS.join(', ')}` },
) as unknown as z.ZodType<RuleEntry, RuleEntryInput>

export const ruleSetSchema = z
  .strictObject(
    {
      schema_version: z.literal(1, { error: 'Unsupported schema version; this engine reads version 1' }),
      /** Every money amount in the rules is minor units of this currency. */
      currency: z
        .string({ error: 'Enter a currency' })
        .regex(/^[A-Z]{3}$/, { error: 'Use a 3-letter ISO currency code' }),
      rules: z.array(ruleEntrySchema, { error: 'Rules must be a list' }).max(100, { error: 'Use at most 100 rules' }),
    },
    { error: 'Send the rule set as an object with schema_version, currency and rules' },
  )
  // Cross-entry rules. Zod runs this only once every entry parsed, so configs are well-formed.
  .superRefine((ruleSet, ctx) => {
    const seenKinds = new Set<RuleKind>()
    const seenCampaigns = new Set<string>()
    const hasSpendRule = ruleSet.rules.some((entry) => entry.kind === 'points_per_spend')
    ruleSet.rules.forEach((entry, index) => {
      const definition = definitionOf(entry)
      if (!definition.campaign) {
        if (seenKinds.has(entry.kind)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', index, 'kind'],
            message: `Only one ${definition.label.toLowerCase()} rule is allowed`,
          })
        }
        seenKinds.add(entry.kind)
        return
      }
      const name = (entry.config as { name: string }).name.toLowerCase()
      if (seenCampaigns.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'config', 'name'],
          message: 'Another campaign already has this name',
        })
      }
      seenCampaigns.add(name)
      // A multiplier multiplies spend points; without a spend rule it would silently do nothing.
      if (entry.kind === 'campaign_multiplier' && !hasSpendRule) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'kind'],
          message: 'A points multiplier needs a points per spend rule',
        })
      }
    })
  })

/** Input shape (defaults may be omitted), e.g. what the portal posts. */
export type RuleSetInput = z.input<typeof ruleSetSchema>
export type RuleSet = z.output<typeof ruleSetSchema>
