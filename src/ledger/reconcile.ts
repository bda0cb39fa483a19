// Reconciliation: the ledger is the truth; the wallet balance and the lots are projections of
// it. Pass 1 finds suspect wallets in bulk without locks; pass 2 re-checks each suspect under
// its wallet lock (writers take it first), so a write in flight is never reported as drift.
// Only the balance projection is healed (and audited); lots are reported for a human, and the
// ledger itself is never touched.
import { and, eq, sql } from 'drizzle-orm'
import { recordAudit } from '../audit'
import { type Db, execRows, type Tx } from '../infra/db'
import { asSystem } from '../infra/scope'
import { wallets } from '../members/members.schema'
import { newId } from '../shared/ids'
import { reconciliationFindings, reconciliationRuns } from './ledger.schema'

export type FindingKind = 'projection_mismatch' | 'missing_lot' | 'lots_mismatch'
export type Finding = { kind: FindingKind; tenantId: string; walletId: string; expected: number; actual: number; difference: number; entryId: string | null; healed: boolean }
export type RunResult = { runId: string; walletsChecked: number; findings: Finding[] }

type Sums = { wallet_id: string; tenant_id: string; balance: number; ledger: number; lots: number; missing: number }

const RECONCILER = 'system:reconciliation'

/** Per-wallet sums; `missing` counts credit points whose entry has no lot at all. */
function sumsQuery(walletId?: string) {
  return sql`
    select w.id as wallet_id, w.tenant_id, w.balance,
      coalesce((select sum(e.points) from ledger_entries e where e.wallet_id = w.id), 0)::int as ledger,
      coalesce((select sum(l.remaining) from lots l where l.wallet_id = w.id), 0)::int as lots,
      coalesce((select sum(e.points) from ledger_entries e where e.wallet_id = w.id and e.points > 0
        and not exists (select 1 from lots l where l.entry_id = e.id)), 0)::int as missing
    from wallets w ${walletId ? sql`where w.id = ${walletId}` : sql``}`
}

const isSuspect = (s: Sums) => s.balance !== s.ledger || s.lots !== s.ledger || s.missing !== 0

async function checkWallet(tx: Tx, walletId: string): Promise<Finding[]> {
  await tx.select({ id: wallets.id }).from(wallets).where(eq(wallets.id, walletId)).for('update')
  const [s] = await execRows<Sums>(tx, sumsQuery(walletId))
  if (!s || !isSuspect(s)) return []
  const base = { tenantId: s.tenant_id, walletId, healed: false, entryId: null }
  const out: Finding[] = []
  if (s.balance !== s.ledger) out.push({ ...base, kind: 'projection_mismatch', expected: s.ledger, actual: s.balance, difference: s.balance - s.ledger, healed: s.ledger >= 0 })
  const missing = await execRows<{ id: string; points: number }>(
    tx,
    sql`select e.id, e.points from ledger_entries e where e.wallet_id = ${walletId} and e.points > 0 and not exists (select 1 from lots l where l.entry_id = e.id) order by e.id`,
  )
  for (const m of missing) out.push({ ...base, kind: 'missing_lot', expected: m.points, actual: 0, difference: -m.points, entryId: m.id })
  // A missing lot already explains its own points; only what remains unexplained is reported here.
  const lotsAccounted = s.lots + s.missing
  if (lotsAccounted !== s.ledger) out.push({ ...base, kind: 'lots_mismatch', expected: s.ledger, actual: lotsAccounted, difference: lotsAccounted - s.ledger })
  return out
}

async function heal(tx: Tx, f: Finding, now: Date) {
  await tx.update(wallets).set({ balance: f.expected, updatedAt: now }).where(and(eq(wallets.id, f.walletId), eq(wallets.balance, f.actual)))
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

export async function reconcileLedger(db: Db, opts: { now: Date; trigger: 'scheduled' | 'manual'; onFinding?: (f: Finding) => void }): Promise<RunResult> {
  const runId = newId('rec', opts.now.getTime())
  await db.insert(reconciliationRuns).values({ id: runId, trigger: opts.trigger, startedAt: opts.now })
  const all = await asSystem(db, (tx) => execRows<Sums>(tx, sumsQuery()))
  const findings: Finding[] = []
  for (const suspect of all.filter(isSuspect)) {
    const found = await asSystem(db, async (tx) => {
      const fs = await checkWallet(tx, suspect.wallet_id)
      for (const f of fs) {
        if (f.kind === 'projection_mismatch' && f.healed) await heal(tx, f, opts.now)
        await tx.insert(reconciliationFindings).values({ id: newId('fnd', opts.now.getTime()), runId, ...f, createdAt: opts.now })
      }
      return fs
    })
    for (const f of found) opts.onFinding?.(f)
    findings.push(...found)
  }
  await db.update(reconciliationRuns).set({ walletsChecked: all.length, findingsCount: findings.length, finishedAt: new Date() }).where(eq(reconciliationRuns.id, runId))
  return { runId, walletsChecked: all.length, findings }
}

export async function listRuns(db: Db, limit = 20) {
  return db.select().from(reconciliationRuns).orderBy(sql`${reconciliationRuns.startedAt} desc`).limit(limit)
}

export async function findingsOf(db: Db, runId: string) {
  return asSystem(db, (tx) => tx.select().from(reconciliationFindings).where(eq(reconciliationFindings.runId, runId)))
}
