// Opening balances brought over from another loyalty system, many wallets at once: one
// `import` entry and one lot per member, at most once per member ever (the entry's reference is
// the member, so the ledger's unique effect index refuses a second). Set-based because a shop
// moving 100k customers should not wait for 100k round trips: each chunk's lists travel as a
// few array parameters, and every row is found through a unique index one probe at a time
// (LATERAL … LIMIT 1, ON CONFLICT), so the plan cannot turn into a scan of the shop's ledger
// when the table statistics lag behind a big import.
import { sql } from 'drizzle-orm'
import { execRows, type Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { newId } from '../shared/ids'

export type OpeningBalance = { memberId: string; points: number }

export const IMPORT_REFERENCE = 'member'

/** Members of the list that already received their opening balance. */
export async function alreadyImportedMembers(tx: Tx, scope: TenantScope, memberIds: string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set()
  const rows = await execRows<{ id: string }>(
    tx,
    sql`select e.reference_id as id
        from unnest(${sql.param(memberIds)}::text[]) as m(id)
        cross join lateral (
          select reference_id from ledger_entries
          where tenant_id = ${scope.tenantId} and type = 'import' and reference_type = ${IMPORT_REFERENCE}
            and reference_id = m.id
          limit 1
        ) e`,
  )
  return new Set(rows.map((r) => r.id))
}

/**
 * Gives every member of the list a wallet and credits each positive balance: the wallet (new,
 * or an existing one topped up), its `import` entry with the balance it produced, and its lot,
 * in one statement. Returns how many were credited. The caller passes only members not
 * credited before and holds a per-tenant import lock, so that read stays true until commit;
 * were it wrong, the unique effect index would refuse the second entry and roll the chunk back.
 * The import is the one writer that moves many wallets in a transaction, and single-wallet
 * writers hold one wallet at a time, so the order the rows are locked in cannot deadlock.
 */
export async function creditOpeningBalances(
  tx: Tx,
  scope: TenantScope,
  items: OpeningBalance[],
  explanation: string,
  now: Date,
): Promise<number> {
  if (!items.length) return 0
  const at = now.toISOString()
  const ids = (prefix: 'wal' | 'ent' | 'lot') => sql.param(items.map(() => newId(prefix, now.getTime())))
  const [row] = await execRows<{ credited: number }>(
    tx,
    sql`with d as (
          select * from unnest(
            ${sql.param(items.map((i) => i.memberId))}::text[], ${sql.param(items.map((i) => i.points))}::bigint[],
            ${ids('wal')}::text[], ${ids('ent')}::text[], ${ids('lot')}::text[]
          ) as d(member_id, points, wallet_id, entry_id, lot_id)
        ), w as (
          insert into wallets as w (id, tenant_id, member_id, balance, updated_at, created_at)
          select wallet_id, ${scope.tenantId}, member_id, points, ${at}::timestamptz, ${at}::timestamptz from d
          on conflict (member_id) do update set balance = w.balance + excluded.balance, updated_at = excluded.updated_at
            where w.tenant_id = ${scope.tenantId} and excluded.balance > 0
          returning w.id, w.member_id, w.balance
        ), credited as (
          select d.member_id, d.points, d.entry_id, d.lot_id, w.id as wallet_id, w.balance
          from w join d on d.member_id = w.member_id
          where d.points > 0
        ), entries as (
          insert into ledger_entries (id, tenant_id, wallet_id, type, points, balance_after, reference_type, reference_id, explanation, created_at)
          select entry_id, ${scope.tenantId}, wallet_id, 'import', points, balance, ${IMPORT_REFERENCE}, member_id, ${explanation}, ${at}::timestamptz
          from credited
          returning 1
        ), new_lots as (
          insert into lots (id, tenant_id, wallet_id, entry_id, points, remaining, expires_at, created_at)
          select lot_id, ${scope.tenantId}, wallet_id, entry_id, points, points, null, ${at}::timestamptz from credited
        )
        select count(*)::int as credited from entries`,
  )
  const expected = items.filter((i) => i.points > 0).length
  // Only a wallet of another tenant under one of these member ids could fall out of the upsert.
  if (row?.credited !== expected) throw new Error(`opening balances: credited ${row?.credited} of ${expected}`)
  return expected
}
