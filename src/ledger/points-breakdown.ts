// Where a shop's points went since a moment: issued, redeemed, expired, and what is still
// outstanding now. Read like the overview (programme-stats.ts): the worker's rollup (whole UTC
// days, and quarter hours at the edges) up to the tenant's mark plus the ledger after it, so the
// figures are exact at any moment and cost the same at 1M entries as at 1k (ADR 0020). `since`
// must be a quarter hour (a local midnight always is), or the buckets would count part of a
// quarter the caller did not ask for.
import { sql } from 'drizzle-orm'
import { execRows, type Tx } from '../infra/db'

export type PointsBreakdown = {
  /** Credited for sales, imports and adjustments, net of refunds and downward adjustments. */
  issued: number
  /** Spent on rewards, net of codes that lapsed unused (their points came back). */
  redeemed: number
  /** Lapsed under the shop's expiry rule. */
  expired: number
  /** The ledger's sum now: what members can still redeem. */
  outstanding: number
}

type Num = string | number | null

const DAY_MS = 86_400_000

/** Runs in the caller's tenant transaction. issued − redeemed − expired is the net change since `since`. */
export async function pointsBreakdown(tx: Tx, tenantId: string, since: Date): Promise<PointsBreakdown> {
  // The mark is read first and passed as a value, so the planner sees how short the tail is.
  const [mark] = await execRows<{ until: string; until_ms: Num; net: Num }>(
    tx,
    sql`select rolled_until::text as until, extract(epoch from rolled_until) * 1000 as until_ms, net from ledger_rollups where tenant_id = ${tenantId}`,
  )
  const until = mark?.until ?? '1970-01-01 00:00:00+00'
  const untilMs = Number(mark?.until_ms ?? 0)
  // Rolled-up flows over [since, until): whole UTC days from ledger_flow_days, the ragged ends
  // (the window's local midnight, the mark's last hours) from the quarter hours. A window that
  // spans no whole day reads quarter hours only (both day bounds collapse onto `until`).
  const firstDay = Math.ceil(since.getTime() / DAY_MS) * DAY_MS
  const endDay = Math.floor(untilMs / DAY_MS) * DAY_MS
  const [daysFrom, daysTo] = firstDay < endDay ? [firstDay, endDay] : [untilMs, untilMs]
  const from = since.toISOString()
  const a = new Date(daysFrom).toISOString()
  const b = new Date(daysTo).toISOString()
  const [row] = await execRows<{ net: Num; spent: Num; expired: Num; tail: Num }>(
    tx,
    sql`with rolled as (
          select net, spent, expired from ledger_flows
           where tenant_id = ${tenantId} and ((bucket >= ${from}::timestamptz and bucket < ${a}::timestamptz) or (bucket >= ${b}::timestamptz and bucket < ${until}::timestamptz))
          union all
          select net, spent, expired from ledger_flow_days where tenant_id = ${tenantId} and day >= ${a}::timestamptz and day < ${b}::timestamptz),
        flows as (
          select coalesce(sum(net), 0) as net, coalesce(sum(spent), 0) as spent, coalesce(sum(expired), 0) as expired from rolled),
        tail as (
          select coalesce(sum(points), 0) as total,
                 coalesce(sum(points) filter (where created_at >= ${from}::timestamptz), 0) as net,
                 coalesce(-sum(points) filter (where created_at >= ${from}::timestamptz and type in ('redeem', 'redeem_reversal')), 0) as spent,
                 coalesce(-sum(points) filter (where created_at >= ${from}::timestamptz and type = 'expiry'), 0) as expired
            from ledger_entries where tenant_id = ${tenantId} and created_at >= ${until}::timestamptz)
        select flows.net + tail.net as net, flows.spent + tail.spent as spent, flows.expired + tail.expired as expired, tail.total as tail from flows, tail`,
  )
  const redeemed = Number(row?.spent ?? 0)
  const expired = Number(row?.expired ?? 0)
  return {
    issued: Number(row?.net ?? 0) + redeemed + expired,
    redeemed,
    expired,
    outstanding: Number(mark?.net ?? 0) + Number(row?.tail ?? 0),
  }
}
