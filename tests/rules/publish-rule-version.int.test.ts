// Publishing rule versions against real Postgres: validation saves nothing, versions only grow,
// concurrent publishers never share a number, and past awards keep their explanation.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet, ledgerEntries } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { evaluate, explain, listRuleVersions, publishRuleVersion, ruleVersionById } from '../../src/rules'
// The uncached database read behind getActiveRules: these tests are about storage, not the cache.
import { loadActiveRuleVersion } from '../../src/rules/load-active-rule-version'
import { AppError } from '../../src/shared/errors'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'

const getApp = useTestApp()
const now = new Date('2026-03-10T15:00:00Z')

const draft = (points: number, extra: object[] = []) => ({
  schema_version: 1,
  currency: 'USD',
  rules: [{ kind: 'points_per_spend', config: { points, per_minor_units: 100 } }, ...extra],
})

async function versionsOf(tenantId: string) {
  const { db } = getApp().deps.dbh
  return inTenant(db, { tenantId }, (tx) => listRuleVersions(tx, tenantId))
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

describe('publishRuleVersion', () => {
  test('a tenant without versions gets the api-v1 default as version 1 on first read, once', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps, { currency: 'JPY' })
    const [a, b] = await Promise.all([loadActiveRuleVersion(db, t.id, now), loadActiveRuleVersion(db, t.id, now)])
    expect(a.id).toBe(b.id)
    expect(a.version).toBe(1)
    expect(a.ruleSet.rules[0]).toEqual({
      kind: 'points_per_spend',
      config: { points: 1, per_minor_units: 1, include_tax: false, include_tip: false },
    })
    expect(await versionsOf(t.id)).toHaveLength(1)
  })

  test('an invalid draft is refused with messages keyed by field, and nothing is saved', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps)
    await loadActiveRuleVersion(db, t.id, now)
    const e = await rejection(
      publishRuleVersion(db, { tenantId: t.id }, { ruleSetInput: draft(0), actorUserId: 'usr_x', now }),
    )
    expect(e.code).toBe('validation_failed')
    expect(e.fields).toEqual({ 'rules.0.config.points': 'Award at least 1 point' })
    expect(await versionsOf(t.id)).toHaveLength(1)
  })

  test('publishing appends the next version with what changed; the old one is kept as it was', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps)
    const v1 = await loadActiveRuleVersion(db, t.id, now)
    const v2 = await publishRuleVersion(
      db,
      { tenantId: t.id },
      {
        ruleSetInput: draft(2, [{ kind: 'min_spend', config: { min_minor_units: 500 } }]),
        actorUserId: 'usr_owner',
        now,
        baseVersion: 1,
      },
    )
    expect(v2.version).toBe(2)
    expect(v2.createdBy).toBe('usr_owner')
    expect(v2.changes).toEqual([
      'Points per spend: 1 pt per $1.00 → 2 pts per $1.00',
      'Added minimum spend: $5.00',
      'Removed redemption limits: min none, max none, codes valid 15 min',
    ])
    expect((await loadActiveRuleVersion(db, t.id, now)).id).toBe(v2.id)
    const again = await inTenant(db, { tenantId: t.id }, (tx) => ruleVersionById(tx, t.id, v1.id))
    expect(again).toEqual(v1)
  })

  test('a draft in another currency, or identical to the active version, is refused', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps)
    const active = await loadActiveRuleVersion(db, t.id, now)
    const currency = await rejection(
      publishRuleVersion(
        db,
        { tenantId: t.id },
        { ruleSetInput: { ...draft(1), currency: 'EUR' }, actorUserId: 'u', now },
      ),
    )
    expect(currency.fields).toEqual({ currency: "Use the shop's currency, USD" })
    const same = await rejection(
      publishRuleVersion(db, { tenantId: t.id }, { ruleSetInput: active.ruleSet, actorUserId: 'u', now }),
    )
    expect(same.code).toBe('rule_violation')
    expect(await versionsOf(t.id)).toHaveLength(1)
  })

  test('concurrent blind publishes both land, on distinct numbers, each diffed against what it replaced', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps)
    await loadActiveRuleVersion(db, t.id, now)
    const published = await Promise.all(
      [2, 3].map((points) =>
        publishRuleVersion(db, { tenantId: t.id }, { ruleSetInput: draft(points), actorUserId: 'u', now }),
      ),
    )
    expect(published.map((v) => v.version).sort()).toEqual([2, 3])
    const [latest, middle] = await versionsOf(t.id)
    expect(latest!.version).toBe(3)
    // The later one's history line starts from the rate the earlier one set, not from v1's.
    const middleRate = middle!.ruleSet.rules[0]!.config as { points: number }
    expect(latest!.changes[0]).toContain(`${middleRate.points} pts per $1.00 →`)
  })

  test('two editors publishing from the same base version: one wins, the other gets a 409 conflict', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps)
    await loadActiveRuleVersion(db, t.id, now)
    const results = await Promise.allSettled(
      [2, 3].map((points) =>
        publishRuleVersion(
          db,
          { tenantId: t.id },
          { ruleSetInput: draft(points), actorUserId: 'u', now, baseVersion: 1 },
        ),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((lost.reason as AppError).code).toBe('conflict')
    expect(await versionsOf(t.id)).toHaveLength(2)
  })
})

describe('past awards after a rule change', () => {
  test('an award made under version 1 explains itself the same after version 2 is published', async () => {
    const { db } = getApp().deps.dbh
    const t = await makeTenant(getApp().deps, { timeZone: 'America/New_York' })
    const scope = { tenantId: t.id }
    const v1 = await loadActiveRuleVersion(db, t.id, now)
    const sale = { currency: 'USD', total: 2_574, subtotal: 2_340, tax: 234 }
    const context = { now, timeZone: 'America/New_York', stats: { visitCount: 0 } }
    const award = evaluate(v1.ruleSet, sale, context)
    const member = await findOrCreateMemberByIdentity(db, scope, { phone: '+14155550100', email: null }, now)
    const wallet = await ensureWallet(db, scope, member.id, now)
    const posted = await earn(db, scope, {
      walletId: wallet.id,
      points: award.points,
      referenceType: 'pos_txn',
      referenceId: 'txn_1',
      ruleVersionId: v1.id,
      explanation: explain(award.trace),
      now,
    })
    expect(posted.entry.explanation).toBe('$23.40 before tax → 23 pts')

    await publishRuleVersion(db, scope, {
      ruleSetInput: draft(3, [
        {
          kind: 'campaign_multiplier',
          config: { name: 'Tuesday double', multiplier: 2, starts_at: '2026-01-01T00:00' },
        },
      ]),
      actorUserId: 'u',
      now,
    })

    const [stored] = await inTenant(db, scope, (tx) =>
      tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, posted.entry.id)),
    )
    expect(stored!.points).toBe(23)
    expect(stored!.ruleVersionId).toBe(v1.id)
    expect(stored!.explanation).toBe('$23.40 before tax → 23 pts')
    // Re-explaining from the version the entry points at gives the same sentence…
    const original = (await inTenant(db, scope, (tx) => ruleVersionById(tx, t.id, stored!.ruleVersionId!)))!
    expect(explain(evaluate(original.ruleSet, sale, context).trace)).toBe(stored!.explanation)
    // …while the new active version would have said something else.
    const active = await loadActiveRuleVersion(db, t.id, now)
    expect(explain(evaluate(active.ruleSet, sale, context).trace)).toBe(
      '$23.40 before tax → 70 pts × 2 Tuesday double = 140 pts',
    )
  })
})
