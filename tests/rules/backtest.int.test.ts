// Back-test correctness on seeded sales: the numbers a merchant sees before publishing
// (points under each rule set, members affected, the daily difference), plus the job path
// with its tenant-bound progress record.
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { posTransactions } from '../../src/pos/pos.schema'
import {
  BACKTEST_JOB,
  executeBacktest,
  parseRuleSet,
  readBacktestRun,
  runBacktest,
  startBacktest,
} from '../../src/rules'
import { loadActiveRuleVersion } from '../../src/rules/load-active-rule-version'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'

const getApp = useTestApp()
const now = new Date('2026-03-20T16:00:00Z')

const draft = parseRuleSet({
  schema_version: 1,
  currency: 'USD',
  rules: [
    { kind: 'points_per_spend', config: { points: 2, per_minor_units: 100 } },
    { kind: 'min_spend', config: { min_minor_units: 1_000 } },
    { kind: 'visit_bonus', config: { points: 10, every_nth_visit: 2 } },
  ],
})
if (!draft.ok) throw new Error('test draft must parse')

type Seed = {
  member: string | null
  at: string
  total: number
  subtotal?: number
  tax?: number
  state?: 'awarded' | 'duplicate' | 'unmatched'
}

async function seedShop() {
  const deps = getApp().deps
  const db = deps.dbh.db
  const t = await makeTenant(deps, { timeZone: 'America/New_York' })
  const scope = { tenantId: t.id }
  const ids: Record<string, string> = {}
  for (const [name, phone] of [
    ['a', '+14155550101'],
    ['b', '+14155550102'],
    ['c', '+14155550103'],
  ] as const) {
    ids[name] = (await findOrCreateMemberByIdentity(db, scope, { phone, email: null }, now)).id
  }
  const sales: Seed[] = [
    { member: 'a', at: '2025-12-01T15:00:00Z', total: 900 }, // before the 90 days: only a prior visit
    { member: 'a', at: '2026-03-10T14:00:00Z', total: 2_700, subtotal: 2_500, tax: 200 },
    { member: 'a', at: '2026-03-11T14:00:00Z', total: 500 },
    { member: 'b', at: '2026-03-11T18:00:00Z', total: 1_234 },
    { member: 'c', at: '2026-03-12T12:00:00Z', total: 800 },
    { member: 'b', at: '2026-03-13T03:30:00Z', total: 2_000 }, // 23:30 on the 12th in New York
    { member: 'b', at: '2026-03-14T12:00:00Z', total: 10_000, state: 'duplicate' },
    { member: null, at: '2026-03-14T12:00:00Z', total: 5_000, state: 'unmatched' },
  ]
  await inTenant(db, scope, (tx) =>
    tx.insert(posTransactions).values(
      sales.map((s, i) => ({
        id: newId('txn'),
        tenantId: t.id,
        provider: 'square' as const,
        providerTransactionId: `sq-${i}`,
        occurredAt: new Date(s.at),
        currency: 'USD',
        totalMinor: s.total,
        amounts: {
          ...(s.subtotal !== undefined ? { subtotal: s.subtotal } : {}),
          ...(s.tax !== undefined ? { tax: s.tax } : {}),
        },
        memberId: s.member ? ids[s.member]! : null,
        state: s.state ?? 'awarded',
      })),
    ),
  )
  const current = await loadActiveRuleVersion(db, t.id, now)
  return { t, scope, current }
}

describe('back-test', () => {
  test('replays the last 90 days under the draft and the current rules, by member and by local day', async () => {
    const { scope, current } = await seedShop()
    const progress: [number, number][] = []
    const result = await runBacktest(getApp().deps.dbh.db, scope, {
      draft: draft.value,
      current: current.ruleSet,
      timeZone: 'America/New_York',
      now,
      onProgress: async (done, total) => void progress.push([done, total]),
    })
    // Current (1 pt per $1, tax excluded): 25 + 5 + 12 + 8 + 20.
    // Draft (2 pts per $1, $10 minimum, +10 every 2nd visit): a 50+10 (2nd visit), 0 (below the
    // minimum); b 24, then 40+10 (2nd visit); c 0.
    expect(result).toMatchObject({
      from: '2025-12-20',
      to: '2026-03-20',
      sales: 5,
      members: 3,
      points_current: 70,
      points_draft: 134,
    })
    expect(result).toMatchObject({ members_affected: 3, members_gaining: 2, members_losing: 1 })
    expect(result.days).toHaveLength(91)
    expect(result.days.filter((d) => d.current || d.draft)).toEqual([
      { date: '2026-03-10', current: 25, draft: 60, difference: 35 },
      { date: '2026-03-11', current: 17, draft: 24, difference: 7 },
      { date: '2026-03-12', current: 28, draft: 50, difference: 22 },
    ])
    expect(progress).toEqual([
      [0, 5],
      [5, 5],
    ])
  })

  test('the job records progress and result under the tenant; another tenant cannot read it', async () => {
    const deps = getApp().deps
    const { t, scope, current } = await seedShop()
    const id = await startBacktest({ ...deps, clock: () => now }, scope, { draft: draft.value, current })
    expect(await readBacktestRun(deps.redis, id, t.id)).toMatchObject({
      status: 'queued',
      done: 0,
      baseVersion: 1,
      result: null,
    })
    const job = await deps.queues.get('maintenance').getJob(id)
    expect(job?.name).toBe(BACKTEST_JOB)
    await job!.remove()

    await executeBacktest({ ...deps, clock: () => now }, (job!.data as { data: unknown }).data)
    const run = await readBacktestRun(deps.redis, id, t.id)
    expect(run).toMatchObject({ status: 'done', done: 5, total: 5 })
    expect(run!.result).toMatchObject({ points_current: 70, points_draft: 134, members_affected: 3 })
    const other = await makeTenant(deps)
    expect(await readBacktestRun(deps.redis, id, other.id)).toBeNull()
  })
})
