// Reconciliation: the ledger is the truth; the wallet balance and the lots are projections of
// it. Pass 1 walks the wallets in id order in batches (two summed at once while nobody else uses
// the database, one otherwise: reconcile-pace.ts) and sums each batch's ledger and lots from
// narrow indexes (index-only scans), so one run is one pass over the ledger in constant
// memory: nothing but the current batches' suspects is held in the process. Pass 2
// re-checks each suspect under its wallet lock (writers take it first), so a write in flight is
// never reported as drift. Only the balance projection is healed (and audited); lots are
// reported for a human, and the ledger itself is never touched. ADR 0020 has the measurements.
import { and, eq, sql } from 'drizzle-orm'
import { recordAudit } from '../audit'
import { type Db, execRows, type Tx } from '../infra/db'
import { asSystem } from '../infra/scope'
import { newId } from '../shared/ids'
import { asReconciler, watchActivity } from './reconcile-pace'
import { reconciliationFindings, reconciliationRuns, wallets } from './ledger.schema'

export type FindingKind = 'projection_mismatch' | 'missing_lot' | 'lots_mismatch'
export type Finding = {
  kind: FindingKind
  tenantId: string
  walletId: string
  expected: number
  actual: number
  difference: number
  entryId: string | null
  healed: boolean
}
export type RunResult = { runId: string; walletsChecked: number; findings: Finding[] }
export type RunProgress = { runId: string; walletsChecked: number; walletsTotal: number }

type Sums = { wallet_id: string; tenant_id: string; balance: number; ledger: number; lots: number; missing: number }
/** Pass 1's per-wallet figures: credits and lot points agree whenever every credit has its lots. */
type BatchSums = {
  wallet_id: string
  balance: number
  ledger: number
  credits: number
  lots: number
  lot_points: number
}

const RECONCILER = 'system:reconciliation'
/** Wallets per pass-1 query: big enough that per-query overhead vanishes (measured at 1M entries), small enough to report progress often. */
const RECONCILE_BATCH = 50_000
/**
 * Batches summed at once, each on its own connection: the bare GROUP BY it is measured against
 * runs as a parallel query on every core, and at 10M entries one batch at a time was 3.75× it.
 * The second lane gives way to other sessions (reconcile-pace.ts), so shops' pages keep a core.
 */
const RECONCILE_PARALLEL = 2

/** One wallet's exact sums, including `missing`: credit points whose entry has no lot at all. */
function sumsQuery(walletId: string) {
  return sql`
    select w.id as wallet_id, w.tenant_id, w.balance,
      coalesce((select sum(e.points) from ledger_entries e where e.wallet_id = w.id), 0)::bigint as ledger,
      coalesce((select sum(l.remaining) from lots l where l.wallet_id = w.id), 0)::bigint as lots,
      coalesce((select sum(e.points) from ledger_entries e where e.wallet_id = w.id and e.points > 0
        and not exists (select 1 from lots l where l.entry_id = e.id)), 0)::bigint as missing
    from wallets w where w.id = ${walletId}`
}

// A wallet is suspect when its balance or its lots' remaining points differ from the ledger, or
// when its lots' original points differ from its credits (a lot is missing or was altered).
const SUSPECT = sql`(s.balance <> s.ledger or s.lots <> s.ledger or s.lot_points <> s.credits)`

/**
 * Platform-wide batch: the wallets in (after, upto], each summed by an index-only lookup of its
 * own ledger and lots. Grouping each table's id range instead let the planner pick a full scan
 * and an on-disk sort whenever a batch was a large share of the ledger (measured at 1M entries).
 */
function rangeBatch(after: string, upto: string) {
  return sql`
    with b as (select id, balance from wallets where id > ${after} and id <= ${upto})
    select * from (
      select b.id as wallet_id, b.balance::bigint as balance, l.ledger, l.credits, o.lots, o.lot_points
      from b
      cross join lateral (select coalesce(sum(points), 0)::bigint as ledger, coalesce(sum(points) filter (where points > 0), 0)::bigint as credits
                            from ledger_entries e where e.wallet_id = b.id) l
      cross join lateral (select coalesce(sum(remaining), 0)::bigint as lots, coalesce(sum(points), 0)::bigint as lot_points
                            from lots where lots.wallet_id = b.id) o) s
    where ${SUSPECT}`
}

/**
 * One tenant's batch: its next wallets by (tenant_id, id), each summed by an index lookup, so
 * the cost follows the tenant's own rows however big the tables are.
 */
function tenantBatch(tenantId: string, after: string, upto: string) {
  return sql`
    with b as (select id, balance from wallets where tenant_id = ${tenantId} and id > ${after} and id <= ${upto})
    select * from (
      select b.id as wallet_id, b.balance::bigint as balance, l.ledger, l.credits, o.lots, o.lot_points
      from b
      cross join lateral (select coalesce(sum(points), 0)::bigint as ledger, coalesce(sum(points) filter (where points > 0), 0)::bigint as credits
                            from ledger_entries e where e.wallet_id = b.id and e.tenant_id = ${tenantId}) l
      cross join lateral (select coalesce(sum(remaining), 0)::bigint as lots, coalesce(sum(points), 0)::bigint as lot_points
                            from lots where lots.wallet_id = b.id and lots.tenant_id = ${tenantId}) o) s
    where ${SUSPECT}`
}

/** The next batch after `after`: its last wallet id and size (0 when none are left). */
async function nextBatch(
  tx: Tx,
  after: string,
  size: number,
  tenantId: string | null,
): Promise<{ end: string | null; n: number }> {
  const [row] = await execRows<{ end: string | null; n: number }>(
    tx,
    tenantId
      ? sql`select max(id) as end, count(*)::int as n from (select id from wallets where tenant_id = ${tenantId} and id > ${after} order by tenant_id, id limit ${size}) b`
      : sql`select max(id) as end, count(*)::int as n from (select id from wallets where id > ${after} order by id limit ${size}) b`,
  )
  return { end: row?.end ?? null, n: Number(row?.n ?? 0) }
}

const isSuspect = (s: Sums) => s.balance !== s.ledger || s.lots !== s.ledger || s.missing !== 0
const num = (s: Sums): Sums => ({
  ...s,
  balance: Number(s.balance),
  ledger: Number(s.ledger),
  lots: Number(s.lots),
  missing: Number(s.missing),
})

async function checkWallet(tx: Tx, walletId: string): Promise<Finding[]> {
  await tx.select({ id: wallets.id }).from(wallets).where(eq(wallets.id, walletId)).for('update')
  const [raw] = await execRows<Sums>(tx, sumsQuery(walletId))
  if (!raw) return []
  const s = num(raw)
  if (!isSuspect(s)) return []
  const base = { tenantId: s.tenant_id, walletId, healed: false, entryId: null }
  const out: Finding[] = []
  if (s.balance !== s.ledger)
    out.push({
      ...base,
      kind: 'projection_mismatch',
      expected: s.ledger,
      actual: s.balance,
      difference: s.balance - s.ledger,
      healed: s.ledger >= 0,
    })
  // Raw bigint: a string from postgres.js, a BigInt from PGlite; points fit in 2^53.
  const missing = await execRows<{ id: string; points: number | string | bigint }>(
    tx,
    sql`select e.id, e.points from ledger_entries e where e.wallet_id = ${walletId} and e.points > 0 and not exists (select 1 from lots l where l.entry_id = e.id) order by e.id`,
  )
  for (const m of missing)
    out.push({
      ...base,
      kind: 'missing_lot',
      expected: Number(m.points),
      actual: 0,
      difference: -Number(m.points),
      entryId: m.id,
    })
  // A missing lot already explains its own points; only what remains unexplained is reported here.
  const lotsAccounted = s.lots + s.missing
  if (lotsAccounted !== s.ledger)
    out.push({
      ...base,
      kind: 'lots_mismatch',
      expected: s.ledger,
      actual: lotsAccounted,
      difference: lotsAccounted - s.ledger,
    })
  return out
}

async function heal(tx: Tx, f: Finding, now: Date) {
  await tx
    .update(wallets)
    .set({ balance: f.expected, updatedAt: now })
    .where(and(eq(wallets.id, f.walletId), eq(wallets.balance, f.actual)))
  await recordAudit(tx, {
    actorUserId: RECONCILER,
    action: 'wallet.balance_healed',
    target: { type: 'wallet', id: f.walletId, tenantId: f.tenantId },
    before: { balance: f.actual },
    after: { balance: f.expected },
    reason: `Balance projection disagreed with the ledger by ${f.difference}; rebuilt from the ledger`,
    at: now,
  })
}

export type ReconcileOptions = {
  now: Date
  trigger: 'scheduled' | 'manual'
  /** Only this tenant's wallets; every tenant when absent. */
  tenantId?: string
  batchSize?: number
  onFinding?: (f: Finding) => void
  /** Called after each batch (and once at the start), for the console's progress bar. */
  onProgress?: (p: RunProgress) => void | Promise<void>
}

export async function reconcileLedger(db: Db, opts: ReconcileOptions): Promise<RunResult> {
  const runId = newId('rec', opts.now.getTime())
  const tenantId = opts.tenantId ?? null
  const size = opts.batchSize ?? RECONCILE_BATCH
  const walletsTotal = await asSystem(db, async (tx) => {
    const [c] = await execRows<{ n: number }>(
      tx,
      tenantId
        ? sql`select count(*)::int as n from wallets where tenant_id = ${tenantId}`
        : sql`select count(*)::int as n from wallets`,
    )
    return Number(c?.n ?? 0)
  })
  await db
    .insert(reconciliationRuns)
    .values({ id: runId, trigger: opts.trigger, scopeTenantId: tenantId, walletsTotal, startedAt: opts.now })
  await opts.onProgress?.({ runId, walletsChecked: 0, walletsTotal })
  const findings: Finding[] = []
  // Batch ranges are claimed one after another (each starts where the last ended) and summed
  // RECONCILE_PARALLEL at a time on their own connections; progress advances in batch order, so
  // the bar never counts a later batch before an earlier one.
  let after = ''
  let exhausted = false
  let claimed = 0
  let claiming: Promise<unknown> = Promise.resolve()
  const claimRange = () => {
    const next = claiming.then(async () => {
      if (exhausted) return null
      const { end, n } = await asReconciler(db, (tx) => nextBatch(tx, after, size, tenantId))
      if (!end) {
        exhausted = true
        return null
      }
      const range = { index: claimed++, from: after, end, n }
      after = end
      if (n < size) exhausted = true
      return range
    })
    claiming = next.catch(() => {})
    return next
  }
  // Reports run one after another in the order they were made: the run's row never goes back.
  let reporting: Promise<void> = Promise.resolve()
  const report = (checked: number) => {
    reporting = reporting.then(async () => {
      await db
        .update(reconciliationRuns)
        .set({ walletsChecked: checked, findingsCount: findings.length })
        .where(eq(reconciliationRuns.id, runId))
      await opts.onProgress?.({ runId, walletsChecked: checked, walletsTotal: Math.max(walletsTotal, checked) })
    })
    return reporting
  }
  const finished = new Map<number, number>()
  let reported = 0
  let walletsChecked = 0
  // Lanes after the first run only while no one else is using the database (reconcile-pace.ts).
  const pace = watchActivity(db)
  const sumBatches = async (lane: number) => {
    const next = async () => {
      // The first lane may take the last batch meanwhile: then this one has nothing left to wait for.
      if (lane > 0) await pace.quiet(() => exhausted)
      return claimRange()
    }
    for (let range = await next(); range; range = await next()) {
      const { from, end } = range
      const suspects = await asReconciler(db, (tx) =>
        execRows<BatchSums>(tx, tenantId ? tenantBatch(tenantId, from, end) : rangeBatch(from, end)),
      )
      for (const suspect of suspects) {
        const found = await asSystem(db, async (tx) => {
          const fs = await checkWallet(tx, suspect.wallet_id)
          for (const f of fs) {
            if (f.kind === 'projection_mismatch' && f.healed) await heal(tx, f, opts.now)
            await tx
              .insert(reconciliationFindings)
              .values({ id: newId('fnd', opts.now.getTime()), runId, ...f, createdAt: opts.now })
          }
          return fs
        })
        for (const f of found) opts.onFinding?.(f)
        findings.push(...found)
      }
      finished.set(range.index, range.n)
      for (let n = finished.get(reported); n !== undefined; n = finished.get(reported)) {
        finished.delete(reported++)
        walletsChecked += n
        await report(walletsChecked)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: RECONCILE_PARALLEL }, (_, lane) => sumBatches(lane)))
  } finally {
    pace.stop()
  }
  findings.sort((a, b) => (a.walletId < b.walletId ? -1 : a.walletId > b.walletId ? 1 : 0))
  await db
    .update(reconciliationRuns)
    .set({ walletsChecked, findingsCount: findings.length, finishedAt: new Date() })
    .where(eq(reconciliationRuns.id, runId))
  return { runId, walletsChecked, findings }
}
