// Runs every tests/rules/fixtures/*.json through the public front door. Each fixture is a
// merchant-visible case: what a sale earns and the sentence the consumer reads, or which
// field a bad rule set is rejected on.
import { describe, expect, test } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { evaluate, explain, parseRuleSet, transactionSchema } from '../../src/rules'

const earnFixture = z.strictObject({
  description: z.string(),
  rule_set: z.unknown(),
  transaction: transactionSchema,
  context: z.strictObject({
    now: z.iso.datetime(),
    timeZone: z.string(),
    stats: z.strictObject({ visitCount: z.number().int().min(0) }),
  }),
  expected: z.strictObject({
    points: z.number().int(),
    explanation: z.string(),
    trace: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
})

const rejectFixture = z.strictObject({
  description: z.string(),
  rule_set: z.unknown(),
  expected: z.strictObject({ errors: z.record(z.string(), z.string()) }),
})

const dir = join(import.meta.dir, 'fixtures')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const load = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'))

test('the fixture suite is substantial', () => {
  expect(files.length).toBeGreaterThanOrEqual(40)
})

describe('earning fixtures', () => {
  for (const file of files.filter((f) => !f.startsWith('reject-'))) {
    const fixture = earnFixture.parse(load(file))
    test(`${file}: ${fixture.description}`, () => {
      const ruleSet = parseRuleSet(fixture.rule_set)
      if (!ruleSet.ok) throw new Error(`fixture rule set is invalid: ${JSON.stringify(ruleSet.error.fields)}`)
      const { now, timeZone, stats } = fixture.context
      const result = evaluate(ruleSet.value, fixture.transaction, { now: new Date(now), timeZone, stats })

      expect(result.points).toBe(fixture.expected.points)
      expect(explain(result.trace)).toBe(fixture.expected.explanation)
      expect(result.trace.at(-1)).toEqual({ step: 'total', points: fixture.expected.points })
      // Listed steps must appear in this order; unlisted steps may sit between them.
      let cursor = 0
      for (const wanted of fixture.expected.trace ?? []) {
        const found = result.trace.findIndex((step, i) => i >= cursor && matches(step, wanted))
        if (found < 0)
          throw new Error(`trace step ${JSON.stringify(wanted)} not found in order in ${JSON.stringify(result.trace)}`)
        cursor = found + 1
      }
    })
  }
})

describe('rejection fixtures', () => {
  for (const file of files.filter((f) => f.startsWith('reject-'))) {
    const fixture = rejectFixture.parse(load(file))
    test(`${file}: ${fixture.description}`, () => {
      const parsed = parseRuleSet(fixture.rule_set)
      if (parsed.ok) throw new Error('rule set was accepted')
      expect(parsed.error.fields).toMatchObject(fixture.expected.errors)
    })
  }
})

function matches(step: object, wanted: Record<string, unknown>): boolean {
  const actual = step as Record<string, unknown>
  return Object.entries(wanted).every(([key, value]) => Bun.deepEquals(actual[key], value))
}
