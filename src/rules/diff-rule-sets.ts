// Human-readable changes between two rule set versions, for the portal's version history.
// Entries are matched by identity (the kind, or the name for campaigns), so reordering
// rules is not a change.
import { definitionOf, type RuleEntry } from './registry'
import type { RuleSet } from './rule-set'

type Described = { identity: string; label: string; campaign: boolean; summary: string }

function describeAll(ruleSet: RuleSet): Map<string, Described> {
  const described = new Map<string, Described>()
  for (const entry of ruleSet.rules) {
    const item = describeEntry(entry, ruleSet.currency)
    described.set(item.identity, item)
  }
  return described
}

function describeEntry(entry: RuleEntry, currency: string): Described {
  const definition = definitionOf(entry)
  const summary = definition.describe(entry.config, currency)
  if (!definition.campaign) return { identity: entry.kind, label: definition.label, campaign: false, summary }
  const name = (entry.config as { name: string }).name
  return { identity: `campaign:${name.toLowerCase()}`, label: `campaign '${name}'`, campaign: true, summary }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const lower = (item: Described) => (item.campaign ? item.label : item.label.toLowerCase())

/** e.g. ["Points per spend: 1 pt per $1.00 → 2 pts per $1.00", "Added campaign 'Happy hour': …"] */
export function diffRuleSets(before: RuleSet, after: RuleSet): string[] {
  const changes: string[] = []
  if (before.currency !== after.currency) changes.push(`Currency: ${before.currency} → ${after.currency}`)
  const old = describeAll(before)
  const next = describeAll(after)
  for (const [identity, item] of next) {
    const previous = old.get(identity)
    if (!previous) changes.push(`Added ${lower(item)}: ${item.summary}`)
    else if (previous.summary !== item.summary) {
      changes.push(`${capitalise(item.label)}: ${previous.summary} → ${item.summary}`)
    }
  }
  for (const [identity, item] of old) {
    if (!next.has(identity)) changes.push(`Removed ${lower(item)}: ${item.summary}`)
  }
  return changes
}
