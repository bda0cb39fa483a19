import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId, ts } from '../infra/columns'
import { members } from '../members/members.schema'
import { tenants } from '../tenancy/tenancy.schema'

export const entryTypes = [
  'earn',
  'redeem',
  'redeem_reversal',
  'earn_reversal',
  'adjustment',
  'expiry',
  'import',
] as const
export type EntryType = (typeof entryTypes)[number]

/**
 * One wallet per member. `balance` is a projection of the ledger written in the same
 * transaction as each entry; the CHECK is the last wall against a negative balance.
 */
export const wallets = pgTable(
  'wallets',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('wallets_member').on(t.memberId),
    index('wallets_tenant').on(t.tenantId, t.id),
    check('wallets_balance_non_negative', sql`${t.balance} >= 0`),
  ],
)

/**
 * The ledger: append-only (UPDATE/DELETE/TRUNCATE raise, see drizzle/ guards). The unique
 * (tenant, type, reference) makes every effect happen at most once, whatever retries occur.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    walletId: text('wallet_id')
      .notNull()
      .references(() => wallets.id),
    type: text('type', { enum: entryTypes }).notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    referenceType: text('reference_type').notNull(),
    referenceId: text('reference_id').notNull(),
    ruleVersionId: text('rule_version_id'),
    explanation: text('explanation').notNull(),
    actorUserId: text('actor_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_entries_effect_once').on(t.tenantId, t.type, t.referenceType, t.referenceId),
    // points and tenant_id (read by the RLS policy) ride along so reconciliation sums a wallet
    // range by an index-only scan.
    index('ledger_entries_wallet').on(t.walletId, t.createdAt, t.points, t.tenantId),
    index('ledger_entries_tenant_created_id').on(t.tenantId, t.createdAt, t.id),
    check('ledger_entries_balance_after_non_negative', sql`${t.balanceAfter} >= 0`),
  ],
)

/**
 * Each credit is a lot; spends consume the oldest-expiring lots first. `remaining` is a
 * projection updated in the entry's transaction; the allocations table records which lots
 * each debit used, append-only, so expiry and reversals can be computed without guessing.
 */
export const lots = pgTable(
  'lots',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    walletId: text('wallet_id')
      .notNull()
      .references(() => wallets.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    points: bigint('points', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    expiresAt: ts('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('lots_wallet_open').on(t.walletId, t.expiresAt),
    index('lots_entry').on(t.entryId),
    index('lots_wallet_sums').on(t.walletId, t.points, t.remaining, t.tenantId),
    // Open lots by expiry, across shops: the expiry job and the "points expire next week" notice.
    index('lots_open_expiry')
      .on(t.expiresAt, t.walletId, t.tenantId, t.remaining)
      .where(sql`remaining > 0 and expires_at is not null`),
    check('lots_remaining_range', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.points}`),
  ],
)

export const lotAllocations = pgTable(
  'lot_allocations',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    lotId: text('lot_id')
      .notNull()
      .references(() => lots.id),
    points: bigint('points', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('lot_allocations_entry').on(t.entryId), index('lot_allocations_lot').on(t.lotId)],
)

/** A short-lived code a consumer shows at the till. Points are taken at issue. */
export const redemptions = pgTable(
  'redemptions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    walletId: text('wallet_id')
      .notNull()
      .references(() => wallets.id),
    code: text('code').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['issued', 'completed', 'expired', 'cancelled'] })
      .notNull()
      .default('issued'),
    expiresAt: ts('expires_at').notNull(),
    completedAt: ts('completed_at'),
    completedBy: text('completed_by'),
    /** The catalog reward it bought (null: an amount of points), named as it was at issue. */
    rewardId: text('reward_id'),
    rewardName: text('reward_name'),
    /** The rule version it was issued under (null for codes from before rewards). */
    ruleVersionId: text('rule_version_id'),
    createdAt: createdAt(),
  },
  (t) => [
    // Unique while live: a code can be reused only once the earlier one is finished.
    uniqueIndex('redemptions_live_code').on(t.code).where(sql`status = 'issued'`),
    index('redemptions_tenant_code').on(t.tenantId, t.code),
    index('redemptions_expiry').on(t.status, t.expiresAt),
    index('redemptions_tenant_completed').on(t.tenantId, t.createdAt).where(sql`status = 'completed'`),
  ],
)

/**
 * One reconciliation pass (nightly or on demand), over every tenant or one (`scopeTenantId`):
 * what was checked and how many findings. `walletsChecked` grows while the run goes, out of
 * `walletsTotal` counted at the start, so the console can show progress.
 */
export const reconciliationRuns = pgTable('reconciliation_runs', {
  id: id(),
  trigger: text('trigger', { enum: ['scheduled', 'manual'] }).notNull(),
  scopeTenantId: text('scope_tenant_id').references(() => tenants.id),
  walletsTotal: integer('wallets_total'),
  walletsChecked: integer('wallets_checked').notNull().default(0),
  findingsCount: integer('findings_count').notNull().default(0),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at'),
})

/**
 * A disagreement between the ledger (the truth) and a projection, with its exact difference
 * (actual − expected). Only the balance projection is healed automatically; `healed` says so.
 */
export const reconciliationFindings = pgTable(
  'reconciliation_findings',
  {
    id: id(),
    runId: text('run_id')
      .notNull()
      .references(() => reconciliationRuns.id),
    tenantId: tenantId().references(() => tenants.id),
    walletId: text('wallet_id')
      .notNull()
      .references(() => wallets.id),
    kind: text('kind', { enum: ['projection_mismatch', 'missing_lot', 'lots_mismatch'] }).notNull(),
    expected: bigint('expected', { mode: 'number' }).notNull(),
    actual: bigint('actual', { mode: 'number' }).notNull(),
    difference: bigint('difference', { mode: 'number' }).notNull(),
    entryId: text('entry_id'),
    healed: boolean('healed').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('reconciliation_findings_run').on(t.runId)],
)

/**
 * Points flow per tenant per 15-minute UTC bucket (every real time zone offset is a multiple
 * of 15 minutes, so any shop's local days are whole sums of buckets). Written only by the
 * rollup job for buckets before the tenant's `ledger_rollups.rolled_until`; readers add the
 * ledger tail after that mark. See docs/decisions/0020-ledger-at-platform-size.md.
 */
export const ledgerFlows = pgTable(
  'ledger_flows',
  {
    tenantId: tenantId().references(() => tenants.id),
    bucket: ts('bucket').notNull(),
    earned: bigint('earned', { mode: 'number' }).notNull().default(0),
    spent: bigint('spent', { mode: 'number' }).notNull().default(0),
    net: bigint('net', { mode: 'number' }).notNull().default(0),
    /** Points that lapsed (expiry entries, as a positive number): breakage on the analytics. */
    expired: bigint('expired', { mode: 'number' }).notNull().default(0),
    entries: bigint('entries', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bucket] })],
)

/** The same flows per UTC day (`day` is its midnight), for windows of many days (migration 0031). */
export const ledgerFlowDays = pgTable(
  'ledger_flow_days',
  {
    tenantId: tenantId().references(() => tenants.id),
    day: ts('day').notNull(),
    earned: bigint('earned', { mode: 'number' }).notNull().default(0),
    spent: bigint('spent', { mode: 'number' }).notNull().default(0),
    net: bigint('net', { mode: 'number' }).notNull().default(0),
    expired: bigint('expired', { mode: 'number' }).notNull().default(0),
    entries: bigint('entries', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ name: 'ledger_flow_days_pk', columns: [t.tenantId, t.day] })],
)

/**
 * How far each tenant's ledger is rolled up into ledger_flows, the net points up to there, and
 * the members who joined before it (recounted on every run, so a removed member drops out).
 */
export const ledgerRollups = pgTable('ledger_rollups', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.id),
  rolledUntil: ts('rolled_until').notNull(),
  net: bigint('net', { mode: 'number' }).notNull().default(0),
  members: bigint('members', { mode: 'number' }).notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/**
 * Each wallet's tier: a projection of the ledger (points earned in the rules' rolling window,
 * reversals subtracted), recomputed on each award and nightly as old points leave the window.
 * `tier` is null below the first tier. Not append-only: it is a cache of the ledger, like balance.
 */
export const memberTiers = pgTable(
  'member_tiers',
  {
    walletId: text('wallet_id')
      .primaryKey()
      .references(() => wallets.id),
    tenantId: tenantId().references(() => tenants.id),
    tier: text('tier'),
    pointsInWindow: bigint('points_in_window', { mode: 'number' }).notNull(),
    ruleVersionId: text('rule_version_id').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('member_tiers_tenant').on(t.tenantId, t.walletId)],
)
