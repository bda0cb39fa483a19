// The worker's rollup of the ledger into 15-minute flow buckets per tenant (ledger_flows; the
// same per UTC day in ledger_flow_days, for long windows) and a running net total
// (ledger_rollups), so the merchant overview reads a few thousand bucket rows plus the recent
// tail instead of the whole ledger. Buckets are only rolled up once they are
// ROLLUP_GRACE_MS old: an entry's created_at is taken when its transaction starts, and waiting
// means every transaction that could still write into a bucket has committed. Readers add the
// ledger after `rolled_until` themselves, so the figures are exact between runs too. The
// members count is kept the same way (counted up to the mark; readers add the newer ones).
// Why not in the ledger write's own transaction: one hot row per shop would serialise all of a
// shop's sales (ADR 0020).
import { sql } from 'drizzle-orm'
import { type Db, execRows } from '../infra/db'
import { asSystem } from '../infra/scope'
import { tenants } from '../infra/schema'

const ROLLUP_GRACE_MS = 10 * 60_000
const BUCKET_MS = 15 * 60_000

/** The bucket boundary every rollup stops at: 15-minute aligned, at least the grace in the past. */
export const rollupMark = (now: Date) => new Date(Math.floor((now.getTime() - ROLLUP_GRACE_MS) / BUCKET_MS) * BUCKET_MS)

/** The SQL bucket of a timestamp; the origin is a UTC quarter hour, as rollupMark assumes. */
const bucketOf = (col: ReturnType<typeof sql.raw>) =>
  sql`date_bin('15 minutes', ${col}, timestamptz '2000-01-01 00:00:00+00')`

/** Rolls one tenant's ledger forward to the mark. Concurrent runs serialise on the tenant's row. */
export async function rollupTenantFlows(db: Db, tenantId: string, now: Date): Promise<{ entries: number }> {
  const mark = rollupMark(now)
  return asSystem(db, async (tx) => {
    await tx.execute(
      sql`insert into ledger_rollups (tenant_id, rolled_until, net) values (${tenantId}, 'epoch', 0) on conflict (tenant_id) do nothing`,
    )
    const [state] = await execRows<{ rolled_until: string }>(
      tx,
      sql`select rolled_until::text from ledger_rollups where tenant_id = ${tenantId} for update`,
    )
    const from = state?.rolled_until ?? 'epoch'
    const [range] = await execRows<{ ahead: boolean }>(
      tx,
      sql`select ${from}::timestamptz < ${mark.toISOString()}::timestamptz as ahead`,
    )
    if (!range?.ahead) return { entries: 0 }
    const added = await execRows<{ net: string | number | null; entries: string | number | null }>(
      tx,
      sql`with flows as (
            select ${bucketOf(sql.raw('created_at'))} as bucket,
                   coalesce(sum(points) filter (where type in ('earn', 'earn_reversal')), 0) as earned,
                   coalesce(-sum(points) filter (where type in ('redeem', 'redeem_reversal')), 0) as spent,
                   coalesce(-sum(points) filter (where type = 'expiry'), 0) as expired,
                   sum(points) as net, count(*) as entries
              from ledger_entries
             where tenant_id = ${tenantId} and created_at >= ${from}::timestamptz and created_at < ${mark.toISOString()}::timestamptz
             group by 1),
          ins as (
            insert into ledger_flows (tenant_id, bucket, earned, spent, expired, net, entries)
            select ${tenantId}, bucket, earned, spent, expired, net, entries from flows
            on conflict (tenant_id, bucket) do update set earned = ledger_flows.earned + excluded.earned, spent = ledger_flows.spent + excluded.spent,
              expired = ledger_flows.expired + excluded.expired,
              net = ledger_flows.net + excluded.net, entries = ledger_flows.entries + excluded.entries),
          days as (
            insert into ledger_flow_days (tenant_id, day, earned, spent, expired, net, entries)
            select ${tenantId}, date_bin('1 day', bucket, 'epoch'::timestamptz), sum(earned), sum(spent), sum(expired), sum(net), sum(entries) from flows group by 2
            on conflict (tenant_id, day) do update set earned = ledger_flow_days.earned + excluded.earned, spent = ledger_flow_days.spent + excluded.spent,
              expired = ledger_flow_days.expired + excluded.expired,
              net = ledger_flow_days.net + excluded.net, entries = ledger_flow_days.entries + excluded.entries)
          select sum(net) as net, sum(entries) as entries from flows`,
    )
    const net = Number(added[0]?.net ?? 0)
    const at = mark.toISOString()
    await tx.execute(
      sql`update ledger_rollups set rolled_until = ${at}::timestamptz, net = net + ${net}, updated_at = ${now.toISOString()}::timestamptz,
            members = (select count(*) from members where tenant_id = ${tenantId} and created_at < ${at}::timestamptz)
          where tenant_id = ${tenantId}`,
    )
    return { entries: Number(added[0]?.entries ?? 0) }
  })
}

/** Every tenant, one transaction each (a big shop's first rollup does not hold up the others). */
export async function rollupLedgerFlows(db: Db, now: Date): Promise<{ tenants: number; entries: number }> {
  const ids = await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)
  let entries = 0
  for (const { id } of ids) entries += (await rollupTenantFlows(db, id, now)).entries
  return { tenants: ids.length, entries }
}
