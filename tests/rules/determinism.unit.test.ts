// evaluate must be a pure function of its arguments: the ledger stores its output and the
// portal replays history through it, so reading the clock or the environment would make
// a replay disagree with the award it explains.
import { afterEach, describe, expect, setSystemTime, test } from 'bun:test'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { evaluate } from '../../src/rules'
import { buildRuleSet } from './build-rule-set'

const ruleSet = buildRuleSet('USD', [
  { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
  {
    kind: 'campaign_multiplier',
    config: {
      name: 'Happy hour',
      multiplier: 2,
      starts_at: '2026-01-01T00:00',
      ends_at: '2026-12-31T00:00',
      windows: [{ days: ['tue'], start: '17:00', end: '19:00' }],
    },
  },
  { kind: 'visit_bonus', config: { points: 10 } },
])
const transaction = { currency: 'USD', total: 2340 }
const context = { now: new Date('2026-03-10T22:30:00Z'), timeZone: 'America/New_York', stats: { visitCount: 3 } }

afterEach(() => {
  setSystemTime()
})

describe('determinism', () => {
  test('the same input twice gives the same output', () => {
    expect(evaluate(ruleSet, transaction, context)).toEqual(evaluate(ruleSet, transaction, context))
  })

  test('the machine clock does not matter, only context.now', () => {
    const happyHourNow = evaluate(ruleSet, transaction, context)
    expect(happyHourNow.points).toBe(56)
    // If evaluate read the clock, moving it outside the campaign's dates and window would change this.
    setSystemTime(new Date('2031-07-04T03:00:00Z'))
    expect(evaluate(ruleSet, transaction, context)).toEqual(happyHourNow)
    setSystemTime(new Date('2020-01-01T00:00:00Z'))
    expect(evaluate(ruleSet, transaction, context)).toEqual(happyHourNow)
  })

  test('the rule engine never reads the clock, the environment or I/O libraries', () => {
    const forbidden = [
      /Date\.now\(/,
      /new Date\(\s*\)/,
      /process\.env/,
      /Math\.random/,
      /from ['"](elysia|drizzle-orm|bullmq|ioredis|postgres|node:fs)/,
    ]
    const root = join(import.meta.dir, '../../src/rules')
    // The pure engine is everything the pure entry points reach; storage and cache files
    // (*.repo.ts, the cache, publishing) are the shell and may do I/O.
    const entries = [
      'evaluate.ts',
      'explain.ts',
      'parse-rule-set.ts',
      'diff-rule-sets.ts',
      'redemption-policy.ts',
      'default-rule-set.ts',
    ]
    const engine = reachable(entries.map((f) => join(root, f)))
    expect(engine.length).toBeGreaterThan(entries.length)
    const offences = engine.flatMap((file) => {
      const source = readFileSync(file, 'utf8')
      return forbidden.filter((pattern) => pattern.test(source)).map((pattern) => `${file}: ${pattern}`)
    })
    expect(offences).toEqual([])
  })
})

/** Files reachable from the given ones through relative imports. */
function reachable(start: string[]): string[] {
  const seen = new Set<string>()
  const queue = [...start]
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(/from ['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!)
      queue.push(existsSync(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts'))
    }
  }
  return [...seen]
}
