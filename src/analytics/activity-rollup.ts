// The worker's rollup of awarded sales into per-member activity facts and cohort counts, so the
// analytics read at most one row per member (never the sales) at 1M sales and 100k members.
// A visit is an awarded sale: one 'earn' entry per sale (reference 'pos_txn'), at the moment it
// was awarded. It follows the flow rollup's mark (15-minute aligned, 10 minutes of grace for
// transactions still open), each tenant under a lock on its own row, so concurrent runs never
// count a visit twice. Months are local months in the shop's zone at the time of the rollup.
// Why not in the sale's own transaction: one hot row per shop (ADR 0020, ADR 0026).
import { sql } from 'drizzle-orm'
import { type Db, execRows } from '../infra/db'
import { asSystem } from '../infra/scope'
import { rollupMark } from '../ledger'
import { tenants } from '../tenancy'

/** Rolls one tenant's visits forward to the mark; answers how many visits it added. */
export async function rollupTenantActivity(db: Db, tenantId: string, now: Date): Promise<{ visits: number }> {
  const mark = rollupMark(now).toISOString()
  return asSystem(db, async (tx) => {
    await tx.execute(
      sql`insert into activity_rollups (tenant_id, rolled_until) values (${tenantId}, 'epoch') on conflict (tenant_id) do nothing`,
    )
    const [state] = await execRows<{ from: string; zone: string; ahead: boolean }>(
      tx,
      sql`select r.rolled_until::text as from, t.time_zone as zone, r.rolled_until < ${mark}::timestamptz as ahead
            from activity_rollups r join tenants t on t.id = r.tenant_id where r.tenant_id = ${tenantId} for update of r`,
    )
    if (!state?.ahead) return { visits: 0 }
    // The planner guesses one row for each data-modifying CTE below and would join them by
    // nested loop: 50k visits took minutes that way. Hash joins are right at every size here.
    await tx.execute(sql`set local enable_nestloop = off`)
    // One statement: the members' facts (a member's first month never moves: batches arrive in
    // time order), the hour of each member's last visit moved in the histogram (out of the row
    // read before the upsert, into the row it wrote: all CTEs see the statement's snapshot), the
    // member-months seen for the first time, and those counted into cohorts.
    const [added] = await execRows<{ visits: string | number | null }>(
      tx,
      sql`with visits as (
            select w.member_id, e.created_at, e.points, date_trunc('month', e.created_at at time zone ${state.zone})::date as month
              from ledger_entries e join wallets w on w.id = e.wallet_id
             where e.tenant_id = ${tenantId} and e.type = 'earn' and e.reference_type = 'pos_txn'
               and e.created_at >= ${state.from}::timestamptz and e.created_at < ${mark}::timestamptz),
          per_member as (
            select member_id, min(created_at) as first_at, max(created_at) as last_at, min(month) as first_month, count(*) as n, sum(points) as points
              from visits group by member_id),
          before as (
            select a.member_id, a.last_visit_at, a.visits from member_activity a
             where a.tenant_id = ${tenantId} and a.member_id in (select member_id from per_member)),
          facts as (
            insert into member_activity (tenant_id, member_id, first_visit_at, last_visit_at, first_month, visits, points_earned)
            select ${tenantId}, member_id, first_at, last_at, first_month, n, points from per_member
            on conflict (tenant_id, member_id) do update set last_visit_at = greatest(member_activity.last_visit_at, excluded.last_visit_at),
              visits = member_activity.visits + excluded.visits, points_earned = member_activity.points_earned + excluded.points_earned
            returning member_id, first_month, last_visit_at, visits),
          hour_moves as (
            select date_bin('1 hour', last_visit_at, 'epoch'::timestamptz) as hour, -1 as members, -(visits >= 2)::int as repeaters from before
            union all
            select date_bin('1 hour', last_visit_at, 'epoch'::timestamptz), 1, (visits >= 2)::int from facts),
          hours as (
            insert into member_visit_hours (tenant_id, hour, members, repeaters)
            select ${tenantId}, hour, sum(members), sum(repeaters) from hour_moves group by hour
            on conflict (tenant_id, hour) do update set members = member_visit_hours.members + excluded.members,
              repeaters = member_visit_hours.repeaters + excluded.repeaters),
          new_months as (
            insert into member_visit_months (tenant_id, member_id, month)
            select distinct ${tenantId}, member_id, month from visits
            on conflict do nothing
            returning member_id, month),
          cohorts as (
            insert into cohort_activity (tenant_id, cohort_month, month, members)
            select ${tenantId}, f.first_month, n.month, count(*) from new_months n join facts f using (member_id) group by 2, 3
            on conflict (tenant_id, cohort_month, month) do update set members = cohort_activity.members + excluded.members)
          select count(*) as visits from visits`,
    )
    await tx.execute(
      sql`update activity_rollups set rolled_until = ${mark}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where tenant_id = ${tenantId}`,
    )
    return { visits: Number(added?.visits ?? 0) }
  })
}

/** Every tenant, one transaction each (a big shop's first rollup does not hold up the others). */
export async function rollupProgrammeActivity(db: Db, now: Date): Promise<{ tenants: number; visits: number }> {
  const ids = await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)
  let visits = 0
  for (const { id } of ids) visits += (await rollupTenantActivity(db, id, now)).visits
  return { tenants: ids.length, visits }
}
